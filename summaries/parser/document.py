"""What the plain and structured shapes share: header facts, agenda entries, AOB."""

from __future__ import annotations

import re

from summaries.parser.body import Scanned
from summaries.parser.dates import find_date, find_modality, find_times
from summaries.parser.model import Decision, Summary
from summaries.parser.text import list_item, plain

# ---------------------------------------------------------------------------------------------
# Whole documents

AGENDA_LABEL = re.compile(r"\bagenda\b", re.I)
AOB_HEADING = re.compile(
    r"^(?:aob|a\.o\.b\.?|any\s+other\s+business|other\s+business|miscellaneous)\b\s*[:.\-–]?\s*(.*)$",
    re.I,
)
SUMMARY_WORD = re.compile(r"^(?:summary|minutes|draft|summary record|record)\W*$", re.I)


def header_facts(summary: Summary, header: str) -> None:
    if summary.date is None:
        summary.date = find_date(header)
    if not summary.times:
        summary.times = find_times(header)
    if not summary.modality:
        summary.modality = find_modality(header)


def is_header_line(line: str) -> bool:
    text = plain(line)
    return bool(
        SUMMARY_WORD.match(text)
        or (find_date(text) and len(text.split()) <= 8)
        or (find_times(text) and len(text.split()) <= 30)
    )


def people_words(summary: Summary) -> set[str]:
    """The words that name someone listed: names, organisations, and a name's initials."""
    names = set()
    for p in summary.participants:
        words = p.name.split()
        names.update(w.lower() for w in words)
        names.add(p.organization.lower())
        if len(words) >= 2:
            names.add("".join(w[0] for w in words if w[:1].isalpha()).lower())
    return {n for n in names if n}


def outcomes(scanned: Scanned, listed_anywhere: bool) -> list[Decision]:
    """A document that lists its decisions anywhere is trusted to list them all."""
    return scanned.decisions if listed_anywhere else scanned.prose + scanned.decisions


def agenda_entry(line: str) -> str:
    text = plain(list_item(line) or line)
    text = re.sub(r"(?:;\s*and|;|,\s*and|\s+and)?\s*[.;,]?\s*$", "", text).strip()
    return text
