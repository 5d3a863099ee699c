"""The daily digest: one e-mail a day per user who chose it, with what they were told since."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from outbox.models import DeliveryPreference, Notification, OutboxMessage
from outbox.services import email_text, languages_of

# Local hour (settings.TIME_ZONE) after which the day's digest goes out.
DEFAULT_DIGEST_HOUR = 7


class _Taken(Exception):
    """Another run bundled some of these notifications first."""


def digest_cutoff(now: datetime.datetime) -> datetime.datetime:
    """The latest digest time at or before `now`: today's digest hour, or yesterday's."""
    hour = getattr(settings, "NOTIFICATION_DIGEST_HOUR", DEFAULT_DIGEST_HOUR)
    local = timezone.localtime(now)
    cutoff = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if cutoff > local:
        cutoff -= datetime.timedelta(days=1)
    return cutoff


def digest_text(notifications: list[Notification]) -> str:
    count = len(notifications)
    parts = [
        ngettext(
            "%(count)d notification from Minutes Tracker since your last digest:",
            "%(count)d notifications from Minutes Tracker since your last digest:",
            count,
        )
        % {"count": count}
    ]
    for n in notifications:
        when = formats.date_format(timezone.localtime(n.created_at), "DATETIME_FORMAT")
        parts.append(f"* {n.subject} ({when})\n\n{n.body.strip()}")
    return "\n\n".join(parts)


def _bundle(user_id: int, cutoff: datetime.datetime | None) -> OutboxMessage | None:
    with transaction.atomic():
        waiting = Notification.objects.awaiting_digest().filter(user_id=user_id)
        if cutoff is not None:
            waiting = waiting.filter(created_at__lt=cutoff)
        rows = list(waiting.select_for_update(skip_locked=True).order_by("created_at", "pk"))
        if not rows:
            return None
        taken = Notification.objects.filter(
            pk__in=[n.pk for n in rows], digest_pending=True
        ).update(digest_pending=False)
        if taken != len(rows):
            raise _Taken
        email = next((n.email for n in reversed(rows) if n.email), "")
        if not email:
            return None
        language = languages_of([user_id]).get(user_id) or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = _("Minutes Tracker: your daily digest (%(count)s)") % {"count": len(rows)}
            if len(rows) == 1:
                subject = rows[0].subject
            body = email_text(body=digest_text(rows), link="")
        return OutboxMessage.objects.create(recipient=email, subject=subject, body=body)


def queue_digests(*, now: datetime.datetime) -> list[OutboxMessage]:
    """Queue the digests due at `now`: once a day per user, everything before the cut-off.

    Users who switched back to immediate e-mails get what was waiting at once.
    """
    cutoff = digest_cutoff(now)
    daily = set(
        DeliveryPreference.objects.filter(delivery=DeliveryPreference.Delivery.DAILY).values_list(
            "user_id", flat=True
        )
    )
    waiting = set(
        Notification.objects.awaiting_digest()
        .filter(created_at__lte=now)
        .values_list("user_id", flat=True)
        .distinct()
    )
    queued = []
    for user_id in sorted(waiting):
        try:
            message = _bundle(user_id, cutoff if user_id in daily else None)
        except _Taken:
            continue
        if message is not None:
            queued.append(message)
    return queued
