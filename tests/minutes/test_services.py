from __future__ import annotations

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from minutes import services
from minutes.forms import MeetingForm
from minutes.models import ActionPoint, AgendaItem, Meeting, ReviewComment, SummaryEvent
from tests.factories import make_action, make_decision, make_item, make_meeting

# Review deadlines are counted from now: run on a pinned clock.
pytestmark = pytest.mark.clock

NY = ZoneInfo("America/New_York")
UTC = datetime.UTC


def _circulated(body, secretariat, *, hours: int = 48) -> Meeting:
    meeting = make_meeting(body=body)
    make_item(meeting, title="Regional Reviews")
    return services.meeting_circulate(
        meeting=meeting, by=secretariat, deadline=timezone.now() + datetime.timedelta(hours=hours)
    )


def test_times_typed_in_new_york_are_stored_dst_correct(body):
    # 27 March 2023: Europe is on summer time, New York has been for two weeks.
    form = MeetingForm(
        {
            "body": body.pk,
            "level": "Principals",
            "modality": "virtual",
            "date": "2023-03-27",
            "start_time": "10:00",
            "end_time": "11:30",
            "status": "draft",
        }
    )
    assert form.is_valid(), form.errors
    data = form.model_data()
    assert data["start"] == datetime.datetime(2023, 3, 27, 14, 0, tzinfo=UTC)
    assert data["start"].astimezone(ZoneInfo("Europe/Zurich")).hour == 16
    assert data["title"] == "Executive Committee Principals (Virtual) Meeting"


def test_times_before_the_us_switch_are_five_hours_from_geneva(body):
    form = MeetingForm(
        {
            "body": body.pk,
            "modality": "virtual",
            "date": "2023-03-06",
            "start_time": "10:00",
            "status": "draft",
        }
    )
    assert form.is_valid(), form.errors
    start = form.model_data()["start"]
    assert start.astimezone(ZoneInfo("Europe/Zurich")).hour == 16
    assert start == datetime.datetime(2023, 3, 6, 15, 0, tzinfo=UTC)


def test_circulating_records_deadline_and_event(body, secretariat):
    meeting = _circulated(body, secretariat)
    assert meeting.status == Meeting.Status.CIRCULATED
    assert meeting.circulated_at is not None
    event = SummaryEvent.objects.get(meeting=meeting)
    assert event.kind == SummaryEvent.Kind.CIRCULATED and event.by == secretariat


