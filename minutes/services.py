"""Writes that touch several models: recording a meeting and the review (silence) procedure.

Every function is keyword-only, runs inside one transaction, and raises a ServiceError with a
message fit for the person who asked, so a view can show it and keep what they typed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from lib import due
from minutes import notifications
from minutes.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    ReviewComment,
    SummaryEvent,
)
from minutes.references import next_reference
from participants import roles
from participants.models import Organization, Person, Position


class ServiceError(Exception):
    """A write refused for a reason the user can act on."""


class StaleEdit(ServiceError):
    """Somebody else saved the same record since this form was opened."""

    def __init__(self, message: str, *, model=None, pk: int | None = None):
        super().__init__(message)
        self.model, self.pk = model, pk


class MeetingLocked(ServiceError):
    """The summary is approved; it changes only through a correction."""


STALE_MESSAGE = (
    "Somebody else saved {what} while you were editing it. Your changes were not saved; "
    "they are still in the form below, with what is saved now beside them. Merge the two "
    "and save again: that save will replace their version."
)


def ensure_editable(meeting: Meeting) -> None:
    if meeting.is_locked:
        raise MeetingLocked(
            "This summary is approved and locked. Reopen it for correction to change it."
        )


def _claim_version(model, pk: int, version: int, what: str) -> int:
    """Compare-and-swap on `version`: succeed only if nobody saved since `version` was read."""
    claimed = model.objects.filter(pk=pk, version=version).update(version=F("version") + 1)
    if not claimed:
        raise StaleEdit(STALE_MESSAGE.format(what=what), model=model, pk=pk)
    return version + 1


# Recording -------------------------------------------------------------------------------


def default_title(*, body, level: str, modality: str) -> str:
    """'Executive Committee Principals (Virtual) Meeting', as the sample heads it."""
    label = Meeting.Modality(modality).label if modality else ""
    parts = [body.name, level.strip()]
    title = " ".join(p for p in parts if p)
    if label:
        title += f" ({label})"
    return f"{title} Meeting"


def meeting_create(*, by: User, data: dict[str, Any]) -> Meeting:
    with transaction.atomic():
        meeting = Meeting(**data)
        meeting.full_clean()
        meeting.save()
    return meeting


def meeting_update(*, meeting: Meeting, by: User, data: dict[str, Any], version: int) -> Meeting:
    """Save the editor's fields if nobody else saved the meeting since the form was opened."""
    with transaction.atomic():
        ensure_editable(meeting)
        new_version = _claim_version(Meeting, meeting.pk, version, "this meeting")
        fresh = Meeting.objects.get(pk=meeting.pk)
        for field, value in data.items():
            setattr(fresh, field, value)
        fresh.version = new_version
        fresh.full_clean()
        fresh.save()
    return fresh


def attendance_add(*, meeting: Meeting, person: Person, by: User) -> Attendance:
    """Add somebody with the title and organisation they held on the day of the meeting."""
    with transaction.atomic():
        ensure_editable(meeting)
        if meeting.attendances.filter(person=person).exists():
            raise ServiceError(f"{person.name} is already on the list.")
        day = meeting.start.astimezone(_primary_zone(meeting)).date()
        held = person.position_on(day) or person.positions.select_related("organization").first()
        last = meeting.attendances.aggregate(m=Max("position"))["m"]
        return Attendance.objects.create(
            meeting=meeting,
            person=person,
            organization=held.organization if held else None,
            title=held.title if held else "",
            position=0 if last is None else last + 1,
        )


def attendance_add_members(*, meeting: Meeting, by: User) -> list[Attendance]:
    """Add the principal of every member organisation not yet listed: the usual attendance."""
    day = meeting.start.astimezone(_primary_zone(meeting)).date()
    members = Organization.objects.members_of(meeting.body, on=day)
    positions = (
        Position.objects.on(day)
        .filter(is_principal=True, organization__in=members)
        .exclude(person__attendances__meeting=meeting)
        .select_related("person", "organization")
        .order_by("organization__acronym", "organization__name")
    )
    added = []
    with transaction.atomic():
        ensure_editable(meeting)
        last = meeting.attendances.aggregate(m=Max("position"))["m"]
        next_position = 0 if last is None else last + 1
        seen: set[int] = set()
        for held in positions:
            if held.person_id in seen:
                continue
            seen.add(held.person_id)
            added.append(
                Attendance.objects.create(
                    meeting=meeting,
                    person=held.person,
                    organization=held.organization,
                    title=held.title,
                    position=next_position,
                )
            )
            next_position += 1
    return added


