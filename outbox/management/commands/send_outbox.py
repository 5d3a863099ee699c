"""Send the e-mails waiting in the outbox and queue the daily digests (run from cron every minute)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from outbox.digest import queue_digests
from outbox.sending import send_due


class Command(BaseCommand):
    help = (
        "Queue the daily digests that are due, then send every due message in the outbox; "
        "failed sends are retried on later runs with growing delays. Safe to run on several "
        "servers at once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=500, help="Messages to try in one run.")

    def handle(self, *args, limit: int, **options) -> None:
        now = timezone.now()
        digests = queue_digests(now=now)
        result = send_due(limit=limit)
        self.stdout.write(
            f"{len(digests)} digest(s) queued, {result.sent} message(s) sent, "
            f"{result.failed} failed."
        )
        if result.server_down:
            self.stderr.write(
                "The mail server could not be reached; the messages stay in the outbox and the "
                "next run tries again."
            )
