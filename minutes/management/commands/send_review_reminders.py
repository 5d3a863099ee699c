"""Remind principals who have not responded, two working days before a review deadline (cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from minutes.notifications import send_review_reminders


class Command(BaseCommand):
    help = (
        "Queue a reminder for each principal who has not responded to a circulated summary "
        "whose deadline is two working days away or less; once per principal per circulation."
    )

    def handle(self, *args, **options) -> None:
        queued = send_review_reminders(now=timezone.now())
        self.stdout.write(f"{queued} reminder(s) queued; send_outbox sends them.")
