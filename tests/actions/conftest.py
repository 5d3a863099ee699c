"""A small world for the follow-up tests: one body, three meetings, actions in every state."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from lib import due
from minutes.models import ActionPoint, Meeting
from participants import zones
from tests.factories import make_action, make_item, make_meeting, make_update

NY = ZoneInfo("America/New_York")


@dataclass
class World:
    body: object
    march: Meeting
    june: Meeting
    next: Meeting
    draft: Meeting
    overdue_unhcr: ActionPoint
    in_progress_both: ActionPoint
    done_unhcr: ActionPoint
    future_unicef: ActionPoint
    unowned: ActionPoint
    draft_action: ActionPoint


def days_from_today(days: int) -> datetime.date:
    """Days from today as the body's entry zone (New York) counts them."""
    return zones.today() + datetime.timedelta(days=days)


@pytest.fixture
def world(body, member_org, other_org) -> World:
    march = make_meeting(
        body=body,
        status=Meeting.Status.APPROVED,
        start=datetime.datetime(2023, 3, 20, 10, tzinfo=NY),
    )
    june = make_meeting(
        body=body,
        status=Meeting.Status.APPROVED,
        start=datetime.datetime(2023, 6, 12, 10, tzinfo=NY),
    )
    draft = make_meeting(
        body=body, status=Meeting.Status.DRAFT, start=datetime.datetime(2023, 9, 4, 10, tzinfo=NY)
    )
    upcoming = timezone.now() + datetime.timedelta(days=20)
    next_meeting = make_meeting(body=body, status=Meeting.Status.PLANNED, start=upcoming)
    march_item, march_item2 = make_item(march), make_item(march)
    june_item = make_item(june)
    overdue_unhcr = make_action(
        march_item,
        text="Develop a roadmap of the Regional Reviews process.",
        owners=[member_org],
        due_day=datetime.date(2023, 6, 30),
        precision=due.DAY,
    )
    make_update(overdue_unhcr, text="Consultations started.")
    make_update(overdue_unhcr, text="First draft circulated to focal points.")
    in_progress_both = make_action(
        march_item2,
        text="Implement the recommendations on complementarity of the two Compacts.",
        owners=[member_org, other_org],
        due_day=datetime.date(2023, 11, 1),
        precision=due.QUARTER,
        status=ActionPoint.Status.IN_PROGRESS,
    )
    make_update(
        in_progress_both, text="Joint pledge drafted.", status_from="open", status_to="in_progress"
    )
    done_unhcr = make_action(
        march_item,
        text="Channel key messages to the co-facilitators.",
        owners=[member_org],
        status=ActionPoint.Status.DONE,
    )
    future_unicef = make_action(
        june_item,
        text="Prepare a note on children on the move.",
        owners=[other_org],
        due_day=days_from_today(10),
        precision=due.DAY,
    )
    unowned = make_action(june_item, text="The Network to map regional reviews.")
    draft_action = make_action(
        make_item(draft),
        text="A draft action nobody outside the secretariat sees.",
        owners=[member_org],
    )
    return World(
        body=body,
        march=march,
        june=june,
        next=next_meeting,
        draft=draft,
        overdue_unhcr=overdue_unhcr,
        in_progress_both=in_progress_both,
        done_unhcr=done_unhcr,
        future_unicef=future_unicef,
        unowned=unowned,
        draft_action=draft_action,
    )