def test_deadline_in_the_past_is_refused(body, secretariat):
    meeting = make_meeting(body=body)
    make_item(meeting)
    with pytest.raises(services.ServiceError, match="future"):
        services.meeting_circulate(
            meeting=meeting, by=secretariat, deadline=timezone.now() - datetime.timedelta(hours=1)
        )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_objection_breaks_silence_and_returns_the_draft(body, secretariat, principal):
    meeting = _circulated(body, secretariat)
    item = meeting.agenda_items.get()
    comment = services.meeting_object(
        meeting=meeting, by=principal, text="Our position is misquoted.", agenda_item=item
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT
    assert meeting.review_deadline is None
    assert comment.kind == ReviewComment.Kind.OBJECTION
    assert comment.organization.acronym == "UNHCR"
    assert meeting.events.filter(kind=SummaryEvent.Kind.OBJECTED, by=principal).exists()
    # The deadline sweep no longer approves it.
    assert services.apply_review_deadlines(now=timezone.now() + datetime.timedelta(days=5)) == []


def test_comment_keeps_the_summary_circulating(body, secretariat, principal):
    meeting = _circulated(body, secretariat)
    services.review_comment_add(meeting=meeting, by=principal, text="Typo in item 1.")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CIRCULATED


def test_principal_of_a_non_member_cannot_comment(body, secretariat, principal, member_org):
    meeting = _circulated(body, secretariat)
    body.memberships.filter(organization=member_org).update(
        end=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(services.ServiceError, match="member"):
        services.review_comment_add(meeting=meeting, by=principal, text="Late member.")
    assert not ReviewComment.objects.exists()


def test_secretariat_cannot_object(body, secretariat):
    meeting = _circulated(body, secretariat)
    with pytest.raises(services.ServiceError):
        services.meeting_object(meeting=meeting, by=secretariat, text="no")


def test_deadline_passing_without_objection_approves_by_silence(body, secretariat):
    meeting = _circulated(body, secretariat)
    deadline = meeting.review_deadline
    assert services.apply_review_deadlines(now=deadline - datetime.timedelta(minutes=1)) == []
    approved = services.apply_review_deadlines(now=deadline + datetime.timedelta(minutes=1))
    assert [m.pk for m in approved] == [meeting.pk]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.APPROVED
    assert meeting.approval_method == Meeting.ApprovalMethod.SILENCE
    assert meeting.approved_at == deadline
    # A second sweep does nothing: one approval, one event.
    assert services.apply_review_deadlines(now=deadline + datetime.timedelta(hours=1)) == []
    assert meeting.events.filter(kind=SummaryEvent.Kind.APPROVED).count() == 1


def test_management_command_applies_deadlines(body, secretariat):
    meeting = _circulated(body, secretariat)
    Meeting.objects.filter(pk=meeting.pk).update(
        review_deadline=timezone.now() - datetime.timedelta(minutes=5)
    )
    out = StringIO()
    call_command("apply_review_deadlines", stdout=out)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.APPROVED
    assert "1 summary(ies) approved by silence" in out.getvalue()


def test_explicit_approval_is_recorded(body, secretariat):
    meeting = _circulated(body, secretariat)
    meeting = services.meeting_approve(meeting=meeting, by=secretariat)
    assert meeting.approval_method == Meeting.ApprovalMethod.EXPLICIT
    assert meeting.approved_by == secretariat
    assert meeting.events.filter(kind=SummaryEvent.Kind.APPROVED, by=secretariat).exists()


def test_approved_summary_is_locked_until_reopened(body, secretariat):
    meeting = _circulated(body, secretariat)
    meeting = services.meeting_approve(meeting=meeting, by=secretariat)
    with pytest.raises(services.MeetingLocked):
        services.meeting_update(
            meeting=meeting, by=secretariat, data={"title": "Changed"}, version=meeting.version
        )
    item = meeting.agenda_items.get()
    with pytest.raises(services.MeetingLocked):
        services.decision_add(item=item, by=secretariat, kind="agreed", text="Sneaked in")
    with pytest.raises(services.ServiceError, match="reason"):
        services.meeting_reopen(meeting=meeting, by=secretariat, reason=" ")
    meeting = services.meeting_reopen(meeting=meeting, by=secretariat, reason="Wrong date")
    assert meeting.status == Meeting.Status.DRAFT and meeting.approved_at is None
    assert meeting.events.get(kind=SummaryEvent.Kind.REOPENED).note == "Wrong date"
    updated = services.meeting_update(
        meeting=meeting, by=secretariat, data={"title": "Corrected"}, version=meeting.version
    )
    assert updated.title == "Corrected"
    # Both versions stay in the history.
    titles = set(Meeting.history.filter(id=meeting.pk).values_list("title", flat=True))
    assert {"Executive Committee Principals (Virtual) Meeting", "Corrected"} <= titles


def test_stale_meeting_save_is_refused(body, secretariat):
    meeting = make_meeting(body=body)
    opened = meeting.version
    services.meeting_update(
        meeting=meeting, by=secretariat, data={"title": "First"}, version=opened
    )
    with pytest.raises(services.StaleEdit, match="Somebody else saved"):
        services.meeting_update(
            meeting=meeting, by=secretariat, data={"title": "Second"}, version=opened
        )
    meeting.refresh_from_db()
    assert meeting.title == "First"


def test_stale_item_save_is_refused(body, secretariat):
    item = make_item(make_meeting(body=body))
    services.agenda_item_update(
        item=item, by=secretariat, data={"discussion": "A"}, topics=[], version=1
    )
    with pytest.raises(services.StaleEdit):
        services.agenda_item_update(
            item=item, by=secretariat, data={"discussion": "B"}, topics=[], version=1
        )
    item.refresh_from_db()
    assert item.discussion == "A" and item.version == 2


def test_moving_items_swaps_positions_under_the_unique_constraint(body, secretariat):
    meeting = make_meeting(body=body)
    first, second, third = (make_item(meeting, title=t) for t in ("One", "Two", "Three"))
    assert services.agenda_item_move(item=third, by=secretariat, direction="up")
    titles = list(meeting.agenda_items.order_by("position").values_list("title", flat=True))
    assert titles == ["One", "Three", "Two"]
    first.refresh_from_db()
    assert not services.agenda_item_move(item=first, by=secretariat, direction="up")


def test_removing_an_item_closes_the_gap(body, secretariat):
    meeting = make_meeting(body=body)
    first, second, third = (make_item(meeting, title=t) for t in ("One", "Two", "Three"))
    services.agenda_item_remove(item=first, by=secretariat)
    assert list(meeting.agenda_items.order_by("position").values_list("position", "title")) == [
        (1, "Two"),
        (2, "Three"),
    ]


def test_an_item_with_outcomes_is_not_removed(body, secretariat):
    meeting = make_meeting(body=body)
    item = make_item(meeting)
    make_decision(item)
    with pytest.raises(services.ServiceError, match="decisions"):
        services.agenda_item_remove(item=item, by=secretariat)
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_decisions_and_actions_get_the_next_reference(body, secretariat, member_org):
    meeting = make_meeting(body=body)
    item = make_item(meeting)
    d1 = services.decision_add(item=item, by=secretariat, kind="endorsed", text="Framework")
    d2 = services.decision_add(item=item, by=secretariat, kind="agreed", text="Flexible timing")
    assert (d1.reference, d2.reference) == ("EXCOM/2023/03/D1", "EXCOM/2023/03/D2")
    action = services.action_point_add(
        item=item,
        by=secretariat,
        text="Roadmap",
        owner_organizations=[member_org],
        due_day=datetime.date(2024, 8, 1),
        due_precision="half",
    )
    assert action.reference == "EXCOM/2023/03/A1"
    assert action.due_date == datetime.date(2024, 12, 31)
    assert list(action.owner_organizations.all()) == [member_org]


def test_stale_action_point_save_is_refused(body, secretariat):
    action = make_action(make_item(make_meeting(body=body)))
    services.action_point_update(action=action, by=secretariat, version=1, text="First")
    with pytest.raises(services.StaleEdit):
        services.action_point_update(action=action, by=secretariat, version=1, text="Second")
    action.refresh_from_db()
    assert action.text == "First"


def test_closing_an_action_point_sets_closed_at(body, secretariat):
    action = make_action(make_item(make_meeting(body=body)))
    action = services.action_point_update(
        action=action, by=secretariat, version=1, text=action.text, status="done"
    )
    assert action.closed_at is not None
    action = services.action_point_update(
        action=action, by=secretariat, version=2, text=action.text, status="open"
    )
    assert action.closed_at is None and action.status == ActionPoint.Status.OPEN


def test_resolving_a_comment_records_reply(body, secretariat, principal):
    meeting = _circulated(body, secretariat)
    comment = services.review_comment_add(meeting=meeting, by=principal, text="Typo")
    comment = services.review_comment_resolve(comment=comment, by=secretariat, reply="Fixed")
    assert comment.status == ReviewComment.Status.RESOLVED and comment.reply == "Fixed"
    with pytest.raises(services.ServiceError):
        services.review_comment_resolve(comment=comment, by=secretariat)
