"""The plain shape: a title, labelled lists, and items cut where the agenda repeats."""

from __future__ import annotations

import re

from summaries.parser.body import scan_body, tidy
from summaries.parser.dates import find_modality
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
from summaries.parser.text import NUMBERING, heading, list_item, plain, tokens
from summaries.parser.topics import heading_split, pseudo_heading, topic_split

_LOCATION = re.compile(r"^(?:location|venue|place|where)\s*:\s*(\S.*)$", re.I)
_VENUE_WORDS = re.compile(
    r"\b(?:room|hall|building|cent(?:re|er)|headquarters|palais|office|floor|campus|house)\b",
    re.I,
)
_ONLINE_TAIL = re.compile(
    r"[,;]?\s*(?:and|&|\+)\s+(?:online|virtually|remotely|by video)\b.*$|\s*\(online\)$", re.I
)


def parse_plain(lines: list[str], known: set[str]) -> Summary:
    summary = Summary()
    i = _skip_blank(lines, 0)
    # A lone heading is the title, whatever comes before it (a source line, front matter).
    first_heading = next((n for n, line in enumerate(lines) if heading(line)), None)
    if first_heading is not None:
        i = first_heading
    first_line: list[str] = []
    if i < len(lines):
        head = heading(lines[i])
        # A title is a line, not a page: a text with no line breaks is not read as one.
        summary.title = plain((head[1] if head else lines[i])[:1000])
        first_line = [] if head else [lines[i], ""]
        i += 1
    header_facts(summary, summary.title)
    i, agenda_block = _read_header(lines, i, summary, known)
    items, opening = _split_plain_body(lines[i:], summary.agenda)
    if not items:
        items, opening = _unheaded_items(agenda_block, opening, summary)
    known_people = people_words(summary)
    summary.opening_remarks = tidy(opening)
    if not summary.modality:
        summary.modality = find_modality(summary.opening_remarks)
    scans = [(title, kind, scan_body(chunk, known_people)) for title, kind, chunk in items]
    listed = any(scan.listed_decisions for _, _, scan in scans)
    # As with decisions: a document that lists its actions anywhere is trusted to list them all.
    listed_actions = any(scan.actions for _, _, scan in scans)
    for title, kind, scanned in scans:
        summary.items.append(
            Item(
                title=title,
                kind=kind,
                discussion=scanned.discussion,
                decisions=outcomes(scanned, listed),
                actions=scanned.actions or ([] if listed_actions else scanned.tasks),
            )
        )
    if not summary.items:
        # Nothing divides the text: keep it whole, as one item the secretariat can rework.
        if summary.date is None and not summary.participants and not summary.agenda:
            opening = first_line + opening
        _single_item(summary, opening, known_people)
    return summary


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _single_item(summary: Summary, lines: list[str], known_people: set[str]) -> None:
    scanned = scan_body(lines, known_people)
    summary.opening_remarks = ""
    summary.fallback_item = True
    summary.items.append(
        Item(
            title="Discussion",
            discussion=scanned.discussion,
            decisions=outcomes(scanned, False),
            actions=scanned.actions or scanned.tasks,
        )
    )


def _unheaded_items(
    agenda_block: list[str], body: list[str], summary: Summary
) -> tuple[list[tuple[str, str, list[str]]], list[str]]:
    """Items without an agenda to match: bold or numbered lines, or an annotated agenda."""
    sections, opening = heading_split(body)
    if not sections and (topics := topic_split(agenda_block)):
        # The agenda carries the notes: each entry's indented lines are its discussion.
        summary.agenda = [title for title, _ in topics]
        sections, opening = topics, body
    items = []
    for title, chunk in sections:
        if not any(line.strip() for line in chunk):
            continue
        bare = re.sub(NUMBERING, "", re.sub(_ITEM_PREFIX, "", title)).strip()
        aob = AOB_HEADING.match(bare)
        items.append((bare or title, AOB if aob else REGULAR, chunk))
    return items, opening


