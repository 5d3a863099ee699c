"""A section's body split into discussion, decisions and action points."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summaries.parser.actions import (
    ACTION_LABEL,
    CHECKBOX,
    DECISION_LABEL,
    DOCUMENTS_LABEL,
    INLINE_ACTION,
    actions_from_rows,
    is_action_table,
    owner_like,
    parse_action,
    prose_action,
)
from summaries.parser.budget import check as check_budget
from summaries.parser.decisions import decisions_in_prose, listed_decision, units
from summaries.parser.model import Action, Decision
from summaries.parser.text import (
    RULE,
    TABLE_LINE,
    heading,
    list_item,
    plain,
    read_table,
    sentences,
)

# ---------------------------------------------------------------------------------------------
# A section's body: discussion, decisions, action points


@dataclass
class Scanned:
    discussion: str
    decisions: list[Decision]  # listed under a "Decisions" label
    prose: list[Decision]  # found in sentences of the discussion
    actions: list[Action]  # listed, marked or in a table
    listed_decisions: bool
    tasks: list[Action]  # given to someone in a sentence of the discussion


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
    scan = _Scan(known_people, mode)
    i = 0
    while i < len(lines):
        i = scan.line(lines, i)
    discussion = tidy(scan.kept)

    def is_task(sentence: str) -> bool:
        return prose_action(sentence, known_people) is not None

    prose = decisions_in_prose(discussion, is_task) if prose_decisions else []
    tasks = _tasks_in_prose(discussion, known_people, scan.actions)
    return Scanned(discussion, scan.decisions, prose, scan.actions, scan.listed, tasks)


def _tasks_in_prose(discussion: str, known_people: set[str], listed: list[Action]) -> list[Action]:
    """Sentences of the discussion that give someone listed a task, unless a list has it."""
    seen = {plain(a.text).lower().rstrip(".") for a in listed}
    found = []
    for block in re.split(r"\n\s*\n", discussion):
        for unit in units(block):
            if unit.startswith("#"):
                continue
            for sentence in sentences(plain(list_item(unit) or unit)):
                action = prose_action(sentence, known_people)
                if action and plain(action.text).lower().rstrip(".") not in seen:
                    seen.add(plain(action.text).lower().rstrip("."))
                    found.append(action)
    return found


class _Scan:
    """The state of a scan through a section: which list it is in, and what it found."""

    def __init__(self, known_people: set[str], mode: str) -> None:
        self.known_people = known_people
        self.mode = mode
        self.heading_mode = bool(mode)
        self.listed = mode == "decisions"
        self.blank = False
        self.kept: list[str] = []
        self.decisions: list[Decision] = []
        self.actions: list[Action] = []
        # The person or body a group of tasks is listed under ("### Secretariat", "**Ana:**").
        self.group_owner = ""

    def line(self, lines: list[str], i: int) -> int:
        """Read the line at i (a table: all its lines); the index of the next line."""
        check_budget()
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            self.blank = True
            self.kept.append("")
            return i + 1
        head = heading(line)
        if self._label(plain(head[1] if head else stripped).strip("*_ "), bool(head)):
            return i + 1
        if self._owner_group(head[1] if head else stripped, bool(head)):
            return i + 1
        if head:
            self.mode = ""
            self.kept.append(line)
            return i + 1
        if TABLE_LINE.match(line) and (self.mode or _action_table_ahead(lines, i)):
            rows, i = read_table(lines, i)
            if self.mode == "actions" or not self.mode:
                self.actions.extend(actions_from_rows(rows, self.known_people))
            else:
                self.decisions.extend(listed_decision(" ".join(r)) for r in rows[1:])
            self.blank = False
            return i
        entry = list_item(line)
        if self.mode and (entry is not None or not self.blank or self.heading_mode):
            self._entry(entry, stripped)
        elif m := INLINE_ACTION.match(plain(stripped)):
            self.mode = ""
            self.actions.append(parse_action(m[1], self.known_people))
        elif entry is not None and CHECKBOX.match(entry):
            self.actions.append(parse_action(entry, self.known_people))
        else:
            self.mode = ""
            self.kept.append(line)
        self.blank = False
        return i + 1

    def _label(self, label: str, is_heading: bool) -> bool:
        """An "Action points:" or "Decisions:" label starts a list."""
        if ACTION_LABEL.match(label):
            self.mode = "actions"
        elif DECISION_LABEL.match(label):
            self.mode, self.listed = "decisions", True
        elif DOCUMENTS_LABEL.match(label):
            self.mode = "documents"
        else:
            return False
        self.heading_mode, self.blank = is_heading, False
        return True

    def _owner_group(self, text: str, is_heading: bool) -> bool:
        """In a list of actions, a heading or a bold line that names who does the tasks below."""
        if self.mode != "actions" or list_item(text) is not None:
            return False
        bold = re.fullmatch(r"(?:\*\*|__)(.+?):?(?:\*\*|__):?", text.strip())
        if not (is_heading or bold or text.rstrip().endswith(":")):
            return False
        name = plain(bold[1] if bold else text).rstrip(":").strip()
        if len(name.split()) > 5 or not owner_like(name, self.known_people):
            return False
        self.group_owner = name
        self.blank = False
        return True

    def _entry(self, entry: str | None, stripped: str) -> None:
        if self.mode == "documents":
            return
        text = entry if entry is not None else stripped
        found = self.actions if self.mode == "actions" else self.decisions
        # A wrapped line continues the entry above it.
        if entry is None and not self.blank and found:
            found[-1].text = f"{found[-1].text} {plain(text)}"
        elif self.mode == "actions":
            action = parse_action(text, self.known_people)
            action.owner = action.owner or self.group_owner
            self.actions.append(action)
        else:
            self.decisions.append(listed_decision(text))


def _action_table_ahead(lines: list[str], i: int) -> bool:
    """A table whose header names owners and tasks or due dates, under any heading."""
    return i < len(lines) and is_action_table(
        [plain(c) for c in lines[i].strip().strip("|").split("|")]
    )


def tidy(lines: list[str]) -> str:
    """Paragraphs as Markdown; a paragraph broken by a page break is joined again."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if heading(line):
            # A heading is a paragraph of its own, even with its text right below it.
            paragraphs += [p for p in (current, [line]) if p]
            current = []
        elif line.strip():
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
            and not heading(joined[-1][-1])
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
