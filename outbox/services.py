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
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from outbox.models import DeliveryPreference, Notification, OnceKey, OutboxMessage

# Where a signed-in person's chosen language is kept for the requests of their session.
SESSION_LANGUAGE_KEY = "_language"
# A user's unread count (every page's navigation shows it), kept until their notifications
# change; at most this many seconds whatever happens.
UNREAD_KEY = "outbox:unread:{}"
UNREAD_SECONDS = 300


@dataclass(frozen=True)
class Notice:
    """One thing to tell one person: a user (in the app, and by e-mail if `email`), or only an
    address (a principal without a login)."""

    subject: str
    body: str
    link: str = ""
    email: str = ""
    user: Any = None
    # The language the notice is written in; its e-mail's fixed text follows it.
    language: str = ""


def site_url(path: str = "") -> str:
    return settings.SITE_URL.rstrip("/") + path


def email_text(*, body: str, link: str) -> str:
    """The e-mail: the notice, its link, and where to change how these e-mails come
    (in the active language)."""
    parts = [body.rstrip()]
    if link:
        parts.append(_("Open it in Minutes Tracker: %(url)s") % {"url": site_url(link)})
    parts.append(
        _(
            "You receive this because of your role in the committee's review. Choose immediate "
            "e-mails or a daily digest, and your language: %(url)s"
        )
        % {"url": site_url(reverse("outbox:preferences"))}
    )
    return "\n\n".join(parts) + "\n"


def _email_text_in(notice: Notice) -> str:
    with translation.override(notice.language or settings.LANGUAGE_CODE):
        return email_text(body=notice.body, link=notice.link)


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
                    body=_email_text_in(notice),
                    created_at=now,
                    next_attempt_at=now,
                )
            )
    Notification.objects.bulk_create(notifications)
    unread_changed(n.user_id for n in notifications)
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


def language_set(*, user, language: str) -> DeliveryPreference:
    """The user's language (blank: the browser's), for the interface and their e-mails."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language {language!r}")
    with transaction.atomic():
        preference, _created = DeliveryPreference.objects.update_or_create(
            user=user, defaults={"language": language}
        )
    return preference


def user_language(user) -> str:
    """The language chosen by `user`, or blank."""
    if user is None or not user.is_authenticated:
        return ""
    return (
        DeliveryPreference.objects.filter(user=user).values_list("language", flat=True).first()
        or ""
    )


def languages_of(user_ids: Iterable[int]) -> dict[int, str]:
    """The chosen language of each of these users who chose one, in one query."""
    ids = set(user_ids)
    if not ids:
        return {}
    return dict(
        DeliveryPreference.objects.filter(user_id__in=ids)
        .exclude(language="")
        .values_list("user_id", "language")
    )


def notifications_mark_read(*, user, ids: Iterable[int]) -> int:
    with transaction.atomic():
        marked = (
            Notification.objects.for_user(user)
            .unread()
            .filter(pk__in=list(ids))
            .update(read_at=timezone.now())
        )
        unread_changed([user.pk])
        return marked


def unread_count(user) -> int:
    """How many of `user`'s notifications are unread."""
    key = UNREAD_KEY.format(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.for_user(user).unread().count()
        cache.set(key, count, UNREAD_SECONDS)
    return count


def unread_changed(user_ids: Iterable[int]) -> None:
    """These users' notifications changed: their count is read again, now (for the writer)
    and once the transaction commits (for a request that read it in between)."""
    keys = [UNREAD_KEY.format(pk) for pk in set(user_ids)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def notification_changed(sender, instance: Notification, **kwargs) -> None:
    """A notification written or deleted outside the functions above (the admin)."""
    unread_changed([instance.user_id])


def remember_language(sender, *, request, user, **kwargs) -> None:
    """On sign-in, the user's chosen language becomes their session's language."""
    language = user_language(user)
    if language and request is not None and hasattr(request, "session"):
        request.session[SESSION_LANGUAGE_KEY] = language
