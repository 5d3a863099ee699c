"""A circulated summary is edited only back in draft (recorded, with a reason), must be
circulated again, and principals then see what changed since the version they were sent."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from minutes import services
from minutes.models import Meeting, SummaryEvent
from tests.factories import make_item, make_meeting
from tests.minutes.test_editor_views import _item_post

NOW = datetime.datetime(2023, 3, 21, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def circulated(body, secretariat):
    meeting = make_meeting(body=body)
    make_item(meeting, title="Regional Reviews", discussion="The roadmap was presented.")
    return services.meeting_circulate(
        meeting=meeting, by=secretariat, deadline=NOW + datetime.timedelta(days=5)
    )


def test_editing_a_circulated_summary_is_refused_and_changes_nothing(
    client_for, circulated, secretariat
):
    item = circulated.agenda_items.get()
    response = client_for(secretariat).post(
        reverse("minutes:item_edit", args=[circulated.pk, item.pk]),
        _item_post(item, version=item.version, discussion="Quietly rewritten."),
        follow=True,
    )
    assert "Take it back to draft" in response.content.decode()
    item.refresh_from_db()
    assert item.discussion == "The roadmap was presented."
    assert circulated.events.count() == 1


def test_taking_back_to_draft_needs_a_reason_and_is_recorded(client_for, circulated, secretariat):
    client = client_for(secretariat)
    url = reverse("minutes:meeting_withdraw", args=[circulated.pk])
    client.post(url, {"reason": ""})
    circulated.refresh_from_db()
    assert circulated.status == Meeting.Status.CIRCULATED
    client.post(url, {"reason": "UNHCR asked to correct the date of the review."})
    circulated.refresh_from_db()
    assert circulated.status == Meeting.Status.DRAFT
    assert circulated.review_deadline is None
    event = circulated.events.get(kind=SummaryEvent.Kind.WITHDRAWN)
    assert event.by == secretariat
    assert event.note == "UNHCR asked to correct the date of the review."


def test_principal_cannot_take_a_summary_back(client_for, circulated, principal):
    response = client_for(principal).post(
        reverse("minutes:meeting_withdraw", args=[circulated.pk]), {"reason": "Mine now"}
    )
    assert response.status_code == 403
    circulated.refresh_from_db()
    assert circulated.status == Meeting.Status.CIRCULATED


def test_principal_sees_what_changed_since_the_version_sent(
    client_for, circulated, secretariat, principal
):
    services.meeting_withdraw(meeting=circulated, by=secretariat, reason="Correction")
    item = circulated.agenda_items.get()
    client = client_for(secretariat)
    client.post(
        reverse("minutes:item_edit", args=[circulated.pk, item.pk]),
        _item_post(item, version=item.version, discussion="The roadmap was endorsed."),
    )
    # Still in draft: principals read the text as circulated, never the draft, no comparison.
    returned = client_for(principal).get(circulated.get_absolute_url()).content.decode()
    assert "Returned to the secretariat" in returned
    assert "The roadmap was presented." in returned
    assert "The roadmap was endorsed." not in returned
    assert "Changed since the version circulated on" not in returned
    services.meeting_circulate(
        meeting=circulated, by=secretariat, deadline=NOW + datetime.timedelta(days=5)
    )
    html = client_for(principal).get(circulated.get_absolute_url()).content.decode()
    assert "Changed since the version circulated on" in html
    assert "<del>-The roadmap was presented.</del>" in html
    assert "<ins>+The roadmap was endorsed.</ins>" in html


def test_a_summary_circulated_once_shows_no_comparison(client_for, circulated, principal):
    html = client_for(principal).get(circulated.get_absolute_url()).content.decode()
    assert "The roadmap was presented." in html
    assert "Changed since the version circulated" not in html
