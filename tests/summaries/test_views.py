"""Import (upload, preview, confirm) and export through the browser-facing views."""

from __future__ import annotations

import datetime
import io
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError

from minutes.models import ActionPoint, AgendaItem, Attendance, Decision, Meeting
from participants.models import Organization, Person
from summaries.views import SESSION_KEY
from tests.factories import make_meeting
from tests.summaries.conftest import SAMPLE

IMPORT = "/meetings/import/"
NEW_YORK = ZoneInfo("America/New_York")


def upload(client, body, name: str, data: bytes):
    return client.post(
        IMPORT, {"body": body.pk, "file": SimpleUploadedFile(name, data), "text": ""}
    )


def form_data(response) -> dict:
    """What the browser would send back for the preview page as it was rendered."""
    data = {}
    forms = [response.context["meeting_form"]]
    for formset in response.context["formsets"].values():
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if name in ("DELETE", "create_new", "save_duplicate"):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            if value is None:
                value = ""
            if isinstance(value, datetime.time):
                value = value.strftime("%H:%M")
            data[form.add_prefix(name)] = str(value)
    return data


@pytest.fixture
def sample_preview(demo, demo_secretariat, client_for):
    client = client_for(demo_secretariat)
    before = Meeting.objects.count()
    response = upload(client, demo.body, "summary.txt", SAMPLE.read_bytes())
    assert response.status_code == 302
    preview = client.get(response["Location"])
    # Reading and previewing wrote nothing.
    assert Meeting.objects.count() == before
    return client, response["Location"], preview


# -- access ------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login_for_import_and_exports(client, demo):
    for url in (
        IMPORT,
        f"{IMPORT}sometoken/",
        f"/meetings/{demo.pk}/export.docx",
        f"/meetings/{demo.pk}/export.md",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_principal_may_not_import(client_for, principal, body):
    client = client_for(principal)
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"body": body.pk, "text": "x"}).status_code == 403
    assert client.get(f"{IMPORT}sometoken/").status_code == 403
    assert Meeting.objects.count() == 0


def test_secretariat_sees_the_import_form(client_for, secretariat, body):
    response = client_for(secretariat).get(IMPORT)
    assert response.status_code == 200
    assert b"Import a summary" in response.content
    assert b'name="file"' in response.content


def test_principal_gets_404_exporting_a_draft(client_for, principal, body):
    draft = make_meeting(body=body, status=Meeting.Status.DRAFT)
    client = client_for(principal)
    assert client.get(f"/meetings/{draft.pk}/export.docx").status_code == 404
    assert client.get(f"/meetings/{draft.pk}/export.md").status_code == 404


def test_secretariat_exports_a_draft(client_for, secretariat, body):
    draft = make_meeting(body=body, title="Draft Meeting", status=Meeting.Status.DRAFT)
    response = client_for(secretariat).get(f"/meetings/{draft.pk}/export.md")
    assert response.status_code == 200
    assert response.content.decode().startswith("# Draft Meeting\n")


def test_principal_exports_an_approved_summary_as_markdown(demo, client_for, demo_principal):
    response = client_for(demo_principal).get(f"/meetings/{demo.pk}/export.md")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert 'filename="excom-2023-03-20-summary.md"' in response["Content-Disposition"]
    text = response.content.decode()
    assert "Monday, 20 March 2023" in text
    assert "10.00 – 11.30 (NY time)/15.00 – 16.30 (GVA time)" in text
    assert "- António Vitorino, Director General, IOM, Network Coordinator" in text
    assert "## AOB" in text
    assert text.count("### Action Points:") == 3


