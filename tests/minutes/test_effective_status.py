"""A circulated summary whose deadline passed with no objection reads as approved by silence
everywhere, before the scheduled command records it; nothing is written to show it."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from minutes import services
from minutes.models import Meeting, SummaryEvent
from tests.factories import make_item, make_meeting

pytestmark = pytest.mark.clock

DEADLINE = datetime.datetime(2026, 11, 20, 22, 0, tzinfo=datetime.UTC)  # 17.00 in New York


@pytest.fixture
def lapsed(body):
    """Circulated with a deadline ten days before the pinned clock; nobody objected."""
    meeting = make_meeting(
        body=body, status=Meeting.Status.CIRCULATED, review_deadline=DEADLINE, title="Lapsed"
    )
    make_item(meeting, title="Regional Reviews")
    return meeting


def test_lapsed_summary_reads_as_approved_by_silence(lapsed):
    assert lapsed.effective_status == Meeting.Status.APPROVED
    assert lapsed.get_effective_approval_method_display() == "Approved by silence"
    assert lapsed.effective_approved_at == DEADLINE
    assert lapsed.is_locked
    with time_machine.travel(DEADLINE - datetime.timedelta(minutes=1), tick=False):
        assert lapsed.effective_status == Meeting.Status.CIRCULATED
        assert not lapsed.is_locked


def test_summary_page_and_list_show_it_approved_without_writing(client_for, secretariat, lapsed):
    client = client_for(secretariat)
    html = client.get(lapsed.get_absolute_url()).content.decode()
    assert "Approved by silence on 20 November 2026, 17.00 (NY time)" in html
    approved = client.get(reverse("minutes:meeting_list") + "?status=approved").content.decode()
    circulated = client.get(reverse("minutes:meeting_list") + "?status=circulated")
    assert lapsed.get_absolute_url() in approved
    assert lapsed.get_absolute_url() not in circulated.content.decode()
    lapsed.refresh_from_db()
    assert lapsed.status == Meeting.Status.CIRCULATED  # recorded only by the command
    assert not lapsed.events.exists()


def test_explicit_approval_after_the_deadline_is_refused(lapsed, secretariat):
    with pytest.raises(services.ServiceError, match="already approved by silence"):
        services.meeting_approve(meeting=lapsed, by=secretariat)
    assert not lapsed.events.exists()


def test_reopening_a_lapsed_summary_records_the_silent_approval_first(lapsed, secretariat):
    services.meeting_reopen(meeting=lapsed, by=secretariat, reason="A name was misspelt.")
    lapsed.refresh_from_db()
    assert lapsed.status == Meeting.Status.DRAFT
    assert list(lapsed.events.values_list("kind", "at")) == [
        (SummaryEvent.Kind.APPROVED, DEADLINE),
        (SummaryEvent.Kind.REOPENED, lapsed.events.last().at),
    ]


def test_the_sweep_records_each_lapsed_summary_once(lapsed):
    first = services.apply_review_deadlines(now=DEADLINE + datetime.timedelta(days=1))
    again = services.apply_review_deadlines(now=DEADLINE + datetime.timedelta(days=1))
    assert [m.pk for m in first] == [lapsed.pk]
    assert again == []
    lapsed.refresh_from_db()
    assert (lapsed.status, lapsed.approved_at) == (Meeting.Status.APPROVED, DEADLINE)
    assert lapsed.events.filter(kind=SummaryEvent.Kind.APPROVED).count() == 1


def test_the_meeting_list_turns_to_approved_within_a_minute_of_the_deadline(
    client_for, secretariat, lapsed
):
    """The list's table is cached, but never across the minute a deadline passes."""
    url = reverse("minutes:meeting_list")
    with time_machine.travel(DEADLINE - datetime.timedelta(seconds=30), tick=False) as traveller:
        client = client_for(secretariat)
        assert "until 20 Nov 2026" in client.get(url).content.decode()
        traveller.shift(datetime.timedelta(seconds=40))
        html = client.get(url).content.decode()
    assert "until 20 Nov 2026" not in html
    assert "Approved" in html
