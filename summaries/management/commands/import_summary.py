"""python manage.py import_summary FILE_OR_FOLDER... [--dry-run] [--body SLUG] [--accept-partial]
[--accept-duplicate]"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from minutes.models import Meeting
from minutes.services import ServiceError
from participants import zones
from participants.models import Body
from summaries import parser, services
from summaries.readers import SUPPORTED, DocumentError, read_document


class Command(BaseCommand):
    help = (
        "Import summaries (.docx, .odt, .pdf, .txt, .md) as draft meetings; folders are read "
        "in name order. A summary whose reading is flagged is refused unless --accept-partial."
    )

    def add_arguments(self, parser_):
        parser_.add_argument("paths", nargs="+", help="Files or folders of summaries.")
        parser_.add_argument(
            "--body", help="Slug of the body that met (needed if there are several)."
        )
        parser_.add_argument(
            "--dry-run", action="store_true", help="Read and report; save nothing."
        )
        parser_.add_argument(
            "--accept-partial",
            action="store_true",
            help="Save summaries whose reading is flagged (no participants, one item, "
            "no date, no modality, a time without a known zone); without it they are refused.",
        )
        parser_.add_argument(
            "--accept-duplicate",
            action="store_true",
            help="Save a summary although the body already has a meeting on its day; without "
            "it such a summary is refused.",
        )

    def handle(
        self,
        *args,
        paths: list[str],
        body: str | None,
        dry_run: bool,
        accept_partial: bool = False,
        accept_duplicate: bool = False,
        **options,
    ):
        target = self._body(body)
        files = self._files(paths)
        if not files:
            raise CommandError("No summaries (.docx, .odt, .pdf, .txt, .md) in the given paths.")
        failures = 0
        with tqdm(files, unit="file", disable=None, file=self.stderr._out) as progress:
            for path in progress:
                progress.set_postfix_str(path.name[:40])
                try:
                    line = self._import(path, target, dry_run, accept_partial, accept_duplicate)
                except (
                    DocumentError,
                    ValueError,
                    ValidationError,
                    ServiceError,
                    DatabaseError,
                ) as error:
                    failures += 1
                    said = (
                        "; ".join(error.messages) if isinstance(error, ValidationError) else error
                    )
                    line = f"{path}: error: {said}"
                tqdm.write(line, file=self.stdout._out)
        verb = "read" if dry_run else "imported"
        summary = f"{len(files) - failures} of {len(files)} files {verb}"
        if dry_run:
            summary += " (dry run: nothing saved)"
        if failures:
            raise CommandError(f"{summary}; {failures} failed.")
        self.stdout.write(self.style.SUCCESS(summary + "."))

    def _body(self, slug: str | None) -> Body:
        if slug:
            try:
                return Body.objects.prefetch_related("time_zones").get(slug=slug)
            except Body.DoesNotExist:
                raise CommandError(f"No body with the slug {slug!r}.") from None
        bodies = list(Body.objects.prefetch_related("time_zones")[:2])
        if len(bodies) != 1:
            raise CommandError("Say which body met with --body SLUG.")
        return bodies[0]

    def _files(self, paths: list[str]) -> list[Path]:
        found: list[Path] = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                found += sorted(p for p in path.iterdir() if p.suffix.lower() in SUPPORTED)
            elif path.exists():
                found.append(path)
            else:
                raise CommandError(f"{raw}: no such file or folder.")
        return found

    def _import(
        self,
        path: Path,
        body: Body,
        dry_run: bool,
        accept_partial: bool,
        accept_duplicate: bool = False,
    ) -> str:
        if path.stat().st_size > settings.UPLOAD_MAX_BYTES:
            raise DocumentError(
                f"larger than the limit of {settings.UPLOAD_MAX_BYTES // 1024:,} KB"
            )
        text = read_document(path.name, path.read_bytes(), max_bytes=settings.UPLOAD_MAX_BYTES)
        try:
            summary = parser.parse(
                text,
                known_organizations=services.known_organization_labels(),
                budget=settings.SUMMARY_PARSE_SECONDS,
            )
        except parser.ParseTimeout as error:
            raise DocumentError(str(error)) from error
        found = (
            f"found {len(summary.participants)} participants, {len(summary.business_items)} items, "
            f"{len(summary.decisions)} decisions, {len(summary.actions)} actions"
        )
        if summary.is_unstructured:
            raise DocumentError("no recognisable structure (import it in the browser as one item)")
        start, end, notes = services.meeting_times(summary, body)
        flags = services.summary_flags(summary, body)
        if start is not None:
            flags += [parser.Flag("times", n) for n in notes]
        flagged = "; ".join(f"flag {f.field}: {f.message}" for f in flags)
        has_times = start is not None
        if start is None:
            if summary.date is None:
                raise DocumentError(f"{found}; {flagged}; nothing saved")
            start = _midnight(summary, body)
        if dry_run:
            told = ([] if has_times else notes) + ([flagged] if flagged else [])
            return f"{path}: {found}" + (f" ({' '.join(told)})" if told else "")
        if flags and not accept_partial:
            raise DocumentError(
                f"{found}; {flagged}; nothing saved (check it in the browser, "
                "or pass --accept-partial to save it as a draft anyway)"
            )
        day = zones.local_date(start, body)
        if Meeting.objects.same_day(body, day).exists() and not accept_duplicate:
            raise DocumentError(
                f"{found}; {body} already has a meeting on {day:%d %B %Y}; nothing saved "
                "(pass --accept-duplicate to save it as well)"
            )
        names = [p.name for p in summary.participants]
        proposals = services.proposals_for(summary.participants, services.Registry(names))
        meeting = services.summary_import_save(
            parsed=summary, body=body, by=None, start=start, end=end, has_times=has_times
        )
        created = (
            f" (new: {len(proposals.people)} people, {len(proposals.organizations)} organisations)"
            if proposals
            else ""
        )
        return f"{path}: {found}; saved as draft meeting {meeting.pk}{created}"


def _midnight(summary: parser.Summary, body: Body):
    """Midnight of the meeting's day in the body's first zone, when no time is written."""
    import datetime

    return datetime.datetime.combine(
        summary.date, datetime.time(0, 0), tzinfo=zones.entry_zone(body)[0]
    )
