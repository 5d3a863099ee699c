from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from lib import due
from minutes import access
from minutes.models import ActionPoint, Attendance, Meeting
from tests.factories import make_action, make_item, make_meeting, make_person


def test_meeting_cannot_end_before_it_starts(body):
    start = datetime.datetime(2023, 3, 20, 14, 0, tzinfo=datetime.UTC)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(body=body, start=start, end=start - datetime.timedelta(minutes=1))
    assert not Meeting.objects.exists()


def test_agenda_positions_are_unique_per_meeting(body):
    meeting = make_meeting(body=body)
    make_item(meeting, position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_item(meeting, position=1)
    other = make_meeting(body=body)
    make_item(other, position=1)
    assert meeting.agenda_items.count() == 1


def test_circulated_meeting_needs_a_deadline(body):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(body=body, status=Meeting.Status.CIRCULATED, review_deadline=None)


def test_approved_meeting_needs_approval_date(body):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(body=body, status=Meeting.Status.APPROVED, approved_at=None)


def test_represented_attendance_names_the_representative(body, member_org):
    meeting = make_meeting(body=body)
    person = make_person(organization=member_org)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, person=person, status="represented")
    deputy = make_person(organization=member_org)
    Attendance.objects.create(
        meeting=meeting, person=person, status="represented", represented_by=deputy
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(
            meeting=meeting, person=deputy, status="present", represented_by=person
        )


def test_person_attends_a_meeting_once(body, member_org):
    meeting = make_meeting(body=body)
    person = make_person(organization=member_org)
    Attendance.objects.create(meeting=meeting, person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, person=person)


def test_action_due_date_goes_with_its_precision(body):
    item = make_item(make_meeting(body=body))
    with pytest.raises(IntegrityError), transaction.atomic():
        make_action(item, due_date=None, due_precision=due.MONTH)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_action(item, due_date=datetime.date(2024, 1, 1), due_precision=due.NONE)


def test_closed_action_has_closing_time_and_open_has_none(body):
    item = make_item(make_meeting(body=body))
    with pytest.raises(IntegrityError), transaction.atomic():
        make_action(item, status=ActionPoint.Status.DONE, closed_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_action(
            item,
            status=ActionPoint.Status.OPEN,
            closed_at=datetime.datetime(2023, 5, 1, tzinfo=datetime.UTC),
        )


def test_references_number_decisions_per_body_and_month(body):
    from tests.factories import make_decision

    meeting = make_meeting(body=body)
    item = make_item(meeting)
    first, second = make_decision(item), make_decision(item)
    assert (first.reference, second.reference) == ("EXCOM/2023/03/D1", "EXCOM/2023/03/D2")
    assert make_action(item).reference == "EXCOM/2023/03/A1"


def test_drafts_are_hidden_from_principals(body, principal, secretariat):
    draft = make_meeting(body=body, status=Meeting.Status.DRAFT)
    approved = make_meeting(body=body, status=Meeting.Status.APPROVED)
    assert list(access.meetings_for(principal)) == [approved]
    assert set(access.meetings_for(secretariat)) == {draft, approved}


def test_every_change_is_kept_in_history(body):
    meeting = make_meeting(body=body, title="First title")
    meeting.title = "Second title"
    meeting.save()
    assert [h.title for h in meeting.history.order_by("history_date")] == [
        "First title",
        "Second title",
    ]
