"""The structured shape: Markdown or AsciiDoc headings classified by their words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summaries.parser.actions import ACTION_LABEL, DECISION_LABEL, DOCUMENTS_LABEL
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
from summaries.parser.model import (
    AOB,
    APOLOGIES,
    PRESENT,
    REGULAR,
    Action,
    Decision,
    Item,
    Summary,
)
from summaries.parser.participants import (
    APOLOGY_WORDS,
    INLINE_ROLL,
    collect_after_label,
    is_participant_label,
    participants_from_block,
    participants_from_rows,
)
from summaries.parser.text import (
    NUMBERING,
    RULE,
    TABLE_LINE,
    heading,
    list_item,
    norm,
    plain,
    read_table,
)
from summaries.parser.topics import topic_split


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
    r"\b(?:agenda|proceedings|discussion|minutes|mom|business|backlog|triage|items|topics|notes"
    r"|logistics|sessions?)\b|\bupdates$"
    # A day of a meeting held over several: "Day 1", "Tuesday 25th March".
    r"|^day\s+\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.I,
)
# A section whose list entries may be the topics discussed.
_TOPIC_LIST = re.compile(r"^\W*(?:discussions?|notes|topics|proceedings|minutes)\W*$", re.I)
_PARTICIPANT_HEADING = re.compile(
    r"\b(?:attendees?|attendance|participants?|present|roll\s*call|who was there)\b", re.I
)
_APOLOGY_HEADING = re.compile(r"^(?:apolog(?:y|ies)|regrets|absent|excused)\b", re.I)
_OPENING_HEADING = re.compile(
    r"^(?:opening(?:\s+remarks)?|welcome|introduction|executive\s+summary|summary|background)$",
    re.I,
)
# The export's review of earlier meetings' actions: their record, not this meeting's.
_FOLLOW_UP_HEADING = re.compile(r"^follow[- ]up on (?:the )?action points\b", re.I)
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
    flat, opening, participant_lines = _header(summary, preamble, roots)
    if summary.date is None:
        summary.date = find_date("\n".join(lines))
    sections = _sections(flat, opening)
    for kind, node in sections:
        if kind in ("participants", "apologies"):
            status = APOLOGIES if kind == "apologies" else PRESENT
            participant_lines.append((node.all_lines(), status))
    for block, status in participant_lines:
        summary.participants += participants_from_block(block, known, status, summary.date)
    items = _Items(people_words(summary), any(kind == "decisions" for kind, _ in sections))
    for kind, node in sections:
        if kind in ("meta", "opening"):
            opening.extend(node.all_lines())
        elif kind == "agenda":
            _agenda(summary, node, opening)
        elif kind not in ("participants", "apologies", "skipped"):
            items.add(kind, node)
    summary.items = items.finished()
    remarks = scan_body(opening, items.known_people, prose_decisions=False)
    summary.opening_remarks = remarks.discussion
    items.general.actions += remarks.actions
    items.add_tasks(remarks.tasks)
    if not summary.items:
        summary.fallback_item = True
        summary.items.append(Item(title="Discussion", discussion=summary.opening_remarks))
        summary.opening_remarks = ""
    if items.general.decisions or items.general.actions:
        summary.items.append(items.general)
    return summary


def _header(summary: Summary, preamble: list[str], roots: list[_Node]):
    """Facts above and between the sections; the sections left; opening lines; people."""
    # A heading that is only a date ("20 March 2018") belongs to the header.
    flat: list[_Node] = []
    for node in roots:
        if find_date(node.title) and len(node.title.split()) <= 5:
            header_facts(summary, node.title)
            preamble = preamble + node.body
            flat.extend(node.children)
        else:
            flat.append(node)
    header_facts(summary, "\n".join(plain(ln) for ln in preamble))
    opening: list[str] = []
    participant_lines: list[tuple[list[str], str]] = []
    location: list[str] = []
    _read_preamble(preamble, participant_lines, opening, location)
    summary.location = location[0][:200] if location else ""
    for node in flat:
        if _META_HEADING.match(node.title):
            header_facts(summary, "\n".join(plain(ln) for ln in node.all_lines()))
    return flat, opening, participant_lines


def _sections(flat: list[_Node], opening: list[str]) -> list[tuple[str, _Node]]:
    """Each section with its kind; a container lends its children and its text opens."""
    sections: list[tuple[str, _Node]] = []
    for node in flat:
        kind = _classify(node)
        if kind == "item" and not node.children and _TOPIC_LIST.search(node.title):
            # "Discussion" over a list of topics, each with its notes indented below it.
            topics = topic_split(node.body)
            node.children = [_Node(node.level + 1, t, body) for t, body in topics]
            node.body = [] if topics else node.body
            kind = "container" if topics else kind
        if kind == "container":
            sections += [(_classify(child, nested=True), child) for child in node.children]
            opening.extend(node.body)
        else:
            sections.append((kind, node))
    return sections


def _agenda(summary: Summary, node: _Node, opening: list[str]) -> None:
    for line in node.all_lines():
        entry = list_item(line)
        if entry is not None and not line[:1].isspace():
            summary.agenda.append(agenda_entry(line))
        elif line.strip() and entry is None:
            opening.append(line)


class _Items:
    """Items as sections add them; a heading seen twice is one item."""

    def __init__(self, known_people: set[str], explicit_decisions: bool) -> None:
        self.known_people = known_people
        self.explicit = explicit_decisions
        self.general = Item(title="Decisions and action points", general=True)
        self.by_title: dict[str, Item] = {}
        self.prose: dict[str, list[Decision]] = {}
        self.tasks: dict[str, list[Action]] = {}

    def add(self, kind: str, node: _Node) -> None:
        if kind in ("decisions", "actions"):
            scanned = scan_body(node.all_lines(), self.known_people, mode=kind)
            self.general.decisions += scanned.decisions
            self.general.actions += scanned.actions
            return
        scanned = scan_body(node.all_lines(), self.known_people)
        self.explicit = self.explicit or scanned.listed_decisions
        if not (scanned.discussion or scanned.decisions or scanned.actions or scanned.tasks):
            return
        title, item_kind = _item_title(node.title, kind)
        decisions = scanned.decisions
        if _APPROVED_HEADING.search(title):
            entries = [plain(e) for ln in node.all_lines() if (e := list_item(ln))]
            what = "; ".join(entries) or plain(scanned.discussion)[:300]
            decisions = [Decision(kind="endorsed", text=f"{title}: {what}"), *decisions]
        key = norm(title)
        if key in self.by_title:
            # The same heading again (an agenda with notes, then the minutes): one item.
            item = self.by_title[key]
            item.discussion = "\n\n".join(p for p in (item.discussion, scanned.discussion) if p)
            item.decisions += decisions
            item.actions += scanned.actions
            self.prose[key] += scanned.prose
            self.tasks[key] += scanned.tasks
            return
        self.by_title[key] = Item(
            title=title,
            kind=item_kind,
            discussion=scanned.discussion,
            decisions=decisions,
            actions=scanned.actions,
        )
        self.prose[key] = list(scanned.prose)
        self.tasks[key] = list(scanned.tasks)

    def finished(self) -> list[Item]:
        """The items in order; sentences' decisions count when no list names them."""
        if not self.explicit:
            for key, item in self.by_title.items():
                item.decisions = self.prose[key] + item.decisions
        return list(self.by_title.values())

    def add_tasks(self, opening: list[Action]) -> None:
        """Tasks given in sentences count when no list, mark or table names any action."""
        if self.general.actions or any(i.actions for i in self.by_title.values()):
            return
        for key, item in self.by_title.items():
            item.actions = self.tasks[key]
        self.general.actions = opening


