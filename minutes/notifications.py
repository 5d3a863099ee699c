"""Who is told what at each step of the review, in the app and by e-mail.

The record's services call one function here at the end of their transaction; the notices are
written to the outbox in that same transaction and e-mailed after it commits.

- circulated (or re-circulated after a revision): each principal of the body's member
  organisations, with the deadline in the body's time zones;
- two working days before the deadline: the principals who have not responded yet, once;
- a comment or an objection: the secretariat, at once;
- approved (explicitly or by silence): the secretariat and the principals;
- reopened for correction: the secretariat (principals hear of the revision when it is
  circulated again: a draft is never shown to them).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q

from lib.timefmt import format_day, format_moment_in_zones
from minutes.models import Meeting, ReviewComment, SummaryEvent
from outbox.services import Notice, notify, once
from participants import roles, zones
from participants.models import Organization, Position

# The reminder goes out this many working days (Monday to Friday) before the deadline.
REMINDER_WORKING_DAYS = 2


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    user: User | None
    person_id: int | None = None
    organization_id: int | None = None

    def notice(self, *, subject: str, body: str, link: str) -> Notice:
        return Notice(
            subject=subject,
            body=f"Dear {self.name},\n\n{body}",
            link=link,
            email=self.email,
            user=self.user,
        )


# Dates and times in the body's zones --------------------------------------------------------


def meeting_label(meeting: Meeting, labelled: list[tuple[ZoneInfo, str]]) -> str:
    return f"{meeting.title}, {format_day(meeting.start, labelled[0][0])}"


def reminder_time(deadline: datetime.datetime, zone: ZoneInfo) -> datetime.datetime:
    """The same clock time, REMINDER_WORKING_DAYS working days earlier in the body's zone."""
    local = deadline.astimezone(zone)
    day, counted = local.date(), 0
    while counted < REMINDER_WORKING_DAYS:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return datetime.datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=zone)


# Recipients -----------------------------------------------------------------------------------


def _user_name(user: User | None) -> str:
    if user is None:
        return "The secretariat"
    person = getattr(user, "person", None)
    return (person.name if person else "") or user.get_full_name() or user.username


def principals_of(meeting: Meeting, *, on: datetime.date) -> list[Recipient]:
    """The principals of the body's member organisations on `on`, one entry per person."""
    positions = (
        Position.objects.on(on)
        .filter(organization__in=Organization.objects.members_of(meeting.body, on=on))
        .filter(Q(is_principal=True) | Q(person__user__groups__name=roles.PRINCIPALS))
        .select_related("person__user")
        .order_by("person__name", "pk")
    )
    recipients, seen = [], set()
    for position in positions:
        person = position.person
        if person.pk in seen:
            continue
        seen.add(person.pk)
        user = person.user if person.user_id and person.user.is_active else None
        email = person.email or (user.email if user else "")
        if email or user:
            recipients.append(
                Recipient(
                    name=person.name,
                    email=email,
                    user=user,
                    person_id=person.pk,
                    organization_id=position.organization_id,
                )
            )
    return recipients


def secretariat() -> list[Recipient]:
    users = (
        User.objects.filter(is_active=True, groups__name=roles.SECRETARIAT)
        .select_related("person")
        .order_by("username")
        .distinct()
    )
    return [
        Recipient(
            name=_user_name(user),
            email=user.email or (user.person.email if hasattr(user, "person") else ""),
            user=user,
        )
        for user in users
    ]


def _except(recipients: Iterable[Recipient], by: User | None) -> list[Recipient]:
    """Nobody is told of what they did themselves."""
    return [r for r in recipients if by is None or r.user is None or r.user.pk != by.pk]


# The review steps -----------------------------------------------------------------------------


def summary_circulated(*, meeting: Meeting, by: User) -> None:
    labelled = zones.body_zones(meeting.body)
    revised = meeting.events.filter(kind=SummaryEvent.Kind.CIRCULATED).count() > 1
    what = "A revised draft summary" if revised else "The draft summary"
    label = meeting_label(meeting, labelled)
    subject = f"{'Revised summary' if revised else 'Summary'} for review: {label}"
    body = (
        f"{what} of the {label} is circulated for your review.\n\n"
        f"Deadline for comments: {format_moment_in_zones(meeting.review_deadline, labelled)}.\n\n"
        "Under the silence procedure the summary is approved if no objection is raised by "
        "then. You can comment on it, or object, on its page."
    )
    notify(
        r.notice(subject=subject, body=body, link=meeting.get_absolute_url())
        for r in _except(principals_of(meeting, on=zones.today(meeting.body)), by)
    )