def person_create_and_attend(
    *,
    meeting: Meeting,
    by: User,
    name: str,
    email: str = "",
    title: str = "",
    organization: Organization | None = None,
    new_organization_name: str = "",
    new_organization_acronym: str = "",
) -> Attendance:
    """A newcomer: their organisation (new if need be), person, position and attendance at once."""
    with transaction.atomic():
        ensure_editable(meeting)
        if organization is None and new_organization_name:
            organization = Organization.objects.create(
                name=new_organization_name.strip(), acronym=new_organization_acronym.strip()
            )
        person = Person.objects.create(name=name.strip(), email=email)
        if organization is not None and title:
            Position.objects.create(person=person, organization=organization, title=title)
        last = meeting.attendances.aggregate(m=Max("position"))["m"]
        return Attendance.objects.create(
            meeting=meeting,
            person=person,
            organization=organization,
            title=title,
            position=0 if last is None else last + 1,
        )


def agenda_item_add(*, meeting: Meeting, by: User, title: str, kind: str) -> AgendaItem:
    with transaction.atomic():
        ensure_editable(meeting)
        last = meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0
        return AgendaItem.objects.create(meeting=meeting, position=last + 1, title=title, kind=kind)


def agenda_item_move(*, item: AgendaItem, by: User, direction: str) -> bool:
    """Swap an item with its neighbour; False when it is already first or last.

    Positions are unique per meeting, so the item is parked on a free position first.
    """
    with transaction.atomic():
        ensure_editable(item.meeting)
        siblings = AgendaItem.objects.select_for_update().filter(meeting_id=item.meeting_id)
        if direction == "up":
            other = siblings.filter(position__lt=item.position).order_by("-position").first()
        else:
            other = siblings.filter(position__gt=item.position).order_by("position").first()
        if other is None:
            return False
        item = siblings.get(pk=item.pk)
        parking = (siblings.aggregate(m=Max("position"))["m"] or 0) + 1
        mine, theirs = item.position, other.position
        # update() so the parking step does not show in the history as a change.
        AgendaItem.objects.filter(pk=item.pk).update(position=parking)
        other.position = mine
        other.save()
        item.position = theirs
        item.save()
    return True


def agenda_item_remove(*, item: AgendaItem, by: User) -> None:
    """Remove an item and close the gap; refused while decisions or actions hang on it."""
    with transaction.atomic():
        ensure_editable(item.meeting)
        if item.decisions.exists() or item.action_points.exists():
            raise ServiceError(
                "Remove this item's decisions and action points first: they may be "
                "referenced elsewhere."
            )
        meeting_id, position = item.meeting_id, item.position
        item.delete()
        # Ascending, so each item moves into the place just freed.
        for later in AgendaItem.objects.filter(
            meeting_id=meeting_id, position__gt=position
        ).order_by("position"):
            later.position -= 1
            later.save()


def agenda_item_update(
    *,
    item: AgendaItem,
    by: User,
    data: dict[str, Any],
    topics: Iterable,
    version: int,
) -> AgendaItem:
    with transaction.atomic():
        ensure_editable(item.meeting)
        new_version = _claim_version(AgendaItem, item.pk, version, "this agenda item")
        fresh = AgendaItem.objects.get(pk=item.pk)
        for field, value in data.items():
            setattr(fresh, field, value)
        fresh.version = new_version
        fresh.save()
        fresh.topics.set(topics)
    return fresh


def _with_fresh_reference(create, model, meeting: Meeting, letter: str):
    """Allocate the next reference; retry if a concurrent save took the same one."""
    for _attempt in range(5):
        reference = next_reference(model, meeting, letter)
        try:
            with transaction.atomic():
                return create(reference)
        except IntegrityError:
            if not model.objects.filter(reference=reference).exists():
                raise
    raise ServiceError("Could not allocate a reference; please save again.")


def decision_add(
    *, item: AgendaItem, by: User, kind: str, text: str, topics: Iterable = ()
) -> Decision:
    ensure_editable(item.meeting)
    position = item.decisions.aggregate(m=Max("position"))["m"]

    def create(reference: str) -> Decision:
        decision = Decision.objects.create(
            agenda_item=item,
            kind=kind,
            text=text,
            reference=reference,
            position=0 if position is None else position + 1,
        )
        decision.topics.set(topics)
        return decision

    return _with_fresh_reference(create, Decision, item.meeting, "D")


def _due_fields(due_day: datetime.date | None, precision: str) -> dict[str, Any]:
    if precision == due.NONE or due_day is None:
        return {"due_date": None, "due_precision": due.NONE}
    return {"due_date": due.period_end(due_day, precision), "due_precision": precision}


