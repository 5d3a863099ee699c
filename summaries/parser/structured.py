"""The structured shape: Markdown or AsciiDoc headings classified by their words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summaries.parser.actions import ACTION_LABEL, DECISION_LABEL
from summaries.parser.body import scan_body
from summaries.parser.dates import find_date
from summaries.parser.document import (
    AGENDA_LABEL,
    AOB_HEADING,
    agenda_entry,
    header_facts,
    is_header_line,
    people_words,
)
from summaries.parser.model import AOB, APOLOGIES, PRESENT, REGULAR, Decision, Item, Summary
from summaries.parser.participants import (
    APOLOGY_WORDS,
    INLINE_ROLL,
    collect_after_label,
    is_participant_label,
    participants_from_block,
)
from summaries.parser.text import NUMBERING, RULE, TABLE_LINE, heading, list_item, norm, plain


@dataclass
class _Node:
    level: int
    title: str
    body: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    def all_lines(self, depth: int = 0) -> list[str]:
        lines = list(self.body)
        for child in self.children:
            lines.append("")
            lines.append("#" * min(depth + 3, 6) + " " + child.title)
            lines.extend(child.all_lines(depth + 1))
        return lines


_CONTAINER = re.compile(
    r"\b(?:agenda|proceedings|discussion|minutes|mom|business|backlog|triage|items|topics|notes)\b",
    re.I,
)
_PARTICIPANT_HEADING = re.compile(
    r"\b(?:attendees?|attendance|participants?|present|roll\s*call|who was there)\b", re.I
)
_APOLOGY_HEADING = re.compile(r"^(?:apolog(?:y|ies)|regrets|absent|excused)\b", re.I)
_OPENING_HEADING = re.compile(
    r"^(?:opening(?:\s+remarks)?|welcome|introduction|executive\s+summary|summary|background)$",
    re.I,
)
_META_HEADING = re.compile(r"^(?:date|time|location|venue|logistics|when|where)\b", re.I)
_APPROVED_HEADING = re.compile(r"\b(?:approved|adopted|accepted)$", re.I)


def _promote_pseudo_headings(lines: list[str]) -> list[str]:
    """A lone bullet that opens a paragraph of discussion is an item heading in disguise.

    Minutes kept in Markdown sometimes list the last items as "* [Topic](link) - Owner"
    followed by the discussion, instead of using a heading like the items above them.
    """
    out = list(lines)
    level = 0
    for i, line in enumerate(lines):
        head = heading(line)
        if head:
            level = head[0]
            continue
        entry = list_item(line)
        if not level or entry is None or line[:1].isspace() or not entry.startswith(("[", "**")):
            continue
        before = lines[i - 1].strip() if i else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else "x"
        following = next((ln for ln in lines[i + 2 :] if ln.strip()), "")
        if (
            before == ""
            and after == ""
            and following
            and not heading(following)
            and list_item(following) is None
            and not TABLE_LINE.match(following)
        ):
            out[i] = "#" * level + " " + entry
    return out


def _tree(lines: list[str]) -> tuple[str, list[str], list[_Node]]:
    """The title, the lines under it before any section, and the top-level sections."""
    lines = _promote_pseudo_headings(lines)
    title = ""
    preamble: list[str] = []
    roots: list[_Node] = []
    stack: list[_Node] = []
    current: list[str] | None = None
    for line in lines:
        head = heading(line)
        if head is None:
            if current is not None:
                current.append(line)
            continue
        level, text = head
        if not title:
            title, current = plain(text), preamble
            continue
        node = _Node(level=level, title=plain(text).strip())
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        current = node.body
    return title, preamble, roots


def parse_structured(lines: list[str], known: set[str]) -> Summary:
    summary = Summary()
    title, preamble, roots = _tree(lines)
    summary.title = title
    header_facts(summary, title)
    # A heading that is only a date ("20 March 2018") belongs to the header.
    flat: list[_Node] = []
    for node in roots:
        if find_date(node.title) and len(node.title.split()) <= 5:
            header_facts(summary, node.title)
            preamble = preamble + node.body
            flat.extend(node.children)
        else:
            flat.append(node)
    header_text = "\n".join(plain(ln) for ln in preamble)
    header_facts(summary, header_text)
    opening: list[str] = []
    participant_lines: list[tuple[list[str], str]] = []
    location: list[str] = []
    _read_preamble(preamble, participant_lines, opening, location)
    summary.location = location[0][:200] if location else ""
    for node in flat:
        if _META_HEADING.match(node.title):
            header_facts(summary, "\n".join(plain(ln) for ln in node.all_lines()))
    if summary.date is None:
        summary.date = find_date("\n".join(lines))

    sections: list[tuple[str, _Node]] = []
    for node in flat:
        kind = _classify(node)
        if kind == "container":
            for child in node.children:
                sections.append((_classify(child, nested=True), child))
            if node.body:
                opening.extend(node.body)
        else:
            sections.append((kind, node))

    for kind, node in sections:
        if kind in ("participants", "apologies"):
            status = APOLOGIES if kind == "apologies" else PRESENT
            participant_lines.append((node.all_lines(), status))
    for block, status in participant_lines:
        summary.participants += participants_from_block(block, known, status, summary.date)
    known_people = people_words(summary)

    explicit_decisions = any(kind == "decisions" for kind, _ in sections)
    general = Item(title="Decisions and action points", general=True)
    by_title: dict[str, Item] = {}
    prose: dict[str, list[Decision]] = {}
    for kind, node in sections:
        if kind in ("participants", "apologies"):
            continue
        if kind == "meta":
            opening.extend(node.all_lines())
            continue
        if kind == "opening":
            opening.extend(node.all_lines())
            continue
        if kind == "agenda":
            for line in node.all_lines():
                entry = list_item(line)
                if entry is not None and not line[:1].isspace():
                    summary.agenda.append(agenda_entry(line))
                elif line.strip() and entry is None:
                    opening.append(line)
            continue
        if kind in ("decisions", "actions"):
            scanned = scan_body(node.all_lines(), known_people, mode=kind)
            general.decisions += scanned.decisions
            general.actions += scanned.actions
            continue
        scanned = scan_body(node.all_lines(), known_people)
        explicit_decisions = explicit_decisions or scanned.listed_decisions
        if not scanned.discussion and not scanned.decisions and not scanned.actions:
            continue
        item_title, item_kind = node.title.rstrip(":").strip(), REGULAR
        item_title = re.sub(r"\s*\[[^\]]*\]\s*$", "", item_title).strip()
        item_title = re.sub(NUMBERING, "", item_title).strip() or node.title
        if kind == "aob":
            item_kind = AOB
            rest = AOB_HEADING.match(item_title)
            item_title = (rest[1] if rest and rest[1] else item_title) or "AOB"
        decisions = scanned.decisions
        if _APPROVED_HEADING.search(item_title):
            entries = [plain(e) for ln in node.all_lines() if (e := list_item(ln))]
            what = "; ".join(entries) or plain(scanned.discussion)[:300]
            decisions = [Decision(kind="endorsed", text=f"{item_title}: {what}"), *decisions]
        key = norm(item_title)
        if key in by_title:
            # The same heading again (an agenda with notes, then the minutes): one item.
            item = by_title[key]
            item.discussion = "\n\n".join(p for p in (item.discussion, scanned.discussion) if p)
            item.decisions += decisions
            item.actions += scanned.actions
            prose[key] += scanned.prose
            continue
        item = Item(
            title=item_title,
            kind=item_kind,
            discussion=scanned.discussion,
            decisions=decisions,
            actions=scanned.actions,
        )
        by_title[key] = item
        prose[key] = list(scanned.prose)
        summary.items.append(item)
    if not explicit_decisions:
        for key, item in by_title.items():
            item.decisions = prose[key] + item.decisions
    remarks = scan_body(opening, known_people, prose_decisions=False)
    summary.opening_remarks = remarks.discussion
    general.actions += remarks.actions
    if not summary.items:
        summary.fallback_item = True
        summary.items.append(Item(title="Discussion", discussion=summary.opening_remarks))
        summary.opening_remarks = ""
    if general.decisions or general.actions:
        summary.items.append(general)
    return summary


def _read_preamble(
    preamble: list[str],
    participant_lines: list[tuple[list[str], str]],
    opening: list[str],
    location: list[str],
) -> None:
    """Attendance lists written as labelled lists under the title; the rest is opening text."""
    i = 0
    while i < len(preamble):
        line = preamble[i]
        text = plain(line)
        if is_participant_label(line) or INLINE_ROLL.match(text):
            block, i = collect_after_label(preamble, i + 1, allow_plain=True)
            status = APOLOGIES if APOLOGY_WORDS.search(text) else PRESENT
            if INLINE_ROLL.match(text):
                block = [line, *block]
            participant_lines.append((block, status))
            continue
        if m := re.match(r"^(?:location|venue|place)\s*:\s*(\S.*)$", text, re.I):
            location.append(m[1].strip())
            i += 1
            continue
        if is_header_line(line) or RULE.match(line) or re.match(r"^:\w+:", text):
            i += 1
            continue
        if re.match(r"^\W*(?:scribe|minutes|note[- ]?taker|chair)\s*:", text, re.I):
            i += 1
            continue
        opening.append(line)
        i += 1


def _classify(node: _Node, nested: bool = False) -> str:
    title = plain(node.title).rstrip(":").strip()
    title = re.sub(r"\s*\[[^\]]*\]\s*$", "", title)
    title = re.sub(NUMBERING, "", title)
    if _APOLOGY_HEADING.match(title):
        return "apologies"
    if ACTION_LABEL.match(title):
        return "actions"
    if DECISION_LABEL.match(title):
        return "decisions"
    if AOB_HEADING.match(title):
        return "aob"
    if _PARTICIPANT_HEADING.search(title) and len(title.split()) <= 5:
        return "participants"
    if node.children and not nested and _CONTAINER.search(title):
        own_words = len(" ".join(plain(ln) for ln in node.body).split())
        if own_words < 60:
            return "container"
    if AGENDA_LABEL.search(title) and len(title.split()) <= 12:
        return "agenda"
    if _OPENING_HEADING.match(title):
        return "opening"
    if _META_HEADING.match(title) and not node.children:
        return "meta"
    return "item"
