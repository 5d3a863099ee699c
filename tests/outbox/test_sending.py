"""The outbox: sent after commit, kept when the mail server is down, never sent twice."""

from __future__ import annotations

import datetime
import socket
import threading
import time
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from outbox.models import OutboxMessage
from outbox.sending import backoff, send_due
from outbox.services import Notice, notify

NOW = datetime.datetime(2023, 4, 3, 13, 0, tzinfo=datetime.UTC)


def _queue(n: int = 1) -> list[OutboxMessage]:
    return notify(
        Notice(subject=f"Summary for review {i}", body="Please review.", email=f"p{i}@example.org")
        for i in range(n)
    )


def _closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_notice_is_sent_once_the_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        _queue()
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["p0@example.org"]]
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 1
    assert message.sent_at is not None


def test_a_rolled_back_change_sends_nothing(db, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _queue()
        raise RuntimeError("the change failed")
    assert mail.outbox == []
    assert OutboxMessage.objects.count() == 0


def test_with_the_mail_server_down_the_message_waits_and_a_later_run_sends_it(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    with time_machine.travel(NOW, tick=False):
        _queue(3)
        result = send_due()
    assert result.server_down and result.sent == 0
    # The first message found the server down; the other two were not even tried.
    tried = OutboxMessage.objects.get(attempts=1)
    assert tried.status == OutboxMessage.Status.PENDING
    assert "ConnectionRefusedError" in tried.last_error
    assert tried.next_attempt_at == NOW + datetime.timedelta(minutes=1)
    assert OutboxMessage.objects.filter(attempts=0).count() == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NOW + datetime.timedelta(minutes=2), tick=False):
        out = StringIO()
        call_command("send_outbox", stdout=out)
    assert "3 message(s) sent" in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "p0@example.org",
        "p1@example.org",
        "p2@example.org",
    ]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_failures_back_off_and_are_given_up_after_the_last_attempt(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    settings.OUTBOX_MAX_ATTEMPTS = 3
    with time_machine.travel(NOW, tick=False) as clock:
        [message] = _queue()
        for expected in (1, 2):
            send_due()
            message.refresh_from_db()
            assert message.next_attempt_at == timezone.now() + backoff(expected)
            # Not due yet: a run in between does not try it.
            assert send_due().failed == 0
            clock.move_to(message.next_attempt_at)
        send_due()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 3
    assert backoff(1) == datetime.timedelta(minutes=1)
    assert backoff(20) == datetime.timedelta(hours=6)


def test_a_real_smtp_server_receives_the_message(db, settings):
    from aiosmtpd.controller import Controller

    class Collect:
        def __init__(self):
            self.envelopes = []

        async def handle_DATA(self, server, session, envelope):
            self.envelopes.append(envelope)
            return "250 Message accepted for delivery"

    handler = Collect()
    port = _closed_port()  # a free ephemeral port for the server
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        _queue(2)
        result = send_due()
    finally:
        controller.stop()
    assert result.sent == 2
    assert sorted(e.rcpt_tos[0] for e in handler.envelopes) == ["p0@example.org", "p1@example.org"]
    assert b"Subject: Summary for review 0" in handler.envelopes[0].content
    assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).exists()


class SlowBackend(LocmemBackend):
    """Locmem, slow enough that two drains overlap."""

    def send_messages(self, messages):
        time.sleep(0.02)
        return super().send_messages(messages)


@pytest.mark.postgres
def test_two_concurrent_drains_send_every_message_exactly_once(
    on_postgres, transactional_db, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    # Rows as a crashed server would leave them: written, never tried.
    OutboxMessage.objects.bulk_create(
        OutboxMessage(recipient=f"p{i}@example.org", subject="Review", body="Please review.")
        for i in range(30)
    )
    results = []
    start = threading.Barrier(2)

    def drain():
        try:
            start.wait()
            results.append(send_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=drain) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == 30 == len(set(recipients))
    assert sum(r.sent for r in results) == 30
    # Both drains took a share: the second skipped the rows the first held.
    assert all(r.sent > 0 for r in results)
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
