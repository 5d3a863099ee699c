"""Recording notifications: in the app for users, and by e-mail now or in the daily digest.

Call `notify` inside the transaction that makes the change: the rows commit or roll back with
it, and the e-mails leave only after it commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from outbox.models import DeliveryPreference, Notification, OnceKey, OutboxMessage


@dataclass(frozen=True)
class Notice:
    """One thing to tell one person: a user (in the app, and by e-mail if `email`), or only an
    address (a principal without a login)."""

    subject: str
    body: str
    link: str = ""
    email: str = ""
    user: Any = None


def site_url(path: str = "") -> str:
    return settings.SITE_URL.rstrip("/") + path


def email_text(*, body: str, link: str) -> str:
    """The e-mail: the notice, its link, and where to change how these e-mails come."""
    parts = [body.rstrip()]
    if link:
        parts.append(f"Open it in Minutes Tracker: {site_url(link)}")
    parts.append(
        "You receive this because of your role in the committee's review. Choose immediate "
        f"e-mails or a daily digest: {site_url(reverse('outbox:preferences'))}"
    )
    return "\n\n".join(parts) + "\n"


def notify(notices: Iterable[Notice]) -> list[OutboxMessage]:
    """Record the notices; the immediate e-mails are tried once the transaction commits."""
    notices = list(notices)
    if not notices:
        return []
    now = timezone.now()
    user_ids = {n.user.pk for n in notices if n.user is not None}
    daily = set(
        DeliveryPreference.objects.filter(
            user_id__in=user_ids, delivery=DeliveryPreference.Delivery.DAILY
        ).values_list("user_id", flat=True)
        if user_ids
        else ()
    )
    notifications, messages = [], []
    for notice in notices:
        email = notice.email.strip()
        in_digest = bool(email) and notice.user is not None and notice.user.pk in daily
        if notice.user is not None:
            notifications.append(
                Notification(
                    user=notice.user,
                    subject=notice.subject,
                    body=notice.body,
                    link=notice.link,
                    email=email,
                    created_at=now,
                    digest_pending=in_digest,
                )
            )
        if email and not in_digest:
            messages.append(
                OutboxMessage(
                    recipient=email,
                    subject=notice.subject,
                    body=email_text(body=notice.body, link=notice.link),
                    created_at=now,
                    next_attempt_at=now,
                )
            )
    Notification.objects.bulk_create(notifications)
    messages = OutboxMessage.objects.bulk_create(messages)
    if messages:
        from outbox.sending import send_after_commit

        transaction.on_commit(partial(send_after_commit, [m.pk for m in messages]))
    return messages


def once(key: str) -> bool:
    """Claim `key`; False if it was claimed before (by this run or a concurrent one)."""
    try:
        with transaction.atomic():
            OnceKey.objects.create(key=key)
    except IntegrityError:
        return False
    return True


def preference_set(*, user, delivery: str) -> DeliveryPreference:
    """Switching to immediate e-mails sends what waited for the digest at the next run."""
    with transaction.atomic():
        preference, _created = DeliveryPreference.objects.update_or_create(
            user=user, defaults={"delivery": delivery}
        )
    return preference


def notifications_mark_read(*, user, ids: Iterable[int]) -> int:
    with transaction.atomic():
        return (
            Notification.objects.for_user(user)
            .unread()
            .filter(pk__in=list(ids))
            .update(read_at=timezone.now())
        )
