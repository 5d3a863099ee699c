"""Dates, clock times, time-zone labels, modality and due dates."""

from __future__ import annotations

import contextvars
import datetime
import re

from lib import due as due_periods
from summaries.parser.model import TimeSpan
from summaries.parser.text import plain

# ---------------------------------------------------------------------------------------------
# Dates and times

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+(\d{{4}})\b", re.I), "dmy"),
    (re.compile(rf"\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "mdy"),
    (re.compile(r"\b(\d{4})([-/])(\d{2})\2(\d{2})\b"), "iso"),
]


# "01/03/2023", "1.3.2023", "01-03-2023": which number is the day is settled by the document.
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/-])")
# Whether the document writes the day first (True), the month first (False), or cannot tell.
DAY_FIRST: contextvars.ContextVar[bool | None] = contextvars.ContextVar("day_first", default=None)


def numeric_order(text: str) -> bool | None:
    """Day first or month first, from a day over 12 or from the dates written in words."""
    pairs = [(int(m[1]), int(m[3])) for m in _NUMERIC.finditer(text)]
    if any(a > 12 >= b for a, b in pairs):
        return True
    if any(b > 12 >= a for a, b in pairs):
        return False
    day_first = len(_DATE_PATTERNS[0][0].findall(text))
    month_first = len(_DATE_PATTERNS[1][0].findall(text))
    if day_first != month_first:
        return day_first > month_first
    return None


def is_ambiguous(text: str, day: datetime.date) -> bool:
    """The date was read from numbers that give another date the other way round."""
    if numeric_order(text) is not None or day.day > 12 or day.day == day.month:
        return False
    return any(
        {int(m[1]), int(m[3])} == {day.day, day.month} and int(m[4]) == day.year
        for m in _NUMERIC.finditer(text)
    )


def _numeric(m: re.Match, text: str) -> datetime.date:
    first, second = int(m[1]), int(m[3])
    day_first = DAY_FIRST.get()
    if day_first is None:
        day_first = numeric_order(text)
    # Unsettled, the day comes first as in most of the world; a flag asks a person to check.
    if day_first is False or (first <= 12 < second):
        return datetime.date(int(m[4]), first, second)
    return datetime.date(int(m[4]), second, first)


def find_date(text: str) -> datetime.date | None:
    """The first date written in `text`, in any of the usual forms."""
    found: list[tuple[int, datetime.date]] = []
    for pattern, order in [*_DATE_PATTERNS, (_NUMERIC, "numeric")]:
        for m in pattern.finditer(text):
            try:
                if order == "dmy":
                    day = datetime.date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
                elif order == "mdy":
                    day = datetime.date(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
                elif order == "numeric":
                    day = _numeric(m, text)
                else:
                    day = datetime.date(int(m[1]), int(m[3]), int(m[4]))
            except ValueError:
                continue
            found.append((m.start(), day))
            break
    return min(found)[1] if found else None


_CLOCK = r"(\d{1,2})(?:[.:h](\d{2}))?\s*([ap]\.?m\.?)?"
# A zone written after the times without brackets: "UTC", "CET", "UTC+2", "Geneva time".
_BARE_ZONE = (
    r"(?-i:(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[A-Z]{1,4}T|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
    r"\s+time)\b"
)
_SPAN = re.compile(
    rf"(?<![\d.:]){_CLOCK}\s*(?:[-–—]|to)\s*{_CLOCK}"
    rf"(?:\s*\(([^)]{{1,40}})\)|\s*({_BARE_ZONE}))?",
    re.I,
)
_SINGLE = re.compile(rf"(?<![\d.:]){_CLOCK}\s*\(([^)]{{1,40}})\)", re.I)


def _clock(hour: str, minute: str | None, meridiem: str | None) -> str | None:
    h, m = int(hour), int(minute or 0)
    if meridiem:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if meridiem.lower().startswith("p") else 0)
    if h > 23 or m > 59:
        return None
    return f"{h:02d}:{m:02d}"


def find_times(text: str) -> list[TimeSpan]:
    """Start and end times with their zone labels: "10.00 – 11.30 (NY time)/15.00 (GVA time)"."""
    spans: list[TimeSpan] = []
    for m in _SPAN.finditer(text):
        # A bare "2 - 3" is not a time: ask for minutes or am/pm on at least one side.
        if not (m[2] or m[3] or m[5] or m[6]):
            continue
        start = _clock(m[1], m[2], m[3] or m[6])
        end = _clock(m[4], m[5], m[6])
        if start and end:
            spans.append(TimeSpan(start=start, end=end, label=plain(m[7] or m[8] or "")))
    if spans:
        return spans
    for m in _SINGLE.finditer(text):
        if not (m[2] or m[3]):
            continue
        start = _clock(m[1], m[2], m[3])
        if start:
            spans.append(TimeSpan(start=start, label=plain(m[4])))
    return spans


def find_modality(text: str) -> str:
    low = text.lower()
    if "hybrid" in low:
        return "hybrid"
    if re.search(r"in[- ]person|face[- ]to[- ]face", low):
        return "in_person"
    if re.search(
        r"\bvirtual(?:ly)?\b|teleconference|\btelcon\b|video ?call|\bonline\b|\bzoom\b|"
        r"hangouts|webex|teams call|jitsi",
        low,
    ):
        return "virtual"
    return ""


# ---------------------------------------------------------------------------------------------
# Due dates: the inverse of lib.due.format_due, plus ISO and "30 June 2024".

_QUARTER = re.compile(r"^q([1-4])\s+(\d{4})$", re.I)
_HALF = re.compile(r"^(first|second|1st|2nd)\s+half\s+(?:of\s+)?(\d{4})$", re.I)
_MONTH_YEAR = re.compile(rf"^{MONTH}\s+(\d{{4}})$", re.I)
_YEAR = re.compile(r"^(\d{4})$")


_DUE_PREFIX = re.compile(
    r"^(?:(?:by|before|due|until|no later than|in|at|during|the|end of|end)\s+)+", re.I
)


def parse_due(text: str) -> tuple[datetime.date | None, str]:
    """A due date and its precision from text: ("by 30 June 2024") -> (date, "day")."""
    text = plain(text).strip().rstrip(".").strip()
    text = _DUE_PREFIX.sub("", text)
    if not text or text.lower() in ("no date", "none", "tbd", "n/a", "-"):
        return None, due_periods.NONE
    if m := _QUARTER.match(text):
        day = datetime.date(int(m[2]), int(m[1]) * 3, 1)
        return due_periods.period_end(day, due_periods.QUARTER), due_periods.QUARTER
    if m := _HALF.match(text):
        month = 1 if m[1].lower() in ("first", "1st") else 12
        day = datetime.date(int(m[2]), month, 1)
        return due_periods.period_end(day, due_periods.HALF), due_periods.HALF
    if m := _MONTH_YEAR.match(text):
        day = datetime.date(int(m[2]), MONTHS[m[1].lower()], 1)
        return due_periods.period_end(day, due_periods.MONTH), due_periods.MONTH
    if m := _YEAR.match(text):
        return datetime.date(int(m[1]), 12, 31), due_periods.YEAR
    day = find_date(text)
    if day is not None:
        return day, due_periods.DAY
    return None, due_periods.NONE