def _closing_fields(status: str, was_closed_at: datetime.datetime | None) -> dict[str, Any]:
    if status in ActionPoint.OPEN_STATUSES:
        return {"closed_at": None}
    return {"closed_at": was_closed_at or timezone.now()}


def action_point_add(
    *,
    item: AgendaItem,
    by: User,
    text: str,
    owner_organizations: Iterable = (),
    owner_people: Iterable = (),
    owner_note: str = "",
    due_day: datetime.date | None = None,
    due_precision: str = due.NONE,
    status: str = ActionPoint.Status.OPEN,
    decision: Decision | None = None,
    topics: Iterable = (),
) -> ActionPoint:
    ensure_editable(item.meeting)
    position = item.action_points.aggregate(m=Max("position"))["m"]

    def create(reference: str) -> ActionPoint:
        action = ActionPoint.objects.create(
            agenda_item=item,
            decision=decision,
            reference=reference,
            text=text,
            owner_note=owner_note,
            status=status,
            position=0 if position is None else position + 1,
            **_due_fields(due_day, due_precision),
            **_closing_fields(status, None),
        )
        action.owner_organizations.set(owner_organizations)
        action.owner_people.set(owner_people)
        action.topics.set(topics)
        return action

    return _with_fresh_reference(create, ActionPoint, item.meeting, "A")


def action_point_update(
    *,
    action: ActionPoint,
    by: User,
    version: int,
    text: str,
    owner_organizations: Iterable = (),
    owner_people: Iterable = (),
    owner_note: str = "",
    due_day: datetime.date | None = None,
    due_precision: str = due.NONE,
    status: str = ActionPoint.Status.OPEN,
    topics: Iterable = (),
) -> ActionPoint:
    with transaction.atomic():
        new_version = _claim_version(
            ActionPoint, action.pk, version, f"action point {action.reference}"
        )
        fresh = ActionPoint.objects.get(pk=action.pk)
        fresh.text = text
        fresh.owner_note = owner_note
        fresh.status = status
        for field, value in {
            **_due_fields(due_day, due_precision),
            **_closing_fields(status, fresh.closed_at),
        }.items():
            setattr(fresh, field, value)
        fresh.version = new_version
        fresh.save()
        fresh.owner_organizations.set(owner_organizations)
        fresh.owner_people.set(owner_people)
        fresh.topics.set(topics)
    return fresh


# Review: the silence procedure ------------------------------------------------------------


def _primary_zone(meeting: Meeting):
    zone = meeting.body.time_zones.order_by("position").first()
    return zone.tzinfo if zone else timezone.get_default_timezone()


def can_review(user, meeting: Meeting, on: datetime.date | None = None) -> bool:
    """A principal whose organisation sits on the body today may comment and object."""
    if not roles.is_principal(user):
        return False
    organization = roles.user_organization(user)
    if organization is None:
        return False
    return Organization.objects.members_of(meeting.body, on=on).filter(pk=organization.pk).exists()


def meeting_circulate(*, meeting: Meeting, by: User, deadline: datetime.datetime) -> Meeting:
    """Send the draft to the principals; silence until `deadline` is consent."""
    now = timezone.now()
    if deadline <= now:
        raise ServiceError("The deadline must be in the future.")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status not in (Meeting.Status.DRAFT, Meeting.Status.PLANNED):
            raise ServiceError(
                f"Only a draft can be circulated; this summary is {meeting.get_status_display().lower()}."
            )
        if not meeting.agenda_items.exists():
            raise ServiceError("Record at least one agenda item before circulating.")
        meeting.status = Meeting.Status.CIRCULATED
        meeting.circulated_at = now
        meeting.review_deadline = deadline
        meeting.version += 1
        meeting.save()
        SummaryEvent.objects.create(
            meeting=meeting,
            kind=SummaryEvent.Kind.CIRCULATED,
            by=by,
            at=now,
            note=f"Deadline {deadline.astimezone(_primary_zone(meeting)):%d %B %Y %H.%M}",
        )
        notifications.summary_circulated(meeting=meeting, by=by)
    return meeting


def _ensure_open_for_review(meeting: Meeting, now: datetime.datetime) -> None:
    if meeting.status != Meeting.Status.CIRCULATED:
        raise ServiceError("This summary is not open for review.")
    if meeting.review_deadline <= now:
        raise ServiceError("The review deadline has passed.")


