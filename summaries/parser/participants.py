"""Attendance: labelled lists, inline rolls and tables of people."""

from __future__ import annotations

import datetime
import re

from summaries.parser.dates import find_date
from summaries.parser.model import APOLOGIES, PRESENT, Participant
from summaries.parser.people import parse_participant, split_roll
from summaries.parser.text import (
    RULE,
    TABLE_LINE,
    find_columns,
    heading,
    list_item,
    plain,
    read_table,
    sentences,
    table_cell,
)

# ---------------------------------------------------------------------------------------------
# Participants

_PARTICIPANT_LABEL = re.compile(
    r"\b(?:participants?|attendees?|attendance|present|regrets|apolog(?:y|ies)|absent|excused"
    r"|secretariat|observers?)\b",
    re.I,
)
# Lists of people who attend without being members: counted present, flagged apart.
ALSO_PRESENT = re.compile(
    r"\b(?:also\s+(?:present|attending)|secretariat|observers?|guests?)\b", re.I
)
APOLOGY_WORDS = re.compile(r"\b(?:regrets|apolog(?:y|ies)|absent|excused|unable)\b", re.I)
INLINE_ROLL = re.compile(
    r"^\W*((?:also\s+)?present(?:/[\w-]+)?|attendees|participants|attendance|regrets|apologies|absent"
    r"|secretariat|observers|guests|apologies\s+(?:were\s+)?received\s+from)"
    r"(?:\s*:|(?<=from))\s*(\S.*)$",
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


def participants_from_rows(rows: list[list[str]], status: str, known: set[str]) -> list:
    if not rows:
        return []
    labelled = [r for r in rows if len(r) >= 2 and _PARTICIPANT_LABEL.search(r[0])]
    if labelled and len(labelled[0][0].split()) <= 3:
        # A two-column table of facts: "| Participants | A, B, C |".
        return [p for r in labelled for p in _roll(r[0], r[1], known)]
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
    context = {"status": status, "also": False, "mode": ""}
    i = 0
    while i < len(lines):
        line = lines[i]
        head = heading(line)
        text = plain(head[1] if head else line)
        if not text or RULE.match(line):
            i += 1
            continue
        if TABLE_LINE.match(line):
            rows, i = read_table(lines, i)
            groups[-1][1].extend(participants_from_rows(rows, context["status"], known))
            continue
        i += 1
        if m := INLINE_ROLL.match(text):
            groups[-1][1].extend(_roll(m[1], m[2], known))
        elif head or text.endswith(":"):
            day = find_date(text)
            if day is not None and len(text.split()) <= 5:
                groups.append((day, []))
            else:
                _sub_label(text, bool(head), context)
        elif _is_roll_line(line, text):
            groups[-1][1].extend(_roll("", text, known))
        elif person := _listed_person(line, text, known, context):
            groups[-1][1].append(person)
    dated = [g for g in groups if g[0] is not None and g[1]]
    if dated:
        match = [g for g in dated if g[0] == on]
        return (match or dated)[0][1]
    return [p for _, people in groups for p in people]


_ONLINE = re.compile(r"\b(?:online|remote(?:ly)?|virtual(?:ly)?|by video|on zoom)\b", re.I)
_IN_ROOM = re.compile(r"\b(?:in the room|in person|in-person|on site|on-site)\b", re.I)


def _sub_label(text: str, is_heading: bool, context: dict) -> None:
    """A label inside a list of people ("Apologies:", "Participants online:") sets the status."""
    if APOLOGY_WORDS.search(text):
        context["status"] = APOLOGIES
    elif _PARTICIPANT_LABEL.search(text) or is_heading:
        context["status"] = PRESENT
    context["also"] = bool(ALSO_PRESENT.search(text))
    context["mode"] = (
        "online" if _ONLINE.search(text) else "in_person" if _IN_ROOM.search(text) else ""
    )


def _is_roll_line(line: str, text: str) -> bool:
    """A long line of names separated by commas ("A (X), B (Y), C (Z), ..."), not prose."""
    return (
        list_item(line) is None
        and (text.count("),") >= 3 or text.count(",") >= 8)
        and not re.search(r"[.!?]$", text)
        and len(text.split()) / (text.count(",") + 1) <= 6
    )


def _roll(label: str, names: str, known: set[str]) -> list[Participant]:
    status = APOLOGIES if APOLOGY_WORDS.search(label) else PRESENT
    own: list[str] = []
    found: list[Participant] = []
    # "A, B (minutes). Apologies received from C.": a second roll inside the first.
    for piece in sentences(plain(names)):
        if own and (m := PROSE_ROLL.match(piece)):
            found += _roll(m["label"], m["names"], known)
        else:
            own.append(piece)
    people = []
    for name in split_roll(" ".join(own)):
        if person := parse_participant(name, known, status):
            person.also_present = bool(ALSO_PRESENT.search(label))
            people.append(person)
    return people + found


# A sentence of a paragraph that names who attended: "Present: A, B and C.", "Members present:
# ...", "Attendees were A (Org), B ...", "Regrets: ...", "Apologies were received from ...".
PROSE_ROLL = re.compile(
    r"^\W*(?P<label>(?:(?:also|members|participants|those)\s+)?(?:present|attending)"
    r"|attendees|participants|in\s+attendance|regrets|apologies|absent|excused"
    r"|(?:apologies|regrets)\s+(?:were\s+)?received\s+from)"
    r"(?:\s*:|\s+(?:were|included)\s+|(?<=from)\s)\s*(?P<names>\S.*)$",
    re.I,
)
# Beside such a sentence: "Member Lee was excused absent.", "Ann Lee and Bo Chen sent regrets."
_PROSE_ABSENT = re.compile(
    r"^(?P<names>[A-Z][\w'’. ,&-]{0,100}?)\s+(?:(?:was|were)\s+(?:\w+\s+)?(?:excused|absent)"
    r"|sent\s+(?:(?:his|her|their)\s+)?(?:regrets|apologies))\b"
)
# "Members Lee, Chen", "Secretary Ruiz": a title before the names, kept as their role.
_TITLED = re.compile(
    r"^(?i:(?P<title>members?|chair(?:person)?|vice[- ]chair|secretary|commissioners?"
    r"|directors?|trustees?|councillors?|supervisors?))\s+(?=[A-Z])"
)


def participants_in_prose(text: str, known: set[str]) -> list[Participant]:
    """Attendance written in a paragraph: its labelled sentences and the absences beside them."""
    found: list[Participant] = []
    for paragraph in re.split(r"\n\s*\n", text):
        said = [plain(s) for s in sentences(" ".join(paragraph.split()))]
        if not any(PROSE_ROLL.match(s) for s in said):
            continue
        for sentence in said:
            if m := PROSE_ROLL.match(sentence):
                found += _titled_roll(m["label"], m["names"], known)
            elif m := _PROSE_ABSENT.match(sentence):
                found += _titled_roll("absent", m["names"], known)
    return found


def _titled_roll(label: str, names: str, known: set[str]) -> list[Participant]:
    """A roll whose names may follow a title; a plural title ("Members A, B") covers them all."""
    people = []
    shared = ""
    for name in split_roll(names):
        role = shared
        if m := _TITLED.match(name):
            title = m["title"].capitalize()
            plural = title.endswith("s")
            role = title[:-1] if plural else title
            shared = role if plural else shared
            name = name[m.end() :]
        for person in _roll(label, name, known):
            person.role = person.role or role
            people.append(person)
    return people


def _listed_person(line: str, text: str, known: set[str], context: dict) -> Participant | None:
    entry = list_item(line)
    candidate = entry if entry is not None else text
    words = len(candidate.split())
    # Prose in the middle of a list is a remark, not a person.
    prose = entry is None and (words > 40 or (candidate.endswith(".") and words > 14))
    if prose and not re.search(r"\bwas represented by\b", candidate):
        return None
    person = parse_participant(candidate, known, context["status"])
    if person is not None:
        person.also_present = person.also_present or context["also"]
        person.mode = person.mode or context["mode"]
    return person


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
        text = plain(line)
        if heading(line) or (re.search(r"\bagenda\b", text, re.I) and len(text.split()) <= 4):
            break
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
