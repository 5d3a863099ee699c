"""Draining the outbox: claim a due message, send it, record the outcome.

Each message is claimed in its own transaction with SELECT ... FOR UPDATE SKIP LOCKED, so several
app servers (and the cron job) can drain at once: a row one of them holds is skipped by the
others. A compare-and-swap on `attempts` guards the databases without row locks (SQLite, where
writers are serialised instead). A failed send stays pending with a later attempt time.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from outbox.models import OutboxMessage

logger = logging.getLogger(__name__)

# A mail server that accepts the connection and then hangs must not hold a request or the
# drain's row lock for long.
DEFAULT_TIMEOUT_SECONDS = 10
# 1, 2, 4 ... minutes between attempts, at most six hours; given up after this many attempts
# (about a day and a half), left in the table for an admin to see.
MAX_BACKOFF = datetime.timedelta(hours=6)
MAX_ATTEMPTS = 14


@dataclass
class DrainResult:
    sent: int = 0
    failed: int = 0
    server_down: bool = False


def backoff(attempts: int) -> datetime.timedelta:
    return min(datetime.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _max_attempts() -> int:
    return getattr(settings, "OUTBOX_MAX_ATTEMPTS", MAX_ATTEMPTS)


def _claim_next(now: datetime.datetime, ids: list[int] | None) -> OutboxMessage | None:
    due = OutboxMessage.objects.due(now)
    if ids is not None:
        due = due.filter(pk__in=ids)
    message = due.select_for_update(skip_locked=True).order_by("next_attempt_at", "pk").first()
    if message is None:
        return None
    claimed = OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxMessage.Status.PENDING, attempts=message.attempts
    ).update(attempts=F("attempts") + 1)
    if not claimed:
        return None
    message.attempts += 1
    return message


def _record_failure(message: OutboxMessage, error: Exception, now: datetime.datetime) -> None:
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts >= _max_attempts():
        message.status = OutboxMessage.Status.FAILED
    message.next_attempt_at = now + backoff(message.attempts)
    message.save(update_fields=["last_error", "status", "next_attempt_at"])


def send_due(
    *, now: datetime.datetime | None = None, ids: Iterable[int] | None = None, limit: int = 500
) -> DrainResult:
    """Send up to `limit` due messages (only `ids` if given); stop when the server is down."""
    now = now or timezone.now()
    ids = list(ids) if ids is not None else None
    result = DrainResult()
    connection = get_connection(
        fail_silently=False,
        timeout=getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_TIMEOUT_SECONDS,
    )
    try:
        for _ in range(limit):
            with transaction.atomic():
                message = _claim_next(now, ids)
                if message is None:
                    break
                try:
                    connection.open()
                    EmailMessage(
                        message.subject,
                        message.body,
                        settings.DEFAULT_FROM_EMAIL,
                        [message.recipient],
                        connection=connection,
                    ).send()
                except (smtplib.SMTPException, OSError) as error:
                    _record_failure(message, error, now)
                    result.failed += 1
                    logger.warning("Outbox message %s not sent: %s", message.pk, error)
                    if not isinstance(error, smtplib.SMTPRecipientsRefused):
                        # The server is down or refusing us: the rest waits for the next run.
                        result.server_down = True
                        connection.close()
                        break
                else:
                    message.status = OutboxMessage.Status.SENT
                    message.sent_at = timezone.now()
                    message.last_error = ""
                    message.save(update_fields=["status", "sent_at", "last_error"])
                    result.sent += 1
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
    return result


def send_after_commit(ids: list[int]) -> None:
    """Best effort right after the change commits; whatever fails, the scheduled run retries."""
    try:
        send_due(ids=ids)
    except Exception:
        logger.exception("Sending notifications after commit failed; send_outbox will retry")
