"""Reminder digests: one e-mail per owner with their actions due soon or overdue."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import ngettext

from actions.models import ReminderLog
from minutes import access
from minutes.models import ActionPoint
from outbox.services import languages_of
from participants.models import Person, Position


@dataclass
class Digest:
    email: str
    name: str
    actions: list[ActionPoint] = field(default_factory=list)
    user_id: int | None = None
    # The language the recipient chose (blank: the site's default).
    language: str = ""

    def subject(self, today: datetime.date) -> str:
        overdue = sum(1 for a in self.actions if a.days_overdue(today))
        subject = ngettext(
            "Action points: %(count)d due or overdue",
            "Action points: %(count)d due or overdue",
            len(self.actions),
        ) % {"count": len(self.actions)}
        if overdue:
            subject += " " + ngettext("(%(count)d overdue)", "(%(count)d overdue)", overdue) % {
                "count": overdue
            }
        return subject


def actions_to_remind(days: int, today: datetime.date):
    """Open released actions (minutes.access.actions_released), overdue or due within `days`."""
    return (
        access.actions_released(ActionPoint.objects.open())
        .filter(due_date__lte=today + datetime.timedelta(days=days))
        .select_related("agenda_item__meeting__body")
        .prefetch_related(
            "agenda_item__meeting__body__time_zones",
            "owner_people__user",
            Prefetch(
                "owner_organizations__positions",
                queryset=Position.objects.on(today)
                .filter(is_principal=True)
                .select_related("person__user"),
                to_attr="principal_positions",
            ),
        )
        .order_by("due_date", "pk")
    )


def _email(person: Person) -> str:
    return person.email or (person.user.email if person.user_id else "")


def build_digests(days: int, today: datetime.date) -> list[Digest]:
    """Owner people with an address get their own; owning organisations reach their principals."""
    digests: dict[str, Digest] = {}
    seen: dict[str, set[int]] = defaultdict(set)
    for action in actions_to_remind(days, today):
        recipients: list[Person] = list(action.owner_people.all())
        for organization in action.owner_organizations.all():
            recipients += [p.person for p in organization.principal_positions]
        for person in recipients:
            email = _email(person).strip().lower()
            if not email or action.pk in seen[email]:
                continue
            seen[email].add(action.pk)
            digests.setdefault(
                email, Digest(email=email, name=person.name, user_id=person.user_id)
            ).actions.append(action)
    chosen = languages_of(d.user_id for d in digests.values() if d.user_id)
    for digest in digests.values():
        digest.language = chosen.get(digest.user_id, "")
    return sorted(digests.values(), key=lambda d: d.email)


def send_reminders(*, days: int, today: datetime.date, dry_run: bool, out=print) -> int:
    """Send each digest once per day; returns how many were (or would be) sent."""
    sent = 0
    already = set(ReminderLog.objects.filter(sent_on=today).values_list("email", flat=True))
    for digest in build_digests(days, today):
        if digest.email in already:
            out(f"Already reminded today: {digest.email}")
            continue
        with translation.override(digest.language or settings.LANGUAGE_CODE):
            subject = digest.subject(today)
            body = render_to_string(
                "actions/reminder_email.txt",
                {"digest": digest, "today": today, "site_url": settings.SITE_URL.rstrip("/")},
            )
        if dry_run:
            out(f"Would send to {digest.email}: {subject}\n{body}")
            sent += 1
            continue
        try:
            # The log row first, in the same transaction as the send: a concurrent run hits the
            # unique constraint instead of sending twice, and a failed send leaves no row.
            with transaction.atomic():
                ReminderLog.objects.create(
                    email=digest.email, sent_on=today, action_count=len(digest.actions)
                )
                send_mail(
                    subject,
                    body,
                    settings.DEFAULT_FROM_EMAIL,
                    [digest.email],
                )
        except IntegrityError:
            out(f"Already reminded today: {digest.email}")
            continue
        out(f"Sent to {digest.email}: {subject}")
        sent += 1
    return sent


__all__ = ["build_digests", "send_reminders"]
