"""The review of a summary: the silence procedure, comments and objections, corrections."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lib import timefmt
from minutes import notifications, snapshot
from minutes.models import AgendaItem, Meeting, ReviewComment, SummaryEvent
from minutes.services.actions import action_updates_apply
from minutes.services.base import ServiceError, written_by
from participants import roles, zones
from participants.models import Organization


def can_review(user, meeting: Meeting, on: datetime.date | None = None) -> bool:
    """A principal whose organisation sits on the body today may comment and object."""
    if not roles.is_principal(user):
        return False
    organization = roles.user_organization(user)
    if organization is None:
        return False
    return Organization.objects.members_of(meeting.body, on=on).filter(pk=organization.pk).exists()


def _locked(meeting: Meeting) -> Meeting:
    """The meeting as saved now, locked until the transaction ends: review steps never race."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _refuse_if_silenced(meeting: Meeting, advice: str = "") -> None:
    """A passed deadline with no objection is an approval, even before the sweep records it."""
    if meeting.silence_took_effect:
        refusal = _(
            "The deadline passed without objection: this summary is already approved by silence."
        )
        raise ServiceError(f"{refusal} {advice}".strip())


def meeting_circulate(*, meeting: Meeting, by: User, deadline: datetime.datetime) -> Meeting:
    """Send the draft to the principals; silence until `deadline` is consent."""
    now = timezone.now()
    if deadline <= now:
        raise ServiceError(_("The deadline must be in the future."))
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.status not in (Meeting.Status.DRAFT, Meeting.Status.PLANNED):
            raise ServiceError(
                _("Only a draft can be circulated; this summary is %(status)s.")
                % {"status": meeting.get_status_display().lower()}
            )
        if not meeting.agenda_items.exists():
            raise ServiceError(_("Record at least one agenda item before circulating."))
        meeting.status = Meeting.Status.CIRCULATED
        meeting.circulated_at = now
        meeting.review_deadline = deadline
        meeting.version += 1
        written_by(meeting, by).save()
        # What the meeting decided on earlier actions reaches them with its summary.
        action_updates_apply(meeting=meeting, by=by)
        SummaryEvent.objects.create(
            meeting=meeting,
            kind=SummaryEvent.Kind.CIRCULATED,
            by=by,
            at=now,
            note=f"Deadline {timefmt.format_moment(deadline, *zones.entry_zone(meeting.body))}",
            snapshot=snapshot.summary_text(meeting),
        )
        notifications.summary_circulated(meeting=meeting, by=by)
    return meeting


def meeting_withdraw(*, meeting: Meeting, by: User, reason: str) -> Meeting:
    """Take a circulated summary back to draft to edit it; the review starts again."""
    if not reason.strip():
        raise ServiceError(_("Give the reason for taking the summary back."))
    with transaction.atomic():
        meeting = _locked(meeting)
        _refuse_if_silenced(meeting, _("Reopen it for correction instead."))
        if meeting.status != Meeting.Status.CIRCULATED:
            raise ServiceError(_("Only a circulated summary can be taken back to draft."))
        meeting.status = Meeting.Status.DRAFT
        meeting.review_deadline = None
        meeting.version += 1
        written_by(meeting, by).save()
        SummaryEvent.objects.create(
            meeting=meeting,
            kind=SummaryEvent.Kind.WITHDRAWN,
            by=by,
            at=timezone.now(),
            note=reason,
        )
    return meeting


def _ensure_open_for_review(meeting: Meeting, now: datetime.datetime) -> None:
    if meeting.status != Meeting.Status.CIRCULATED:
        raise ServiceError(_("This summary is not open for review."))
    if meeting.review_deadline <= now:
        raise ServiceError(_("The review deadline has passed."))


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
    if not can_review(by, meeting):
        raise ServiceError(_("Only principals of the body's member organisations may comment."))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ServiceError(_("That agenda item belongs to another meeting."))
    with transaction.atomic():
        meeting = _locked(meeting)
        _ensure_open_for_review(meeting, now)
        comment = ReviewComment(
            meeting=meeting,
            agenda_item=agenda_item,
            author=by,
            organization=roles.user_organization(by),
            kind=kind,
            text=text,
        )
        written_by(comment, by).save()
        if kind == ReviewComment.Kind.OBJECTION:
            meeting.status = Meeting.Status.DRAFT
            meeting.review_deadline = None
            meeting.version += 1
            written_by(meeting, by).save()
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
            raise ServiceError(_("This comment is already resolved."))
        comment.status = ReviewComment.Status.RESOLVED
        comment.reply = reply
        comment.resolved_by = by
        comment.resolved_at = timezone.now()
        written_by(comment, by).save()
    return comment


def meeting_approve(*, meeting: Meeting, by: User) -> Meeting:
    """Explicit approval by the secretariat, before or without waiting for the deadline."""
    now = timezone.now()
    with transaction.atomic():
        meeting = _locked(meeting)
        _refuse_if_silenced(meeting)
        if meeting.status != Meeting.Status.CIRCULATED:
            raise ServiceError(_("Only a circulated summary can be approved."))
        _approve(meeting, by=by, at=now, method=Meeting.ApprovalMethod.EXPLICIT)
    return meeting


def _approve(meeting: Meeting, *, by: User | None, at: datetime.datetime, method: str) -> None:
    meeting.status = Meeting.Status.APPROVED
    meeting.approved_at = at
    meeting.approved_by = by
    meeting.approval_method = method
    meeting.version += 1
    written_by(meeting, by).save()
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
        raise ServiceError(_("Give the reason for the correction."))
    now = timezone.now()
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.silence_took_effect:
            # Approved by silence but not yet recorded by the sweep: the history must show
            # the approval before the correction that reopens it.
            _record_silence(meeting)
        if meeting.status != Meeting.Status.APPROVED:
            raise ServiceError(_("Only an approved summary can be reopened for correction."))
        meeting.status = Meeting.Status.DRAFT
        meeting.approved_at = None
        meeting.approved_by = None
        meeting.approval_method = ""
        meeting.review_deadline = None
        meeting.version += 1
        written_by(meeting, by).save()
        SummaryEvent.objects.create(
            meeting=meeting, kind=SummaryEvent.Kind.REOPENED, by=by, at=now, note=reason
        )
        notifications.summary_reopened(meeting=meeting, by=by, reason=reason)
    return meeting


def apply_review_deadlines(*, now: datetime.datetime) -> list[Meeting]:
    """Record the approval by silence of every circulated summary whose deadline has passed.

    Only the scheduled command (`manage.py apply_review_deadlines`) calls this: pages read
    `Meeting.effective_status` and never write. Safe on several servers at once: each meeting
    is claimed in its own transaction under a row lock that other sweeps skip (SKIP LOCKED on
    PostgreSQL) and is checked again under the lock, so each summary is approved once and a
    second run finds nothing to do.
    """
    due_now = Meeting.objects.filter(status=Meeting.Status.CIRCULATED, review_deadline__lte=now)
    approved = []
    for pk in list(due_now.order_by("review_deadline", "pk").values_list("pk", flat=True)):
        with transaction.atomic():
            meeting = (
                due_now.filter(pk=pk)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("body")
                .first()
            )
            if meeting is None:
                continue  # another sweep holds it, or an objection came first
            _record_silence(meeting)
            approved.append(meeting)
    return approved


def _record_silence(meeting: Meeting) -> None:
    # Silence took effect at the deadline, not when the sweep noticed.
    _approve(meeting, by=None, at=meeting.review_deadline, method=Meeting.ApprovalMethod.SILENCE)
