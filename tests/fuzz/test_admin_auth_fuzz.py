"""The admin's add and change forms of the main models (as a superuser), login and password
reset, with random text and dates: never a 500, and a refused form writes nothing."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from minutes.models import ActionPoint, ActionUpdate, Attendance, Meeting
from participants.models import Organization, Person, Position
from tests.factories import make_action, make_item, make_meeting
from tests.fuzz.strategies import DATES, TEXT, TIMES, counts, rows, stripped

pytestmark = pytest.mark.fuzz


class _FormFields(HTMLParser):
    """What a browser would post for the page's main form, as rendered."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "file", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(name, []).append(a.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data


def _as_rendered(response) -> dict[str, list[str]]:
    parser = _FormFields()
    parser.feed(response.content.decode())
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


@pytest.fixture
def superuser_client(client, admin):
    client.force_login(admin)
    client.raise_request_exception = False
    return client


# model, {field: strategy} posted over the rendered form, base values that make a valid row.
ADMIN_CASES = {
    "meeting": (
        Meeting,
        {"title": TEXT, "location": TEXT, "start_0": DATES, "start_1": TIMES, "level": TEXT},
        lambda world: {
            "body": str(world["body"].pk),
            "title": "Admin meeting",
            "modality": "virtual",
            "status": "draft",
            "start_0": "2024-05-02",
            "start_1": "10:00",
        },
    ),
    "actionpoint": (
        ActionPoint,
        {"text": TEXT, "owner_note": TEXT, "due_date": DATES, "reference": TEXT},
        lambda world: {
            "agenda_item": str(world["item"].pk),
            "text": "Admin action",
            "reference": "ADM/1",
            "status": "open",
            "due_precision": "none",
        },
    ),
    "organization": (
        Organization,
        {"name": TEXT, "acronym": TEXT, "parent": st.sampled_from(["", "1", "abc", str(2**64)])},
        lambda world: {"name": "Admin Org", "kind": "un_entity"},
    ),
    "person": (
        Person,
        {"name": TEXT, "email": TEXT, "positions-0-title": TEXT, "positions-0-start": DATES},
        lambda world: {"name": "Admin Person"},
    ),
}
# Action points are added from a meeting's item editor only, never in the admin.
ADD_REFUSED = {"actionpoint"}
TABLES = (Meeting, ActionPoint, ActionUpdate, Attendance, Organization, Person, Position)


@pytest.mark.parametrize("model_name", list(ADMIN_CASES))
@given(data=st.data(), change=st.booleans())
def test_admin_add_and_change_forms(superuser_client, body, model_name, data, change):
    model, fuzzed, base = ADMIN_CASES[model_name]
    item = make_item(make_meeting(body=body))
    world = {"body": body, "item": item}
    existing = {
        "meeting": item.meeting,
        "actionpoint": make_action(item),
        "organization": body.memberships.first().organization,
        "person": Person.objects.create(name="Someone"),
    }[model_name]
    if change:
        url = reverse(f"admin:{model._meta.app_label}_{model_name}_change", args=[existing.pk])
    else:
        url = reverse(f"admin:{model._meta.app_label}_{model_name}_add")
        if model_name in ADD_REFUSED:
            assert superuser_client.get(url).status_code == 403
            return
    post = _as_rendered(superuser_client.get(url))
    if not change:
        post |= {k: [v] for k, v in base(world).items()}
    sent = {name: data.draw(strategy, label=name) for name, strategy in fuzzed.items()}
    post |= {k: [v] for k, v in sent.items()}
    before = counts(*TABLES)
    fields = [f.attname for f in model._meta.concrete_fields]
    rows_before = rows(model.objects.all(), *fields)
    response = superuser_client.post(url, post)
    assert response.status_code < 500, response.status_code
    if response.status_code != 302:
        assert response.status_code in (200, 400)
        assert counts(*TABLES) == before
        assert rows(model.objects.all(), *fields) == rows_before
        return
    saved = model.objects.get(pk=existing.pk) if change else model.objects.latest("pk")
    # Fields the admin shows read-only keep their value whatever is posted.
    readonly = set(admin.site._registry[model].readonly_fields)
    for name, value in sent.items():
        if name in fields and name not in ("parent",) and name not in readonly:
            field = model._meta.get_field(name)
            if field.get_internal_type() in ("CharField", "TextField"):
                assert getattr(saved, name) == stripped(value), name
    assert counts(model)[0] == before[TABLES.index(model)] + (0 if change else 1)


@given(parent=st.sampled_from(["abc", "1.5", str(2**64)]))
def test_admin_autocomplete_field_with_a_bad_id(superuser_client, parent):
    before = Organization.objects.count()
    response = superuser_client.post(
        reverse("admin:participants_organization_add"),
        {"name": "Org", "kind": "un_entity", "parent": parent},
    )
    assert response.status_code == 200, response.status_code
    assert "Select a valid choice" in response.content.decode()
    assert Organization.objects.count() == before


USERNAMES = st.one_of(st.sampled_from(["secretariat", "SECRETARIAT", ""]), TEXT)
PASSWORDS = st.one_of(st.sampled_from(["correct-horse-battery", ""]), TEXT)


@given(username=USERNAMES, password=PASSWORDS)
def test_login_form(client, secretariat, username, password):
    client.raise_request_exception = False
    client.logout()
    before = rows(User.objects.all(), "last_login", "password", "is_active")
    response = client.post(reverse("login"), {"username": username, "password": password})
    # 429 or 403: the throttle locked this username or address out.
    assert response.status_code in (200, 302, 400, 403, 429), response.status_code
    signed_in = "_auth_user_id" in client.session
    assert signed_in == (response.status_code == 302)
    if signed_in:
        assert (username, password) == ("secretariat", "correct-horse-battery")
    else:
        assert rows(User.objects.all(), "last_login", "password", "is_active") == before


@given(email=st.one_of(st.sampled_from(["principal@example.org", "PRINCIPAL@example.org"]), TEXT))
def test_password_reset_form(client, principal, email):
    principal.email = "principal@example.org"
    principal.save()
    client.raise_request_exception = False
    before = rows(User.objects.all(), "last_login", "password", "email")
    sent = len(mail.outbox)
    response = client.post(reverse("password_reset"), {"email": email})
    assert response.status_code in (200, 302, 400, 429), response.status_code
    assert rows(User.objects.all(), "last_login", "password", "email") == before
    # At most one message, and only to the address on record.
    new = mail.outbox[sent:]
    assert len(new) <= 1
    assert all(message.to == ["principal@example.org"] for message in new)