def test_principal_exports_an_approved_summary_as_word(demo, client_for, demo_principal):
    from docx import Document

    response = client_for(demo_principal).get(f"/meetings/{demo.pk}/export.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styled[0] == ("Title", "Executive Committee Principals (Virtual) Meeting")
    headings = [text for style, text in styled if style == "Heading 1"]
    assert headings[:2] == [
        "Participants:",
        "The agenda of the meeting included the following items:",
    ]
    assert headings[-1] == "AOB"
    assert sum(1 for style, _ in styled if style == "List Bullet") >= 10 + 4
    assert [t for s, t in styled if s == "Heading 2"].count("Action Points:") == 3
    # The link in the first item is a real Word hyperlink.
    assert any(p.hyperlinks for p in document.paragraphs)


def test_export_query_count_is_fixed(demo, client_for, demo_secretariat, django_assert_num_queries):
    client = client_for(demo_secretariat)
    client.get(f"/meetings/{demo.pk}/export.md")  # warm the session
    # session, user, groups (role), meeting, zones, attendances, items, item documents,
    # decisions, action points, owner organisations, owner people, meeting documents; the
    # follow-up section: reviews at this meeting, their actions' owner organisations, owner
    # people, and their meetings' zones (an approved summary lists no open actions of today).
    with django_assert_num_queries(17):
        client.get(f"/meetings/{demo.pk}/export.docx")
    with django_assert_num_queries(17):
        client.get(f"/meetings/{demo.pk}/export.md")


# -- preview and confirm -----------------------------------------------------------------------


def test_upload_shows_a_preview_and_saves_nothing(sample_preview, demo):
    client, _url, preview = sample_preview
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Nothing has been saved yet" in page
    assert 'value="António Vitorino"' in page
    assert 'value="Network Coordinator"' in page
    assert "Framework on the preparation and organization of the Regional Reviews" in page
    assert "Found 10 participants, 4 items, 9 decisions and 4 action points" in page
    assert page.count("No action points found under this item.") == 1  # the AOB
    assert not Meeting.objects.filter(status="draft", start__date="2023-03-20").exists()


def test_a_summary_of_a_day_already_recorded_is_refused_until_the_duplicate_is_confirmed(
    sample_preview, demo
):
    client, url, preview = sample_preview
    # The demo already holds the sample's meeting: the preview says so and links to it.
    html = preview.content.decode()
    assert "already has a meeting on that day" in html
    assert f'href="{demo.get_absolute_url()}"' in html
    before = Meeting.objects.count()
    response = client.post(url, form_data(preview))
    assert response.status_code == 422
    assert "tick this box to save this one as well" in response.content.decode()
    assert Meeting.objects.count() == before


def test_confirming_the_preview_saves_one_draft_with_every_field(sample_preview, demo):
    client, url, preview = sample_preview
    before = Meeting.objects.count()
    response = client.post(url, form_data(preview) | {"meeting-save_duplicate": "on"})
    assert response.status_code == 302
    assert Meeting.objects.count() == before + 1
    meeting = Meeting.objects.exclude(pk=demo.pk).get(start__date="2023-03-20")
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.status == Meeting.Status.DRAFT
    assert meeting.body == demo.body
    assert meeting.modality == "virtual"
    assert meeting.level == "Principals"
    assert meeting.start == datetime.datetime(2023, 3, 20, 10, 0, tzinfo=NEW_YORK)
    assert meeting.end == datetime.datetime(2023, 3, 20, 11, 30, tzinfo=NEW_YORK)
    attendances = list(meeting.attendances.select_related("person", "organization"))
    assert len(attendances) == 10
    assert (
        attendances[0].person.name,
        attendances[0].title,
        attendances[0].organization.acronym,
        attendances[0].role,
    ) == ("António Vitorino", "Director General", "IOM", "Network Coordinator")
    assert attendances[-1].organization.name == "World Bank"
    # Existing people are reused, not duplicated.
    assert Person.objects.filter(name="António Vitorino").count() == 1
    items = list(meeting.agenda_items.order_by("position"))
    assert [i.kind for i in items] == ["regular", "regular", "regular", "aob"]
    assert [i.action_points.count() for i in items] == [2, 1, 1, 0]
    assert [i.decisions.count() for i in items] == [4, 1, 3, 1]
    assert list(items[0].decisions.values_list("kind", flat=True)) == [
        "endorsed",
        "agreed",
        "agreed",
        "agreed",
    ]
    assert (
        Decision.objects.filter(agenda_item__meeting=meeting)
        .first()
        .reference.startswith("EXCOM/2023/03/D")
    )
    # The pending preview is gone: a second submit cannot save the meeting twice.
    again = client.post(url, form_data(preview))
    assert again.status_code == 302 and again["Location"] == IMPORT
    assert Meeting.objects.count() == before + 1


def test_every_imported_record_names_the_importer_in_its_history(
    sample_preview, demo, demo_secretariat
):
    client, url, preview = sample_preview
    client.post(url, form_data(preview) | {"meeting-save_duplicate": "on"})
    meeting = Meeting.objects.exclude(pk=demo.pk).get(start__date="2023-03-20")
    records = [
        meeting.history.get(),
        *(a.history.get() for a in meeting.attendances.all()),
        *(i.history.first() for i in meeting.agenda_items.all()),
        *(d.history.first() for d in Decision.objects.filter(agenda_item__meeting=meeting)),
    ]
    assert len(records) == 1 + 10 + 4 + 9
    assert {r.history_user for r in records} == {demo_secretariat}


def test_corrections_in_the_preview_are_what_is_saved(sample_preview, demo):
    client, url, preview = sample_preview
    data = form_data(preview)
    data["participants-1-title"] = "Director, Population Division, DESA (acting)"
    data["items-0-title"] = "Regional Reviews framework"
    data["actions-1-DELETE"] = "on"
    data["decisions-0-kind"] = "noted"
    data["meeting-save_duplicate"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    meeting = Meeting.objects.exclude(pk=demo.pk).get(start__date="2023-03-20")
    assert meeting.attendances.get(person__name="John Wilmoth").title == (
        "Director, Population Division, DESA (acting)"
    )
    first = meeting.agenda_items.get(position=1)
    assert first.title == "Regional Reviews framework"
    assert first.action_points.count() == 1
    assert first.decisions.order_by("position").first().kind == "noted"


PASTED = """Working Group Meeting (In person)

14 February 2024

10.00 – 11.00 (NY time)

Participants:

Nadia Nobody, Adviser, NEWORG
Gillian Triggs, Assistant High Commissioner for Protection, UNHCR

The agenda of the meeting included the following items:

- Budget

Budget

The budget was endorsed.

Action Points:

- NEWORG to circulate the budget (Due: March 2024)
"""


def test_unknown_people_and_organisations_need_confirmation(
    client_for, secretariat, principal, body
):
    client = client_for(secretariat)
    response = client.post(IMPORT, {"body": body.pk, "text": PASTED})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    page = preview.content.decode()
    assert "Unknown organisation" in page and "New person" in page
    assert "NEWORG" in page
    data = form_data(preview)
    refused = client.post(response["Location"], data)
    assert refused.status_code == 422
    assert b"Tick this box" in refused.content
    assert Meeting.objects.count() == 0
    assert not Organization.objects.filter(name="NEWORG").exists()
    data["meeting-create_new"] = "on"
    saved = client.post(response["Location"], data)
    assert saved.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.modality == "in_person"
    org = Organization.objects.get(acronym="NEWORG")
    nadia = Person.objects.get(name="Nadia Nobody")
    assert nadia.positions.get().organization == org
    assert Person.objects.filter(name="Gillian Triggs").count() == 1
    action = ActionPoint.objects.get()
    assert list(action.owner_organizations.all()) == [org]
    assert (action.due_date, action.due_precision) == (datetime.date(2024, 3, 31), "month")


def test_a_failure_while_saving_saves_nothing(client_for, secretariat, body, monkeypatch):
    client = client_for(secretariat)
    response = client.post(IMPORT, {"body": body.pk, "text": PASTED})
    preview = client.get(response["Location"])
    data = form_data(preview) | {"meeting-create_new": "on"}

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr("summaries.services._save_action", broken)
    failed = client.post(response["Location"], data)
    assert failed.status_code == 422
    assert b"nothing was saved" in failed.content
    assert Meeting.objects.count() == 0
    assert AgendaItem.objects.count() == 0
    assert Attendance.objects.count() == 0
    assert not Person.objects.filter(name="Nadia Nobody").exists()
    assert not Organization.objects.filter(name="NEWORG").exists()


def test_an_expired_preview_sends_back_to_the_import_page(client_for, secretariat):
    response = client_for(secretariat).get(f"{IMPORT}no-such-token/", follow=True)
    assert response.redirect_chain[-1][0] == IMPORT
    assert b"expired or was already saved" in response.content


def test_uploading_the_word_export_previews_the_same_meeting(demo, client_for, demo_secretariat):
    client = client_for(demo_secretariat)
    exported = client.get(f"/meetings/{demo.pk}/export.docx").content
    response = upload(client, demo.body, "excom.docx", exported)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert "Found 10 participants, 4 items, 9 decisions and 4 action points" in (
        preview.content.decode()
    )


# -- bad input ---------------------------------------------------------------------------------


def _corrupted_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document><w:body>broken")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"  \n\n  ", "is empty"),
        ("photo.docx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not a Word document"),
        ("broken.docx", _corrupted_docx(), "damaged"),
        ("truncated.docx", b"PK\x03\x04" + b"\x00" * 200, "damaged"),
        ("notes.pdf", b"%PDF-1.7 ...", "damaged and cannot be read as a PDF"),
        ("notes.rtf", b"{\\rtf1}", "not a file type the importer reads"),
        ("binary.txt", b"\x00\x01\x02\x03" * 50, "binary file"),
    ],
)
def test_bad_files_get_a_clear_message_and_save_nothing(
    client_for, secretariat, body, name, data, message
):
    client = client_for(secretariat)
    response = upload(client, body, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Meeting.objects.count() == 0
    assert not client.session.get(SESSION_KEY)


def test_a_huge_file_is_refused(client_for, secretariat, body, settings):
    settings.UPLOAD_MAX_BYTES = 2048
    response = upload(client_for(secretariat), body, "huge.txt", b"Minutes\n" * 1000)
    assert response.status_code == 200
    assert "the limit is 2 KB" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_neither_or_both_inputs_is_refused(client_for, secretariat, body):
    client = client_for(secretariat)
    response = client.post(IMPORT, {"body": body.pk, "text": "  "})
    assert b"Upload one file or paste the text" in response.content


def test_text_without_structure_offers_a_single_item_import(client_for, secretariat, body):
    client = client_for(secretariat)
    text = "We chatted about many things.\n\nNothing in particular was settled today."
    response = client.post(IMPORT, {"body": body.pk, "text": text})
    assert response.status_code == 422
    page = response.content.decode()
    assert "No recognisable structure" in page
    assert Meeting.objects.count() == 0
    token = next(iter(client.session[SESSION_KEY]))
    preview = client.get(f"{IMPORT}{token}/")
    assert preview.status_code == 200
    assert "No date found." in preview.content.decode()
    data = form_data(preview)
    data["meeting-date"] = "2024-01-15"
    saved = client.post(f"{IMPORT}{token}/", data)
    assert saved.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.has_times is False
    item = meeting.agenda_items.get()
    assert "Nothing in particular was settled today." in item.discussion


def test_export_links_partial_points_at_both_exports_and_the_print_page(body):
    from django.template.loader import render_to_string

    meeting = make_meeting(body=body)
    html = render_to_string("summaries/_export_links.html", {"meeting": meeting})
    assert f'href="/meetings/{meeting.pk}/export.docx"' in html
    assert f'href="/meetings/{meeting.pk}/export.md"' in html
    assert f'href="/meetings/{meeting.pk}/print/"' in html
    assert "Print / PDF" in html
    assert 'class="export-links no-print"' in html


def test_preview_query_count_does_not_grow_with_participants(
    sample_preview, django_assert_num_queries
):
    client, url, _preview = sample_preview
    # session, user, groups (role), body, its zones, the body's meetings on that day,
    # organisations, people named (one query for all ten); the user's organisation and the
    # unread notifications count are kept from the preview's first rendering.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200


def test_the_preview_reads_like_the_summary_and_keeps_the_save_button_in_view(sample_preview):
    _client, _url, preview = sample_preview
    page = preview.content.decode()
    assert "How sure the reading is" in page
    assert "António Vitorino, Director General, IOM, Network Coordinator" in page
    assert page.count('<details class="import-correct"') >= 10
    assert '<div class="import-preview__save">' in page
    assert '<option value="">Not stated</option>' in page


def test_a_summary_without_participants_or_modality_is_flagged_in_the_preview(
    client_for, secretariat, body
):
    text = b"Board meeting\n\n3 May 2024\n\nThe budget was approved.\n"
    preview = client_for(secretariat).get(
        upload(client_for(secretariat), body, "board.txt", text)["Location"]
    )
    page = preview.content.decode()
    assert "No participants found." in page
    assert "The summary does not say how the meeting was held." in page
