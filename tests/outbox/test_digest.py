"""The daily digest: one e-mail a day with what the user was told since the last one."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail

from outbox.digest import digest_cutoff, queue_digests
from outbox.models import DeliveryPreference, Notification, OutboxMessage
from outbox.sending import send_due
from outbox.services import Notice, notify, preference_set
from tests.factories import make_user

NY = ZoneInfo("America/New_York")


def _tell(user, subject: str) -> None:
    notify(
        [
            Notice(
                subject=subject,
                body=f"{subject}.",
                link="/meetings/1/",
                email=user.email,
                user=user,
            )
        ]
    )


def test_a_digest_user_gets_one_email_a_day_with_everything_before_the_cutoff(db, settings):
    settings.NOTIFICATION_DIGEST_HOUR = 7
    user = make_user("reader", email="reader@example.org")
    preference_set(user=user, delivery=DeliveryPreference.Delivery.DAILY)
    with time_machine.travel(datetime.datetime(2023, 4, 3, 15, 0, tzinfo=NY), tick=False):
        _tell(user, "Summary for review: March meeting")
        _tell(user, "Objection: March meeting")
    assert OutboxMessage.objects.count() == 0
    assert Notification.objects.filter(user=user, digest_pending=True).count() == 2

    with time_machine.travel(datetime.datetime(2023, 4, 4, 6, 59, tzinfo=NY), tick=False):
        assert queue_digests(now=datetime.datetime.now(tz=NY)) == []
    with time_machine.travel(datetime.datetime(2023, 4, 4, 7, 0, tzinfo=NY), tick=False) as clock:
        assert len(queue_digests(now=datetime.datetime.now(tz=NY))) == 1
        _tell(user, "Approved: March meeting")  # after the cut-off: tomorrow's digest
        clock.shift(datetime.timedelta(minutes=1))
        assert queue_digests(now=datetime.datetime.now(tz=NY)) == []
        send_due()

    [email] = mail.outbox
    assert email.to == ["reader@example.org"]
    assert email.subject == "Minutes Tracker: your daily digest (2)"
    assert "Summary for review: March meeting" in email.body
    assert "Objection: March meeting" in email.body
    assert "Approved" not in email.body
    assert Notification.objects.filter(digest_pending=True).count() == 1


def test_switching_back_to_immediate_sends_what_was_waiting_at_the_next_run(db):
    user = make_user("reader", email="reader@example.org")
    preference_set(user=user, delivery=DeliveryPreference.Delivery.DAILY)
    _tell(user, "Summary for review: March meeting")
    preference_set(user=user, delivery=DeliveryPreference.Delivery.IMMEDIATE)
    _tell(user, "Approved: March meeting")

    queue_digests(now=datetime.datetime.now(tz=NY))
    send_due()
    assert sorted(m.subject for m in mail.outbox) == [
        "Approved: March meeting",
        "Summary for review: March meeting",
    ]


def test_the_cutoff_is_todays_digest_hour_or_yesterdays(settings):
    settings.NOTIFICATION_DIGEST_HOUR = 7
    morning = datetime.datetime(2023, 4, 4, 6, 0, tzinfo=NY)
    assert digest_cutoff(morning) == datetime.datetime(2023, 4, 3, 7, 0, tzinfo=NY)
    assert digest_cutoff(morning.replace(hour=8)) == datetime.datetime(2023, 4, 4, 7, 0, tzinfo=NY)
