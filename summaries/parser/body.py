"""A section's body split into discussion, decisions and action points."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summaries.parser.actions import (
    ACTION_LABEL,
    DECISION_LABEL,
    INLINE_ACTION,
    actions_from_rows,
    parse_action,
)
from summaries.parser.decisions import decisions_in_prose, listed_decision
from summaries.parser.model import Action, Decision
from summaries.parser.text import RULE, TABLE_LINE, heading, list_item, plain, read_table

# ---------------------------------------------------------------------------------------------
# A section's body: discussion, decisions, action points


@dataclass
class Scanned:
    discussion: str
    decisions: list[Decision]  # listed under a "Decisions" label
    prose: list[Decision]  # found in sentences of the discussion
    actions: list[Action]
    listed_decisions: bool


def scan_body(
    lines: list[str],
    known_people: set[str],
    *,
    mode: str = "",
    prose_decisions: bool = True,
) -> Scanned:
    """Split a section into discussion, decisions and actions.

    `mode` starts the scan inside a decisions or actions list (a section headed so).
    """
    kept: list[str] = []
    decisions: list[Decision] = []
    actions: list[Action] = []
    listed = mode == "decisions"
    heading_mode = bool(mode)
    blank = False
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            blank = True
            kept.append("")
            i += 1
            continue
        head = heading(line)
        label = plain(head[1] if head else stripped).strip("*_ ")
        if ACTION_LABEL.match(label):
            mode, heading_mode, blank = "actions", bool(head), False
            i += 1
            continue
        if DECISION_LABEL.match(label):
            mode, heading_mode, blank, listed = "decisions", bool(head), False, True
            i += 1
            continue
        if head:
            mode = ""
            kept.append(line)
            i += 1
            continue
        if mode and TABLE_LINE.match(line):
            rows, i = read_table(lines, i)
            if mode == "actions":
                actions.extend(actions_from_rows(rows, known_people))
            else:
                decisions.extend(listed_decision(" ".join(r)) for r in rows[1:])
            blank = False
            continue
        entry = list_item(line)
        if mode and (entry is not None or not blank or heading_mode):
            text = entry if entry is not None else stripped
            # A wrapped line continues the entry above it.
            continuation = (
                entry is None
                and not blank
                and ((mode == "actions" and actions) or (mode == "decisions" and decisions))
            )
            if continuation and mode == "actions":
                actions[-1].text = f"{actions[-1].text} {plain(text)}"
            elif continuation:
                decisions[-1].text = f"{decisions[-1].text} {plain(text)}"
            elif mode == "actions":
                actions.append(parse_action(text, known_people))
            else:
                decisions.append(listed_decision(text))
            blank = False
            i += 1
            continue
        mode = ""
        if m := INLINE_ACTION.match(stripped):
            actions.append(parse_action(m[1], known_people))
            blank = False
            i += 1
            continue
        kept.append(line)
        blank = False
        i += 1
    discussion = tidy(kept)
    prose = decisions_in_prose(discussion) if prose_decisions else []
    return Scanned(discussion, decisions, prose, actions, listed)


def tidy(lines: list[str]) -> str:
    """Paragraphs as Markdown; a paragraph broken by a page break is joined again."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    joined: list[list[str]] = []
    for para in paragraphs:
        first = para[0].strip()
        if (
            joined
            and first[:1].islower()
            and list_item(para[0]) is None
            and not re.search(r"[.:;!?)\]]$", joined[-1][-1].strip())
            and list_item(joined[-1][-1]) is None
        ):
            joined[-1][-1] = f"{joined[-1][-1].rstrip()} {first}"
            joined[-1].extend(para[1:])
        elif joined and list_item(para[0]) is not None and list_item(joined[-1][-1]) is not None:
            # One list, even when a Word file puts each bullet in its own paragraph.
            joined[-1].extend(para)
        else:
            joined.append(para)
    out = []
    for para in joined:
        if any(list_item(ln) is not None or TABLE_LINE.match(ln) for ln in para):
            out.append("\n".join(ln.rstrip() for ln in para))
        else:
            out.append(" ".join(ln.strip() for ln in para))
    return "\n\n".join(p for p in out if p.strip() and not RULE.match(p))