def _read_header(
    lines: list[str], i: int, summary: Summary, known: set[str]
) -> tuple[int, list[str]]:
    """Date, times, venue, people and the agenda, up to the first paragraph; the agenda's lines."""
    agenda_block: list[str] = []
    while (i := _skip_blank(lines, i)) < len(lines):
        line = lines[i]
        text = plain(line)
        if is_participant_label(line) or INLINE_ROLL.match(text):
            block, i = collect_after_label(lines, i + 1, allow_plain=True)
            status = APOLOGIES if APOLOGY_WORDS.search(text) else PRESENT
            people = participants_from_block([line, *block], known, status, summary.date)
            summary.participants += people
            continue
        if _is_agenda_label(text) and not summary.agenda:
            agenda_block, i = collect_after_label(lines, i + 1, allow_plain=False)
            summary.agenda = [agenda_entry(b) for b in agenda_block if agenda_entry(b)]
            continue
        # A bold or numbered line alone opens the first section, not the header.
        if (pseudo_heading(line) and not is_header_line(line)) or not _header_line(text, summary):
            break
        i += 1
    return i, agenda_block


def _is_agenda_label(text: str) -> bool:
    return bool(AGENDA_LABEL.search(text)) and (text.endswith(":") or len(text.split()) <= 3)


def _header_line(text: str, summary: Summary) -> bool:
    """Read a short line above the agenda (a date, times, a venue, a subtitle), if it is one."""
    if m := _LOCATION.match(text):
        _set_location(summary, m[1])
        return True
    if is_header_line(text):
        header_facts(summary, text)
        return True
    short = len(text.split()) <= 12 and not text.endswith((".", ":"))
    if not short or summary.agenda:
        return False
    if not summary.location and (_VENUE_WORDS.search(text) or re.search(r",.*\b[A-Z]", text)):
        _set_location(summary, text)
    return True


def _set_location(summary: Summary, text: str) -> None:
    if not summary.modality:
        summary.modality = find_modality(text)
    summary.location = _ONLINE_TAIL.sub("", text).strip(" ,;")[:200]


def _matches_entry(line: str, entry: str) -> bool:
    want, got = tokens(entry), tokens(line)
    if not want or not got:
        return False
    overlap = len(want & got) / len(want)
    return overlap >= 0.7 and len(got) <= len(want) * 1.5 + 4


_ITEM_PREFIX = re.compile(r"^(?:agenda\s+)?item\s+\d+(?:\.\d+)?\s*[–—:.-]?\s*", re.I)


def _split_plain_body(
    body: list[str], agenda: list[str]
) -> tuple[list[tuple[str, str, list[str]]], list[str]]:
    """Cut the body at the lines that repeat an agenda entry, and at "AOB"."""
    items: list[tuple[str, str, list[str]]] = []
    opening: list[str] = []
    remaining = list(agenda)
    for line in body:
        text = plain(line)
        numbered = bool(re.match(r"^\d{1,2}[.)]\s", line))
        is_heading_shape = (
            text
            and (list_item(line) is None or numbered)
            and len(text) <= 400
            and not re.search(r"[.!?]$", text)
        )
        bare = re.sub(NUMBERING, "", re.sub(_ITEM_PREFIX, "", text))
        aob = AOB_HEADING.match(bare) if text and len(text) < 200 else None
        if aob and (text.endswith(":") or not aob[1] or len(text.split()) <= 8):
            items.append(("AOB", AOB, [aob[1]] if aob[1] else []))
            continue
        if is_heading_shape:
            matched = next((e for e in remaining if _matches_entry(text, e)), None)
            if matched is not None:
                remaining.remove(matched)
                items.append((bare.rstrip(":").strip() or text, REGULAR, []))
                continue
        (items[-1][2] if items else opening).append(line)
    return items, opening
