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

Each person is written to in the language they chose (the site's default language otherwise):
every notice is composed once per recipient under that language.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from lib.timefmt import format_day, format_moment_in_zones
from minutes.models import Meeting, ReviewComment, SummaryEvent
from outbox.services import Notice, languages_of, notify, once
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

    def notice(self, *, subject: str, body: str, link: str, language: str = "") -> Notice:
        return Notice(
            subject=subject,
            body=_("Dear %(name)s,") % {"name": self.name} + f"\n\n{body}",
            link=link,
            email=self.email,
            user=self.user,
            language=language,
        )


def notices_for(
    recipients: Iterable[Recipient], compose: Callable[[], tuple[str, str]], *, link: str
) -> list[Notice]:
    """One notice per recipient, composed (subject, body) in the recipient's language."""
    recipients = list(recipients)
    chosen = languages_of(r.user.pk for r in recipients if r.user is not None)
    notices = []
    for recipient in recipients:
        language = (
            chosen.get(recipient.user.pk if recipient.user else None) or settings.LANGUAGE_CODE
        )
        with translation.override(language):
            subject, body = compose()
            notices.append(
                recipient.notice(subject=subject, body=body, link=link, language=language)
            )
    return notices


# Dates and times in the body's zones --------------------------------------------------------


def meeting_label(meeting: Meeting, labelled: list[tuple[ZoneInfo, str]]) -> str:
    return _("%(title)s, %(day)s") % {
        "title": meeting.title,
        "day": format_day(meeting.start, labelled[0][0]),
    }


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
        return _("The secretariat")
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

    def compose() -> tuple[str, str]:
        label = meeting_label(meeting, labelled)
        if revised:
            subject = _("Revised summary for review: %(meeting)s") % {"meeting": label}
            opening = _("A revised draft summary of the %(meeting)s is circulated for your review.")
        else:
            subject = _("Summary for review: %(meeting)s") % {"meeting": label}
            opening = _("The draft summary of the %(meeting)s is circulated for your review.")
        deadline = format_moment_in_zones(meeting.review_deadline, labelled)
        body = "\n\n".join(
            [
                opening % {"meeting": label},
                _("Deadline for comments: %(deadline)s.") % {"deadline": deadline},
                _(
                    "Under the silence procedure the summary is approved if no objection is "
                    "raised by then. You can comment on it, or object, on its page."
                ),
            ]
        )
        return subject, body

    recipients = _except(principals_of(meeting, on=zones.today(meeting.body)), by)
    notify(notices_for(recipients, compose, link=meeting.get_absolute_url()))


def review_comment_added(*, comment: ReviewComment, by: User) -> None:
    meeting = comment.meeting
    labelled = zones.body_zones(meeting.body)
    objection = comment.kind == ReviewComment.Kind.OBJECTION
    organization = comment.organization.label if comment.organization_id else ""

    def compose() -> tuple[str, str]:
        label = meeting_label(meeting, labelled)
        who = _user_name(by) + (f" ({organization})" if organization else "")
        what = {"who": who, "meeting": label}
        if comment.agenda_item_id:
            what["item"] = f"{comment.agenda_item.position}, {comment.agenda_item.title}"
        if objection:
            subject = _("Objection: %(meeting)s") % {"meeting": label}
            if comment.agenda_item_id:
                said = _("%(who)s objected to the summary of the %(meeting)s on item %(item)s:")
            else:
                said = _("%(who)s objected to the summary of the %(meeting)s:")
            after = _(
                "Silence is broken: the summary is back in draft. Revise it and circulate it again."
            )
            return subject, f"{said % what}\n\n{comment.text}\n\n{after}"
        subject = _("Comment on the summary: %(meeting)s") % {"meeting": label}
        if comment.agenda_item_id:
            said = _("%(who)s commented on the summary of the %(meeting)s on item %(item)s:")
        else:
            said = _("%(who)s commented on the summary of the %(meeting)s:")
        return subject, f"{said % what}\n\n{comment.text}"

    notify(notices_for(_except(secretariat(), by), compose, link=comment.get_absolute_url()))


def summary_approved(*, meeting: Meeting, by: User | None, method: str) -> None:
    labelled = zones.body_zones(meeting.body)

    def compose() -> tuple[str, str]:
        label = meeting_label(meeting, labelled)
        if method == Meeting.ApprovalMethod.SILENCE:
            approved = _(
                "The summary of the %(meeting)s was approved under the silence procedure: no "
                "objection was raised before the deadline, %(when)s."
            ) % {
                "meeting": label,
                "when": format_moment_in_zones(meeting.review_deadline, labelled),
            }
        else:
            approved = _(
                "The summary of the %(meeting)s was approved by the secretariat on %(when)s."
            ) % {"meeting": label, "when": format_moment_in_zones(meeting.approved_at, labelled)}
        subject = _("Approved: %(meeting)s") % {"meeting": label}
        return subject, f"{approved}\n\n{_('It is now final.')}"

    recipients = _except(secretariat(), by) + _except(
        principals_of(meeting, on=zones.today(meeting.body)), by
    )
    notify(notices_for(recipients, compose, link=meeting.get_absolute_url()))


def summary_reopened(*, meeting: Meeting, by: User, reason: str) -> None:
    labelled = zones.body_zones(meeting.body)

    def compose() -> tuple[str, str]:
        label = meeting_label(meeting, labelled)
        subject = _("Reopened for correction: %(meeting)s") % {"meeting": label}
        body = "\n\n".join(
            [
                _("%(who)s reopened the approved summary of the %(meeting)s for correction.")
                % {"who": _user_name(by), "meeting": label},
                _("Reason: %(reason)s") % {"reason": reason},
                _("Circulate it again when the correction is made."),
            ]
        )
        return subject, body

    notify(notices_for(_except(secretariat(), by), compose, link=meeting.get_absolute_url()))


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

        def compose(meeting=meeting, labelled=labelled) -> tuple[str, str]:
            label = meeting_label(meeting, labelled)
            subject = _("Reminder: comments on %(meeting)s by %(day)s") % {
                "meeting": label,
                "day": format_day(meeting.review_deadline, labelled[0][0]),
            }
            closes = _("The review of the summary of the %(meeting)s closes on %(when)s.") % {
                "meeting": label,
                "when": format_moment_in_zones(meeting.review_deadline, labelled),
            }
            advice = _(
                "If you have comments or an objection, send them before then on the summary's "
                "page; otherwise the summary is approved by silence."
            )
            return subject, f"{closes}\n\n{advice}"

        circulation = f"{meeting.circulated_at:%Y%m%dT%H%M%S}"
        with transaction.atomic():
            reminded = [
                r
                for r in principals_of(meeting, on=zones.today(meeting.body, now=now))
                if not (r.user and r.user.pk in users)
                and r.organization_id not in organizations
                and once(f"review-reminder:{meeting.pk}:{circulation}:{r.person_id}")
            ]
            notices = notices_for(reminded, compose, link=meeting.get_absolute_url())
            notify(notices)
        queued += len(notices)
    return queued
