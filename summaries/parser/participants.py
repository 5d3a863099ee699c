"""Attendance: labelled lists, inline rolls and tables of people."""

from __future__ import annotations

import datetime
import re

from summaries.parser.dates import find_date
from summaries.parser.model import APOLOGIES, PRESENT, REPRESENTED, Participant
from summaries.parser.text import (
    RULE,
    TABLE_LINE,
    find_columns,
    heading,
    list_item,
    plain,
    read_table,
    table_cell,
)

# ---------------------------------------------------------------------------------------------
# Participants

_PARTICIPANT_LABEL = re.compile(
    r"\b(?:participants?|attendees?|attendance|present|regrets|apolog(?:y|ies)|absent|excused)\b",
    re.I,
)
APOLOGY_WORDS = re.compile(r"\b(?:regrets|apolog(?:y|ies)|absent|excused|unable)\b", re.I)
INLINE_ROLL = re.compile(
    r"^\W*(present|attendees|participants|attendance|regrets|apologies|absent)\s*:\s*(\S.*)$", re.I
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&/\-]{1,11}$")
_ROLE_WORDS = re.compile(
    r"chair|organi[sz]er|secretar|scribe|treasurer|coordinator|facilitat|rapporteur|moderat|"
    r"note[- ]?taker|host|observer|guest|assistant|president|minute",
    re.I,
)
_PARTICIPANT_COLUMNS = {
    "name": ("name", "participant", "attendee", "person"),
    "organization": ("company", "organi", "org", "entity", "affiliation", "agency", "member"),
    "title": ("title", "position", "function"),
    "role": ("role",),
}


def is_participant_label(line: str) -> bool:
    text = plain(line).strip()
    return (
        text.endswith(":")
        and len(text.split()) <= 12
        and bool(_PARTICIPANT_LABEL.search(text))
        and not re.search(r"\bagenda\b", text, re.I)
    )


def parse_participant(text: str, known: set[str], status: str = PRESENT) -> Participant | None:
    """One attendance line: "Name, Title, Unit, ORGANISATION, role" and its variants."""
    text = plain(text).strip().rstrip(";.").strip()
    if not text or text.endswith(":") or len(text) > 300:
        return None
    represented_by = ""
    if m := re.match(r"^(.*?),?\s+represented by\s+(.+)$", text, re.I):
        text, represented_by, status = m[1].strip(), m[2].strip(), REPRESENTED
    if m := re.match(
        r"^(.*?)\s*[(\[-]\s*(?:apologies|regrets|excused|absent)\s*[)\]]?$", text, re.I
    ):
        text, status = m[1].strip(), APOLOGIES
    role = ""
    if (m := re.match(r"^(.*?)\s*\(([^()]+)\)$", text)) and _ROLE_WORDS.search(m[2]):
        text, role = m[1].strip(), m[2].strip()
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return None
    name, rest = parts[0], parts[1:]
    if len(name.split()) > 6:
        return None
    title = organization = ""
    if rest:
        at = None
        for index in range(len(rest) - 1, -1, -1):
            if rest[index].lower() in known or _ACRONYM.match(rest[index]):
                at = index
                break
        if at is None:
            at = len(rest) - 1
        organization = rest[at]
        title = ", ".join(rest[:at])
        extra = ", ".join(rest[at + 1 :])
        role = ", ".join(r for r in (extra, role) if r)
    return Participant(
        name=name,
        title=title,
        organization=organization,
        role=role,
        status=status,
        represented_by=represented_by,
    )


def participants_from_rows(rows: list[list[str]], status: str, known: set[str]) -> list:
    if not rows:
        return []
    columns = find_columns(rows[0], _PARTICIPANT_COLUMNS)
    if "name" not in columns:
        return []
    found = []
    for row in rows[1:]:

        def cell(key: str, row: list[str] = row) -> str:
            return table_cell(row, columns.get(key))

        person = parse_participant(cell("name"), known, status)
        if person is None:
            continue
        person.organization = cell("organization") or person.organization
        person.title = cell("title") or person.title
        person.role = cell("role") or person.role
        found.append(person)
    return found


def participants_from_block(
    lines: list[str], known: set[str], status: str = PRESENT, on: datetime.date | None = None
) -> list[Participant]:
    """A list of attendees: bullets, plain lines or a table, possibly in dated groups."""
    groups: list[tuple[datetime.date | None, list[Participant]]] = [(None, [])]
    i = 0
    while i < len(lines):
        line = lines[i]
        text = plain(line)
        head = heading(line)
        if head:
            text = plain(head[1])
        if not text or RULE.match(line):
            i += 1
            continue
        if TABLE_LINE.match(line):
            rows, i = read_table(lines, i)
            groups[-1][1].extend(participants_from_rows(rows, status, known))
            continue
        if m := INLINE_ROLL.match(text):
            roll_status = APOLOGIES if APOLOGY_WORDS.search(m[1]) else PRESENT
            for name in re.split(r",|;|\band\b", m[2]):
                if person := parse_participant(name, known, roll_status):
                    groups[-1][1].append(person)
            i += 1
            continue
        if head or text.endswith(":"):
            day = find_date(text)
            if day is not None and len(text.split()) <= 5:
                groups.append((day, []))
            elif APOLOGY_WORDS.search(text):
                status = APOLOGIES
            elif _PARTICIPANT_LABEL.search(text) or head:
                status = PRESENT
            i += 1
            continue
        entry = list_item(line)
        candidate = entry if entry is not None else text
        # Prose in the middle of a list is a remark, not a person.
        if entry is None and (len(candidate.split()) > 14 or candidate.endswith(".")):
            i += 1
            continue
        if person := parse_participant(candidate, known, status):
            groups[-1][1].append(person)
        i += 1
    dated = [g for g in groups if g[0] is not None and g[1]]
    if dated:
        match = [g for g in dated if g[0] == on]
        return (match or dated)[0][1]
    return [p for _, people in groups for p in people]


def collect_after_label(lines: list[str], i: int, *, allow_plain: bool) -> tuple[list[str], int]:
    """The list that follows a label line at i-1: bullets, table rows, short plain lines."""
    taken: list[str] = []
    blank = False
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            blank = True
            i += 1
            continue
        if heading(line):
            break
        text = plain(line)
        if (
            TABLE_LINE.match(line)
            or list_item(line) is not None
            or is_participant_label(line)
            or INLINE_ROLL.match(text)
        ):
            taken.append(line)
        elif re.match(r"^[\w-]+\s*:\s", text):
            # Another labelled line ("Scribe: Sangwhan") ends the list.
            break
        elif (
            (allow_plain or not blank)
            and not text.endswith(":")
            and len(text) <= 250
            and not (text.endswith(".") and len(text.split()) > 12)
        ):
            taken.append(line)
        else:
            break
        blank = False
        i += 1
    return taken, i
