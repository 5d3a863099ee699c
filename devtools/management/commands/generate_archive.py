"""python manage.py generate_archive --scale 1 --seed 42: a synthetic archive for benchmarks."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from devtools import archive


class Command(BaseCommand):
    help = (
        "Generate a synthetic archive of meetings, decisions and action points in the sample's "
        "vocabulary (scale 1: about 240 meetings and 3,000 action points). Deterministic for a "
        "seed; replaces an archive generated earlier. Use a database of its own."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, scale: float, seed: int, batch_size: int, **options) -> None:
        if scale <= 0 or scale > 1000:
            raise CommandError("--scale must be above 0 and at most 1000.")
        if batch_size < 10:
            raise CommandError("--batch-size must be at least 10.")
        plan = archive.Plan(scale, seed)
        began = time.monotonic()
        with tqdm(
            total=plan.meetings,
            unit="meeting",
            disable=options["verbosity"] == 0,
            file=self.stderr._out,
        ) as bar:
            counts = archive.generate(
                scale=scale, seed=seed, batch_size=batch_size, progress=bar.update
            )
        summary = ", ".join(f"{n:,} {name}" for name, n in counts.items())
        self.stdout.write(f"Generated {summary} in {time.monotonic() - began:.0f} s.")
