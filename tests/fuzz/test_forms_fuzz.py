"""Random text, dates and files through every editor form and the importer: never a 500,
never a partial write (a rejected request leaves the tables as they were)."""

from __future__ import annotations

import datetime
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from minutes.models import ActionPoint, AgendaItem, Decision, Document, Meeting, SummaryEvent
from participants.models import Organization, Person
from summaries import parser
from tests.factories import make_item, make_meeting
from tests.fuzz.strategies import DATES, FILES, TEXT, TIMES
from tests.minutes.test_editor_views import _item_post

pytestmark = pytest.mark.fuzz

TABLES = (Meeting, AgendaItem, Decision, ActionPoint, Document, SummaryEvent, Person, Organization)


def _counts():
    return tuple(model.objects.count() for model in TABLES)


@pytest.fixture
def editor(client_for, secretariat):
    client = client_for(secretariat)
    client.raise_request_exception = False
    return client


@given(title=TEXT, level=TEXT, location=TEXT, remarks=TEXT, day=DATES, start=TIMES, end=TIMES)
def test_meeting_form(editor, body, title, level, location, remarks, day, start, end):
    before = _counts()
    response = editor.post(
        reverse("minutes:meeting_create"),
        {
            "body": body.pk,
            "modality": "virtual",
            "status": "draft",
            "title": title,
            "level": level,
            "location": location,
            "opening_remarks": remarks,
            "date": day,
            "start_time": start,
            "end_time": end,
        },
    )
    assert response.status_code < 500, response.status_code
    created = Meeting.objects.count() - before[0]
    assert created == (1 if response.status_code == 302 else 0)
    if response.status_code != 302:
        assert _counts() == before


@given(
    title=TEXT,
    discussion=TEXT,
    decision=TEXT,
    action=TEXT,
    due_day=DATES,
    precision=st.sampled_from(["day", "month", "quarter", "half", "year", "none", "bogus"]),
    upload=FILES,
)
def test_item_editor(editor, body, title, discussion, decision, action, due_day, precision, upload):
    item = make_item(make_meeting(body=body))
    data = _item_post(
        item,
        version=item.version,
        discussion=discussion,
        decisions=[("agreed", decision)],
        actions=[{"text": action, "due_day": due_day, "due_precision": precision}],
        title=title,
    )
    name, content = upload
    data.update({"documents-TOTAL_FORMS": "1", "documents-0-title": "Doc"})
    data["documents-0-file"] = SimpleUploadedFile(name or "x", content)
    before = _counts()
    response = editor.post(reverse("minutes:item_edit", args=[item.meeting_id, item.pk]), data)
    assert response.status_code < 500, response.status_code
    if response.status_code != 302:
        assert _counts() == before
        item.refresh_from_db()
        assert item.version == 1


@given(day=DATES, time=TIMES)
def test_circulate_form(editor, body, day, time):
    meeting = make_meeting(body=body)
    make_item(meeting)
    response = editor.post(
        reverse("minutes:meeting_circulate", args=[meeting.pk]),
        {"deadline_date": day, "deadline_time": time},
    )
    assert response.status_code in (302, 400)
    meeting.refresh_from_db()
    circulated = meeting.status == Meeting.Status.CIRCULATED
    assert circulated == SummaryEvent.objects.filter(meeting=meeting).exists()


@given(name=TEXT, title=TEXT, org=TEXT, acronym=TEXT, email=TEXT)
def test_new_person_form(editor, body, name, title, org, acronym, email):
    meeting = make_meeting(body=body)
    before = _counts()
    response = editor.post(
        reverse("minutes:attendance_new_person", args=[meeting.pk]),
        {
            "new-name": name,
            "new-title": title,
            "new-email": email,
            "new-new_organization_name": org,
            "new-new_organization_acronym": acronym,
        },
    )
    assert response.status_code < 500, response.status_code
    if response.status_code != 302:
        assert _counts() == before
    else:
        assert meeting.attendances.count() == 1


@given(text=TEXT, kind=st.sampled_from(["comment", "objection", "bogus"]))
def test_review_comment_form(client_for, body, secretariat, principal, text, kind):
    from minutes import services

    meeting = make_meeting(body=body)
    make_item(meeting)
    now = datetime.datetime.now(datetime.UTC)
    services.meeting_circulate(
        meeting=meeting, by=secretariat, deadline=now + datetime.timedelta(days=3)
    )
    client = client_for(principal)
    client.raise_request_exception = False
    response = client.post(
        reverse("minutes:comment_add", args=[meeting.pk]), {"text": text, "kind": kind}
    )
    assert response.status_code < 500, response.status_code
    assert meeting.review_comments.count() <= 1


@given(text=TEXT, status=st.sampled_from(["", "open", "done", "dropped", "x"]), due=DATES)
def test_action_progress_form(editor, body, text, status, due):
    from tests.factories import make_action

    action = make_action(make_item(make_meeting(body=body)))
    response = editor.post(
        reverse("actions:action_update", args=[action.pk]),
        {"text": text, "status": status, "due_date": due, "due_precision": "day", "version": 1},
    )
    assert response.status_code < 500, response.status_code
    action.refresh_from_db()
    assert (action.updates.count() == 1) == (response.status_code == 302)


@given(query=TEXT, date_from=DATES, date_to=DATES, due=DATES)
def test_search_and_tracker_filters(editor, query, date_from, date_to, due):
    for url, params in [
        (reverse("search:search"), {"q": query, "date_from": date_from, "date_to": date_to}),
        (reverse("actions:action_list"), {"due_after": due, "due_before": due, "q": query}),
    ]:
        assert editor.get(url, params).status_code in (200, 400)


@given(text=st.one_of(TEXT, st.text(max_size=3000)))
def test_importer_parse_never_raises(text):
    summary = parser.parse(text)
    assert summary is not None


@given(text=TEXT, upload=FILES)
def test_import_form(editor, body, text, upload):
    name, content = upload
    data = {"body": body.pk, "text": text}
    if content:
        # A name with no file part ("dir/", "..") cannot even be built into an upload.
        usable = os.path.basename(name or "") not in ("", ".", "..")
        data["file"] = SimpleUploadedFile(name if usable else "x", content)
    before = _counts()
    response = editor.post(reverse("summaries:import_start"), data)
    assert response.status_code < 500, response.status_code
    # The first step only previews: nothing is saved before the secretariat confirms.
    assert _counts() == before
