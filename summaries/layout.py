"""What an exported summary is called. What it says is `minutes.document`, the one structure the
summary page, its print view and the Word and Markdown writers all render."""

from __future__ import annotations

from django.utils.text import slugify

from participants import zones


def filename(meeting, extension: str) -> str:
    day = zones.local_date(meeting.start, meeting.body)
    return f"{slugify(meeting.body.short_name)}-{day:%Y-%m-%d}-summary.{extension}"
