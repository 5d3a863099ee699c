"""Stable human references for decisions and action points: EXCOM/2023/03/D1, EXCOM/2023/03/A2."""

from __future__ import annotations

import re

from django.db import models

from participants import zones


def reference_prefix(meeting, letter: str) -> str:
    start = zones.local(meeting.start, meeting.body)
    return f"{meeting.body.short_name}/{start:%Y}/{start:%m}/{letter}"


def next_reference(model: type[models.Model], meeting, letter: str) -> str:
    """The next free reference for this meeting's body and month (D for decisions, A for actions)."""
    prefix = reference_prefix(meeting, letter)
    taken = model.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
    numbers = [
        int(m.group(1)) for ref in taken if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", ref))
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"