def review_comment_add(
    *,
    meeting: Meeting,
    by: User,
    text: str,
    agenda_item: AgendaItem | None = None,
    kind: str = ReviewComment.Kind.COMMENT,
) -> ReviewComment:
    """A principal's comment; an objection also breaks silence and returns the draft."""
    now = timezone.now()
    if not can_review(by, meeting, on=timezone.localdate()):
        raise ServiceError("Only principals of the body's member organisations may comment.")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ServiceError("That agenda item belongs to another meeting.")
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _ensure_open_for_review(meeting, now)
        comment = ReviewComment.objects.create(
            meeting=meeting,
            agenda_item=agenda_item,
            author=by,
            organization=roles.user_organization(by),
            kind=kind,
            text=text,
        )
        if kind == ReviewComment.Kind.OBJECTION:
            meeting.status = Meeting.Status.DRAFT
            meeting.review_deadline = None
            meeting.version += 1
            meeting.save()
            SummaryEvent.objects.create(
                meeting=meeting,
                kind=SummaryEvent.Kind.OBJECTED,
                by=by,
                at=now,
                note=text,
            )
        notifications.review_comment_added(comment=comment, by=by)
    return comment


def meeting_object(
    *, meeting: Meeting, by: User, text: str, agenda_item: AgendaItem | None = None
) -> ReviewComment:
    return review_comment_add(
        meeting=meeting,
        by=by,
        text=text,
        agenda_item=agenda_item,
        kind=ReviewComment.Kind.OBJECTION,
    )


def review_comment_resolve(*, comment: ReviewComment, by: User, reply: str = "") -> ReviewComment:
    with transaction.atomic():
        comment = ReviewComment.objects.select_for_update().get(pk=comment.pk)
        if comment.status == ReviewComment.Status.RESOLVED:
            raise ServiceError("This comment is already resolved.")
        comment.status = ReviewComment.Status.RESOLVED
        comment.reply = reply
        comment.resolved_by = by
        comment.resolved_at = timezone.now()
        comment.save()
    return comment


def meeting_approve(*, meeting: Meeting, by: User) -> Meeting:
    """Explicit approval by the secretariat, before or without waiting for the deadline."""
    now = timezone.now()
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != Meeting.Status.CIRCULATED:
            raise ServiceError("Only a circulated summary can be approved.")
        _approve(meeting, by=by, at=now, method=Meeting.ApprovalMethod.EXPLICIT)
    return meeting


def _approve(meeting: Meeting, *, by: User | None, at: datetime.datetime, method: str) -> None:
    meeting.status = Meeting.Status.APPROVED
    meeting.approved_at = at
    meeting.approved_by = by
    meeting.approval_method = method
    meeting.version += 1
    meeting.save()
    SummaryEvent.objects.create(
        meeting=meeting,
        kind=SummaryEvent.Kind.APPROVED,
        by=by,
        at=at,
        note=(
            "No objection before the deadline (silence procedure)."
            if method == Meeting.ApprovalMethod.SILENCE
            else "Approved by the secretariat."
        ),
    )
    notifications.summary_approved(meeting=meeting, by=by, method=method)


def meeting_reopen(*, meeting: Meeting, by: User, reason: str) -> Meeting:
    """A correction: the approved summary goes back to draft, with the reason on record."""
    if not reason.strip():
        raise ServiceError("Give the reason for the correction.")
    now = timezone.now()
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != Meeting.Status.APPROVED:
            raise ServiceError("Only an approved summary can be reopened for correction.")
        meeting.status = Meeting.Status.DRAFT
        meeting.approved_at = None
        meeting.approved_by = None
        meeting.approval_method = ""
        meeting.review_deadline = None
        meeting.version += 1
        meeting.save()
        SummaryEvent.objects.create(
            meeting=meeting, kind=SummaryEvent.Kind.REOPENED, by=by, at=now, note=reason
        )
        notifications.summary_reopened(meeting=meeting, by=by, reason=reason)
    return meeting


def apply_review_deadlines(
    *, now: datetime.datetime, meeting_ids: Iterable[int] | None = None
) -> list[Meeting]:
    """Approve by silence every circulated summary whose deadline has passed.

    Runs from cron (`manage.py apply_review_deadlines`) and lazily when a page shows a meeting.
    Rows are locked, so two sweeps at once approve each meeting once.
    """
    due_now = Meeting.objects.filter(status=Meeting.Status.CIRCULATED, review_deadline__lte=now)
    if meeting_ids is not None:
        due_now = due_now.filter(pk__in=list(meeting_ids))
    # Most page views find nothing due: one plain query, no transaction.
    if not due_now.exists():
        return []
    approved = []
    with transaction.atomic():
        for meeting in due_now.select_for_update().select_related("body"):
            # Silence took effect at the deadline, not when somebody noticed.
            _approve(
                meeting, by=None, at=meeting.review_deadline, method=Meeting.ApprovalMethod.SILENCE
            )
            approved.append(meeting)
    return approved
