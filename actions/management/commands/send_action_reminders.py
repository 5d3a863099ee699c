from __future__ import annotations

from django.core.management.base import BaseCommand

from actions.reminders import send_reminders
from participants import zones


class Command(BaseCommand):
    help = (
        "E-mail each owner one digest of their action points due within N days and overdue. "
        "Running it again the same day sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14, help="Look ahead (default 14).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be sent; send nothing."
        )

    def handle(self, *args, days: int, dry_run: bool, **options):
        if days < 0:
            self.stderr.write("--days must be zero or more.")
            raise SystemExit(2)
        count = send_reminders(
            days=days,
            today=zones.today(),
            dry_run=dry_run,
            out=self.stdout.write,
        )
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(self.style.SUCCESS(f"{count} digest{'s' if count != 1 else ''} {verb}."))