def _item_title(heading_text: str, kind: str) -> tuple[str, str]:
    title = heading_text.rstrip(":").strip()
    title = re.sub(r"\s*\[[^\]]*\]\s*$", "", title).strip()
    title = re.sub(NUMBERING, "", title).strip() or heading_text
    if kind != "aob":
        return title, REGULAR
    rest = AOB_HEADING.match(title)
    return (rest[1] if rest and rest[1] else title) or "AOB", AOB


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
        if TABLE_LINE.match(line):
            # A table of facts above the first section may name the participants.
            rows, end = read_table(preamble, i)
            if participants_from_rows(rows, PRESENT, set()):
                participant_lines.append((preamble[i:end], PRESENT))
            else:
                opening.extend(preamble[i:end])
            i = end
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
    numbered = bool(NUMBERING.match(title))
    title = re.sub(NUMBERING, "", title)
    # "3. Roll call" over a sentence, not a list: a numbered agenda item like the others.
    listless = not any(list_item(ln) is not None or TABLE_LINE.match(ln) for ln in node.body)
    if numbered and listless and not node.children:
        return "aob" if AOB_HEADING.match(title) else "item"
    if _APOLOGY_HEADING.match(title):
        return "apologies"
    if ACTION_LABEL.match(title):
        return "actions"
    if DECISION_LABEL.match(title):
        return "decisions"
    if DOCUMENTS_LABEL.match(title) or _FOLLOW_UP_HEADING.match(title):
        return "skipped"
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