def review_comment_added(*, comment: ReviewComment, by: User) -> None:
    meeting = comment.meeting
    labelled = zones.body_zones(meeting.body)
    label = meeting_label(meeting, labelled)
    objection = comment.kind == ReviewComment.Kind.OBJECTION
    organization = comment.organization.label if comment.organization_id else ""
    who = _user_name(by) + (f" ({organization})" if organization else "")
    where = (
        f" on item {comment.agenda_item.position}, {comment.agenda_item.title}"
        if (comment.agenda_item_id)
        else ""
    )
    if objection:
        subject = f"Objection: {label}"
        body = (
            f"{who} objected to the summary of the {label}{where}:\n\n{comment.text}\n\n"
            "Silence is broken: the summary is back in draft. Revise it and circulate it again."
        )
    else:
        subject = f"Comment on the summary: {label}"
        body = f"{who} commented on the summary of the {label}{where}:\n\n{comment.text}"
    notify(
        r.notice(subject=subject, body=body, link=comment.get_absolute_url())
        for r in _except(secretariat(), by)
    )


def summary_approved(*, meeting: Meeting, by: User | None, method: str) -> None:
    labelled = zones.body_zones(meeting.body)
    label = meeting_label(meeting, labelled)
    if method == Meeting.ApprovalMethod.SILENCE:
        how = (
            "under the silence procedure: no objection was raised before the deadline, "
            f"{format_moment_in_zones(meeting.review_deadline, labelled)}"
        )
    else:
        how = f"by the secretariat on {format_moment_in_zones(meeting.approved_at, labelled)}"
    subject = f"Approved: {label}"
    body = f"The summary of the {label} was approved {how}.\n\nIt is now final."
    recipients = _except(secretariat(), by) + _except(
        principals_of(meeting, on=zones.today(meeting.body)), by
    )
    notify(
        r.notice(subject=subject, body=body, link=meeting.get_absolute_url()) for r in recipients
    )


def summary_reopened(*, meeting: Meeting, by: User, reason: str) -> None:
    labelled = zones.body_zones(meeting.body)
    label = meeting_label(meeting, labelled)
    subject = f"Reopened for correction: {label}"
    body = (
        f"{_user_name(by)} reopened the approved summary of the {label} for correction.\n\n"
        f"Reason: {reason}\n\nCirculate it again when the correction is made."
    )
    notify(
        r.notice(subject=subject, body=body, link=meeting.get_absolute_url())
        for r in _except(secretariat(), by)
    )


def send_review_reminders(*, now: datetime.datetime) -> int:
    """Remind the principals who have not responded, two working days before the deadline.

    Once per principal per circulation, however often it runs and on however many servers.
    Returns how many reminders were queued.
    """
    queued = 0
    circulated = (
        Meeting.objects.filter(status=Meeting.Status.CIRCULATED, review_deadline__gt=now)
        .select_related("body")
        .prefetch_related("body__time_zones")
        .order_by("review_deadline", "pk")
    )
    for meeting in circulated:
        labelled = zones.body_zones(meeting.body)
        if now < reminder_time(meeting.review_deadline, labelled[0][0]):
            continue
        responded = meeting.review_comments.filter(created_at__gte=meeting.circulated_at)
        users = set(responded.values_list("author_id", flat=True))
        organizations = set(responded.values_list("organization_id", flat=True))
        label = meeting_label(meeting, labelled)
        subject = f"Reminder: comments on {label} by {format_day(meeting.review_deadline, labelled[0][0])}"
        body = (
            f"The review of the summary of the {label} closes on "
            f"{format_moment_in_zones(meeting.review_deadline, labelled)}.\n\n"
            "If you have comments or an objection, send them before then on the summary's "
            "page; otherwise the summary is approved by silence."
        )
        circulation = f"{meeting.circulated_at:%Y%m%dT%H%M%S}"
        with transaction.atomic():
            notices = [
                r.notice(subject=subject, body=body, link=meeting.get_absolute_url())
                for r in principals_of(meeting, on=zones.today(meeting.body, now=now))
                if not (r.user and r.user.pk in users)
                and r.organization_id not in organizations
                and once(f"review-reminder:{meeting.pk}:{circulation}:{r.person_id}")
            ]
            notify(notices)
        queued += len(notices)
    return queued
