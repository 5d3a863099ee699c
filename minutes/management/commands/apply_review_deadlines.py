"""Approve by silence the circulated summaries whose review deadline has passed (run from cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from minutes.services import apply_review_deadlines


class Command(BaseCommand):
    help = "Approve by silence every circulated summary whose review deadline has passed."

    def handle(self, *args, **options) -> None:
        approved = apply_review_deadlines(now=timezone.now())
        for meeting in approved:
            self.stdout.write(f"Approved by silence: {meeting}")
        self.stdout.write(f"{len(approved)} summary(ies) approved by silence.")
