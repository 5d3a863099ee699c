"""Items that are not headed: topic lines followed by their discussion."""

from __future__ import annotations

import re

from summaries.parser.text import TABLE_LINE, heading, list_item, plain

_TOPIC_LABEL = re.compile(r"^(?:agenda\s+)?(?:topic|item)\b\s*:?\s*", re.I)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def topic_split(lines: list[str], *, descend: bool = True) -> list[tuple[str, list[str]]]:
    """Top-level list entries, each with the indented lines under it, when two or more have some.

    An entry that only groups others ("General updates" over its topics) lends them instead.
    """
    entries = [(n, ln) for n, ln in enumerate(lines) if list_item(ln) is not None]
    if not entries:
        return []
    # One space either way is the same level: " * Topic" and "- Topic" side by side.
    top = min(_indent(ln) for _, ln in entries) + 1
    topics: list[tuple[str, list[str]]] = []
    for line in lines:
        entry = list_item(line)
        if entry is not None and _indent(line) <= top:
            topics.append((_TOPIC_LABEL.sub("", plain(entry)), []))
        elif topics:
            topics[-1][1].append(line)
    if sum(any(ln.strip() for ln in body) for _, body in topics) < 2:
        return []
    if not descend:
        return topics
    out: list[tuple[str, list[str]]] = []
    for title, body in topics:
        inner = topic_split(_dedent(body), descend=False)
        own_words = len(title.split())
        out += inner if inner and own_words <= 4 and not title.endswith(".") else [(title, body)]
    return out


def _dedent(lines: list[str]) -> list[str]:
    shown = [_indent(ln) for ln in lines if ln.strip()]
    cut = min(shown) if shown else 0
    return [ln[cut:] for ln in lines]


# A line that stands for an item's heading in a text without heading markup: "**2. Budget**",
# "Item 3: Budget", "4) Budget".
_BOLD_LINE = re.compile(r"^(?:\*\*|__)([^*_]{2,150})(?:\*\*|__)\s*:?$")
_NUMBERED_LINE = re.compile(r"^(?:(?:agenda\s+)?item\s+)?\d{1,2}(?:\.\d{1,2})?[.):]?\s+\S", re.I)


def pseudo_heading(line: str) -> str | None:
    """The title a heading-like line gives, or None."""
    text = line.strip()
    if not text or heading(text) or TABLE_LINE.match(text):
        return None
    if m := _BOLD_LINE.match(text):
        return plain(m[1]).rstrip(":").strip()
    if _NUMBERED_LINE.match(text) and len(text.split()) <= 12 and not text.endswith("."):
        return plain(text)
    return None


def heading_split(lines: list[str]) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """Cut at heading-like lines standing alone in their paragraph; (sections, lines before)."""
    sections: list[tuple[str, list[str]]] = []
    before: list[str] = []
    for n, line in enumerate(lines):
        alone = (n == 0 or not lines[n - 1].strip()) and (
            n + 1 >= len(lines) or not lines[n + 1].strip() or list_item(lines[n + 1])
        )
        title = pseudo_heading(line) if alone else None
        if title:
            sections.append((title, []))
        else:
            (sections[-1][1] if sections else before).append(line)
    titles = [title.lower() for title, _ in sections]
    # The same bold line again and again names speakers in a transcript, not items.
    if len(sections) < 2 or len(set(titles)) < len(titles):
        return [], lines
    return sections, before
