"""Read a meeting summary written for people and find its structure. No Django in here.

The input is text: plain (like the house sample), Markdown, AsciiDoc, or what
``summaries.docx_reader`` makes of a Word file (Markdown headings, lists and pipe tables).
The output is a :class:`Summary` of plain values, which the preview shows and the
services save. The parser proposes; nothing here touches the database.

Two shapes are recognised:

- *plain*: no heading markup (the house format). The agenda list names the items, and the
  lines of the body that repeat an agenda entry start each item's section.
- *structured*: Markdown or AsciiDoc headings. Sections are classified by their heading
  (attendees, agenda, decisions, action items, any other business...), a section that
  groups others ("Proceedings", "Minutes", "New business") lends its children as items.

Decisions come from explicit lists ("Decisions:") or, when a document has none, from the
sentences that record one ("... was endorsed", "It was agreed to ...", "RESOLVED").
Action points come from explicit markers ("Action Points:", "ACTION:", an action
table) or, when a document has none, from sentences that give someone listed a task
("Ann Lee to send the figures.", "Secretariat to book a room."); the parser never turns
"X will do Y" prose into an action.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from summaries.parser.actions import parse_action
from summaries.parser.budget import ParseTimeout
from summaries.parser.budget import budget as time_budget
from summaries.parser.confidence import Flag, flags
from summaries.parser.dates import (
    DAY_FIRST,
    find_date,
    find_modality,
    find_times,
    is_ambiguous,
    numeric_order,
    parse_due,
)
from summaries.parser.decisions import decision_kind
from summaries.parser.model import (
    AOB,
    APOLOGIES,
    DECISION_KINDS,
    PRESENT,
    REGULAR,
    REPRESENTED,
    Action,
    Decision,
    Item,
    Participant,
    Summary,
    TimeSpan,
)
from summaries.parser.participants import parse_participant, participants_in_prose
from summaries.parser.plain import parse_plain
from summaries.parser.structured import parse_structured
from summaries.parser.text import heading, normalise_lines

__all__ = [
    "AOB",
    "APOLOGIES",
    "DECISION_KINDS",
    "PRESENT",
    "REGULAR",
    "REPRESENTED",
    "Action",
    "Decision",
    "Item",
    "ParseTimeout",
    "Participant",
    "Summary",
    "Flag",
    "TimeSpan",
    "decision_kind",
    "flags",
    "find_date",
    "find_modality",
    "find_times",
    "parse",
    "parse_action",
    "parse_due",
    "parse_participant",
]


def parse(
    text: str, *, known_organizations: Iterable[str] = (), budget: float | None = None
) -> Summary:
    """Find the meeting in a summary's text. `known_organizations`: acronyms and names.

    `budget`: seconds the reading may take; beyond them it stops with :class:`ParseTimeout`.
    """
    registry = [k.strip() for k in known_organizations if k and k.strip()]
    known = {k.lower() for k in registry}
    token = DAY_FIRST.set(numeric_order(text))
    try:
        with time_budget(budget):
            summary = _parse_lines(normalise_lines(text), known)
    finally:
        DAY_FIRST.reset(token)
    summary.date_ambiguous = summary.date is not None and is_ambiguous(text, summary.date)
    summary.title = summary.title[:300]
    if not summary.participants:
        _attendance_in_prose(summary, known)
    _link_representatives(summary)
    _resolve_years(summary)
    _expand_owners(summary, registry)
    return summary


def _parse_lines(lines: list[str], known: set[str]) -> Summary:
    headings = [i for i, line in enumerate(lines) if heading(line)]
    structured = len(headings) >= 2
    return parse_structured(lines, known) if structured else parse_plain(lines, known)


def _attendance_in_prose(summary: Summary, known: set[str]) -> None:
    """Without a list of people, the roll may be written in a paragraph ("Present: A, B.")."""
    texts = [summary.opening_remarks, *(item.discussion for item in summary.items)]
    summary.participants = participants_in_prose("\n\n".join(texts), known)


# "Secretariat" or "the Secretariat" as an owner, alone or among others ("UNHCR and Secretariat").
_SECRETARIAT = re.compile(r"(?:the\s+)?secretariat", re.I)
_OWNER_SEPARATOR = re.compile(r"(\s*(?:,|;|&|/|\band\b)\s*)")


def _expand_owners(summary: Summary, registry: list[str]) -> None:
    """An owner named by one word ("Chair") is the one organisation listed that ends so.

    "Secretariat" is looked for among the registry's names too: it stands for the one
    organisation of the participants or the registry whose name ends with "Secretariat",
    and stays as written when there is none or more than one.
    """
    orgs = list(dict.fromkeys(p.organization for p in summary.participants if p.organization))
    secretariat = _the_secretariat([*orgs, *registry])
    for action in summary.actions:
        parts = _OWNER_SEPARATOR.split(action.owner)
        if any(_SECRETARIAT.fullmatch(part.strip()) for part in parts):
            if secretariat:
                action.owner = "".join(
                    secretariat if _SECRETARIAT.fullmatch(part.strip()) else part for part in parts
                ).strip()
            continue
        word = action.owner.strip()
        if not word or " " in word:
            continue
        matches = [o for o in orgs if o != word and o.lower().endswith(" " + word.lower())]
        if len(matches) == 1:
            action.owner = matches[0]


def _the_secretariat(names: list[str]) -> str:
    """The one name ending with the word "Secretariat", the same in any case; else ""."""
    found: dict[str, str] = {}
    for name in names:
        key = " ".join(name.lower().split())
        if key == "secretariat" or key.endswith(" secretariat"):
            found.setdefault(key, name)
    return next(iter(found.values())) if len(found) == 1 else ""


def _resolve_years(summary: Summary) -> None:
    """ "Before the end of the year" is the end of the meeting's year."""
    if summary.date is None:
        return
    for action in summary.actions:
        if re.search(r"\b(?:the|this)\s+year$", action.due, re.I):
            action.due = f"end of {summary.date.year}"


def _link_representatives(summary: Summary) -> None:
    """The person who stands in for an absent one attends on that person's behalf."""
    present = {p.name.lower(): p for p in summary.present}
    for absent in summary.absent:
        stand_in = present.get(absent.represented_by.lower())
        if stand_in is not None and not stand_in.representing:
            stand_in.representing = absent.name
