"""The admin's forms as the server writes them: valid HTML, and a name for every input (the
browser test in tests/e2e/test_accessibility.py checks the pages whole, with their scripts)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from minutes.models import Document
from tests.factories import make_action, make_item, make_meeting, make_organization, make_person


class _Controls(HTMLParser):
    """Each form control's attributes by name, the options of each select, and the labels."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: dict[str, dict[str, str | None]] = {}
        self.options: dict[str, list[tuple[str | None, str]]] = {}
        self.labels: list[tuple[dict[str, str | None], str]] = []
        self._select: str | None = None
        self._open: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "select", "textarea"):
            self.controls[attrs.get("name") or ""] = attrs
        if tag == "select":
            self._select = attrs.get("name")
            self.options[self._select] = []
        elif tag == "option" and self._select:
            self._open = [attrs.get("value"), ""]
        elif tag == "label":
            self._open = [attrs, ""]

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._select and self._open is not None:
            self.options[self._select].append((self._open[0], self._open[1].strip()))
            self._open = None
        elif tag == "select":
            self._select = None
        elif tag == "label" and self._open is not None:
            self.labels.append((self._open[0], self._open[1].strip()))
            self._open = None


def _page(client, name: str, *args) -> _Controls:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    parsed = _Controls()
    parsed.feed(response.content.decode())
    return parsed


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def test_a_single_autocomplete_box_starts_with_a_labelled_blank_choice(admin_client):
    unhcr = make_organization(acronym="UNHCR")
    person = make_person(name="Amy Pope", organization=unhcr)
    position = person.positions.get()

    # Required, nothing chosen yet: HTML wants a first, empty choice.
    new = _page(admin_client, "admin:participants_position_add")
    assert "required" in new.controls["person"]
    assert new.options["person"] == [("", "---------")]
    # Required, chosen: the blank first, then the choice.
    change = _page(admin_client, "admin:participants_position_change", position.pk)
    assert change.options["person"] == [("", "---------"), (str(person.pk), "Amy Pope")]
    assert change.options["organization"][0] == ("", "---------")
    # Optional: one blank, labelled (Django's own is empty).
    org = _page(admin_client, "admin:participants_organization_change", unhcr.pk)
    assert org.options["parent"] == [("", "---------")]


def test_every_input_of_a_tabular_inline_row_is_named_after_its_column(admin_client):
    meeting = make_meeting()
    Document.objects.create(meeting=meeting, title="Framework", url="https://example.org/f")
    page = _page(admin_client, "admin:minutes_meeting_change", meeting.pk)
    names = {
        name.removeprefix("documents-0-"): attrs.get("aria-label")
        for name, attrs in page.controls.items()
        if name.startswith("documents-0-") and attrs.get("type") != "hidden"
    }
    # The headings of the table: the form's labels, and Django's "Delete?".
    assert names == {
        "title": "Title",
        "url": "Link (URL)",
        "file": "Or upload a file",
        "DELETE": "Delete",
    }


def test_the_date_and_the_time_of_a_moment_each_have_a_label(admin_client):
    meeting = make_meeting()
    page = _page(admin_client, "admin:minutes_meeting_change", meeting.pk)
    labels = {attrs.get("for"): text for attrs, text in page.labels}
    assert labels["id_start_0"] == "Date:"
    assert labels["id_start_1"] == "Time:"
    assert "id_start_0" in {a.get("id") for a in page.controls.values()}


def test_no_label_points_at_a_hidden_input(admin_client):
    action = make_action(make_item(make_meeting()))
    page = _page(admin_client, "admin:minutes_actionpoint_change", action.pk)
    hidden = {a["id"] for a in page.controls.values() if a.get("type") == "hidden" and a.get("id")}
    assert page.controls["seen_version"]["value"] == str(action.version)
    assert "id_seen_version" in hidden
    assert not [text for attrs, text in page.labels if attrs.get("for") in hidden]


def test_the_password_summary_is_not_marked_disabled(admin_client, admin):
    response = admin_client.get(reverse("admin:auth_user_change", args=[admin.pk]))
    summary = re.search(r'<div[^>]* id="id_password"[^>]*>', response.content.decode())
    assert summary is not None
    assert "disabled" not in summary.group(0)
    assert 'aria-describedby="id_password_helptext"' in summary.group(0)


def test_every_admin_page_loads_the_script_that_names_its_widgets(admin_client):
    for name in ("admin:index", "admin:minutes_meeting_changelist", "admin:minutes_meeting_add"):
        html = admin_client.get(reverse(name)).content.decode()
        assert re.search(r'<script src="/static/admin-fixes/accessible-widgets\.js"', html), name
