"""The plain shape: a title, labelled lists, and items cut where the agenda repeats."""

from __future__ import annotations

import re

from summaries.parser.body import scan_body, tidy
from summaries.parser.document import (
    AGENDA_LABEL,
    AOB_HEADING,
    agenda_entry,
    header_facts,
    is_header_line,
    outcomes,
    people_words,
)
from summaries.parser.model import AOB, APOLOGIES, PRESENT, REGULAR, Item, Summary
from summaries.parser.participants import (
    APOLOGY_WORDS,
    INLINE_ROLL,
    collect_after_label,
    is_participant_label,
    participants_from_block,
)
from summaries.parser.text import heading, list_item, plain, tokens


def parse_plain(lines: list[str], known: set[str]) -> Summary:
    summary = Summary()
    i = 0
    # A lone heading is the title, whatever comes before it (a source line, front matter).
    first_heading = next((n for n, line in enumerate(lines) if heading(line)), None)
    if first_heading is not None:
        i = first_heading
    while i < len(lines) and not lines[i].strip():
        i += 1
    first_line: list[str] = []
    if i < len(lines):
        head = heading(lines[i])
        # A title is a line, not a page: a text with no line breaks is not read as one.
        summary.title = plain((head[1] if head else lines[i])[:1000])
        first_line = [] if head else [lines[i], ""]
        i += 1
    header_facts(summary, summary.title)
    opening: list[str] = []
    body_start = len(lines)
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if is_participant_label(line) or INLINE_ROLL.match(plain(line)):
            inline = INLINE_ROLL.match(plain(line))
            block, i = collect_after_label(lines, i + 1, allow_plain=True)
            if inline:
                block = [line, *block]
            status = APOLOGIES if APOLOGY_WORDS.search(plain(line)) else PRESENT
            summary.participants += participants_from_block(block, known, status, summary.date)
            continue
        if plain(line).endswith(":") and AGENDA_LABEL.search(line) and not summary.agenda:
            block, i = collect_after_label(lines, i + 1, allow_plain=False)
            summary.agenda = [agenda_entry(b) for b in block if agenda_entry(b)]
            continue
        if is_header_line(line) and not summary.agenda and not opening:
            header_facts(summary, plain(line))
            i += 1
            continue
        body_start = i
        break
    body = lines[body_start:]
    items, opening = _split_plain_body(body, summary.agenda)
    known_people = people_words(summary)
    summary.opening_remarks = tidy(opening)
    scans = [(title, kind, scan_body(chunk, known_people)) for title, kind, chunk in items]
    listed = any(scan.listed_decisions for _, _, scan in scans)
    for title, kind, scanned in scans:
        summary.items.append(
            Item(
                title=title,
                kind=kind,
                discussion=scanned.discussion,
                decisions=outcomes(scanned, listed),
                actions=scanned.actions,
            )
        )
    if not summary.items:
        # Nothing divides the text: keep it whole, as one item the secretariat can rework.
        if summary.date is None and not summary.participants and not summary.agenda:
            opening = first_line + opening
        scanned = scan_body(opening, known_people)
        summary.opening_remarks = ""
        summary.fallback_item = True
        summary.items.append(
            Item(
                title="Discussion",
                discussion=scanned.discussion,
                decisions=outcomes(scanned, False),
                actions=scanned.actions,
            )
        )
    return summary


def _matches_entry(line: str, entry: str) -> bool:
    want, got = tokens(entry), tokens(line)
    if not want or not got:
        return False
    overlap = len(want & got) / len(want)
    return overlap >= 0.7 and len(got) <= len(want) * 1.5 + 4


def _split_plain_body(
    body: list[str], agenda: list[str]
) -> tuple[list[tuple[str, str, list[str]]], list[str]]:
    """Cut the body at the lines that repeat an agenda entry, and at "AOB"."""
    items: list[tuple[str, str, list[str]]] = []
    opening: list[str] = []
    remaining = list(agenda)
    for line in body:
        text = plain(line)
        is_heading_shape = (
            text and list_item(line) is None and len(text) <= 400 and not re.search(r"[.!?]$", text)
        )
        aob = AOB_HEADING.match(text) if text and len(text) < 200 else None
        if aob and (text.endswith(":") or not aob[1] or len(text.split()) <= 8):
            items.append(("AOB", AOB, [aob[1]] if aob[1] else []))
            continue
        if is_heading_shape:
            matched = next((e for e in remaining if _matches_entry(text, e)), None)
            if matched is not None:
                remaining.remove(matched)
                items.append((text.rstrip(":"), REGULAR, []))
                continue
        (items[-1][2] if items else opening).append(line)
    return items, opening
