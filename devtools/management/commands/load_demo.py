from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools.demo.build import load_demo

DEFAULT_PASSWORD = "minutes-demo-2023"  # noqa: S105 - demo logins only, refused outside DEBUG


class Command(BaseCommand):
    help = "Load the Executive Committee demo: the sample meeting, its history and demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off (never in production).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: it creates logins with a known "
                "password. Use --force on a throw-away database only."
            )
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        load_demo(password=password, log=self.stdout.write)
        self.stdout.write(
            "Demo logins (password from DEMO_PASSWORD, default "
            f"{DEFAULT_PASSWORD!r}): secretariat, principal (UNHCR), principal2 (UNICEF), admin"
        )
