"""The import preview's confirm step with random corrections: never a 500, and a refused
confirmation saves nothing (no meeting, person or organisation half-made)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutes.models import ActionPoint, AgendaItem, Attendance, Decision, Meeting
from participants.models import Organization, Person, Position
from tests.fuzz.strategies import DATES, IDS, TEXT, TIMES, counts, stripped
from tests.summaries.test_views import IMPORT, PASTED, form_data

pytestmark = pytest.mark.fuzz

TABLES = (Meeting, AgendaItem, Decision, ActionPoint, Attendance, Person, Organization, Position)
# Which preview fields are corrected, and with what.
CORRECTIONS = st.fixed_dictionaries(
    {},
    optional={
        "meeting-title": TEXT,
        "meeting-level": TEXT,
        "meeting-modality": st.sampled_from(["virtual", "in_person", "hybrid", "", "x"]),
        "meeting-date": DATES,
        "meeting-start_time": TIMES,
        "meeting-end_time": TIMES,
        "meeting-opening_remarks": TEXT,
        "participants-0-name": TEXT,
        "participants-0-organization": TEXT,
        "participants-0-status": st.sampled_from(["present", "apologies", "represented", "x"]),
        "participants-0-represented_by": TEXT,
        "participants-1-DELETE": st.just("on"),
        "participants-TOTAL_FORMS": IDS,
        "items-0-title": TEXT,
        "items-0-discussion": TEXT,
        "items-0-DELETE": st.just("on"),
        "items-1-title": TEXT,
        "decisions-0-item": IDS,
        "decisions-0-text": TEXT,
        "actions-0-item": IDS,
        "actions-0-owner": TEXT,
        "actions-0-due": TEXT,
        "actions-0-text": TEXT,
    },
)


@pytest.fixture
def importer(client_for, secretariat):
    client = client_for(secretariat)
    client.raise_request_exception = False
    return client


@given(corrections=CORRECTIONS, create_new=st.booleans())
def test_import_preview_confirm(importer, body, corrections, create_new):
    started = importer.post(IMPORT, {"body": body.pk, "text": PASTED})
    preview_url = started["Location"]
    data = form_data(importer.get(preview_url)) | corrections
    if create_new:
        data["meeting-create_new"] = "on"
    before = counts(*TABLES)
    response = importer.post(preview_url, data)
    assert response.status_code < 500, response.status_code
    if response.status_code != 302:
        assert response.status_code in (400, 422)
        assert counts(*TABLES) == before
        return
    meeting = Meeting.objects.latest("pk")
    assert counts(Meeting)[0] == before[0] + 1
    assert meeting.title == stripped(data["meeting-title"])
    assert meeting.opening_remarks == stripped(data["meeting-opening_remarks"])
    titles = list(meeting.agenda_items.order_by("position").values_list("title", flat=True))
    assert stripped(data["items-0-title"]) in titles or data.get("items-0-DELETE")
