"""Action points: labelled lists, inline markers, tables; owners and due dates."""

from __future__ import annotations

import re
from collections.abc import Iterable

from summaries.parser.dates import MONTH
from summaries.parser.model import Action
from summaries.parser.text import find_columns, plain, table_cell, without_reference

# ---------------------------------------------------------------------------------------------
# Action points

ACTION_LABEL = re.compile(
    r"^(?:(?:new\s+)?action\s+(?:points?|items?)|actions?|next\s+steps|aps|follow[- ]up\s+actions?"
    r"|action\s+log|to\s*dos?)(?:\s+agreed)?\s*:?$",
    re.I,
)
DECISION_LABEL = re.compile(
    r"^(?:decisions?|resolutions?|decisions?\s+(?:taken|made|reached)|outcomes?)\s*:?$", re.I
)
# The list of linked documents an exported summary gives: titles of files, not the record.
DOCUMENTS_LABEL = re.compile(r"^(?:linked\s+)?documents?\s*:?$", re.I)
INLINE_ACTION = re.compile(
    r"^\W*(?:action(?:\s+(?:items?|points?))?|ap|ai|todo)\s*[:–-]\s*(\S.*)$", re.I
)
CHECKBOX = re.compile(r"^\[[ xX✓]\]\s+\S+\s+\S+\s+\S")
# An action point's number in a tracker: "41/1", "A3", "#12", "AP-2", "2024-07".
_ACTION_ID = re.compile(r"^#?[A-Za-z]{0,4}[-\s]?\d+(?:[./-]\d+)*\.?$")
_ACTION_COLUMNS = {
    "text": ("action", "task", "what", "description", "item"),
    "owner": ("owner", "who", "responsib", "assign", "lead", "by whom"),
    "due": ("due", "deadline", "when", "date", "by when", "target"),
}
_OWNER_STOP = frozenset(
    [
        "to",
        "the",
        "this",
        "that",
        "it",
        "we",
        "they",
        "there",
        "continue",
        "continued",
        "note",
        "update",
        "status",
        "done",
        "decision",
        "action",
        "outcome",
        "proposal",
        "motion",
        "recommendation",
        "liaison",
        "question",
        "comment",
        "goal",
        "idea",
        "please",
        "revisit",
        "discuss",
        "bumped",
        "punt",
        "consider",
        "review",
        "draft",
        "develop",
        "finalize",
        "finalise",
        "ensure",
    ]
)
_TRAILER = re.compile(
    r"\s*\(((?:(?:owners?|responsible|lead|due|deadline)\s*:|due\s+|follows\s+from\s+)[^()]*)\)"
    r"\s*\.?\s*$",
    re.I,
)


def owner_like(candidate: str, known_people: set[str]) -> bool:
    words = re.findall(r"[\w'’.-]+", candidate)
    if not words or len(words) > 7 or re.search(r"[.?!;]", candidate):
        return False
    if words[0].lower() in _OWNER_STOP or not words[0][0].isupper():
        return False
    names = [w for w in words if w.lower() not in ("and", "&")]
    if any(w.lower() in known_people for w in names):
        return True
    if len(names) == 1 and re.search(r"(?:ed|ing)$", names[0]) and not names[0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in ("all", "team", "members", "board") for w in names)


_LEAD = re.compile(r"\((?:lead|owners?|responsible)\s*:\s*([^()]+)\)", re.I)
_PERIOD = (
    r"(?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?(?:"
    r"(?:first|second|1st|2nd)\s+half\s+(?:of\s+)?\d{4}|q[1-4]\s+\d{4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|{MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}|(?:the\s+)?(?:this\s+)?year"
    r"|(?:the\s+)?next\s+(?:meeting|session|call)|(?:the\s+)?following\s+meeting)"
)
_DUE_IN_TEXT = re.compile(
    rf"\b(?:by|before|until|no\s+later\s+than|in|at|during)\s+{_PERIOD}(?=\W*$|[\s,;.)])", re.I
)
_ALL_MEMBERS = re.compile(r"^(?:all|everyone|(?:all\s+)?(?:[\w-]+\s+){0,3}members)$", re.I)


def parse_action(text: str, known_people: Iterable[str] = ()) -> Action:
    """One action line: "Name: task", "Name to task", "task (Owner: X; Due: Y)"."""
    known = {k.lower() for k in known_people}
    text = without_reference(re.sub(r"^\[[ xX✓]\]\s*", "", plain(text)))
    owner = due = ""
    if m := _TRAILER.search(text):
        text = text[: m.start()].strip()
        owner, due = _trailer(m[1])
    if not owner and (m := _LEAD.search(text)):
        owner = m[1].strip()
    m = None if owner else re.match(r"^([^:]{1,60}):\s+(\S.*)$", text)
    if m and owner_like(m[1], known):
        owner = m[1].strip()
    m = None if owner else re.match(r"^(.{1,90}?)\s+(?:to|will|shall|should)\s+\w", text)
    # "DESA and IOM, as co-leads of the group, to present ...": the aside is not the owner.
    who = re.sub(r",\s*(?:as|in|with)\b[^,]*,?\s*$", "", m[1]).strip() if m else ""
    if who and owner_like(who, known):
        owner = who
    if not due and (
        m := re.search(r"[\s(,;-]+(?:due|deadline)\s*:?\s*([^()]+?)\)?\.?$", text, re.I)
    ):
        due = m[1].strip()
        text = text[: m.start()].strip()
    if not due and (m := _last(_DUE_IN_TEXT, text)):
        due = m[0].strip()
    if _ALL_MEMBERS.match(owner):
        owner = ""
    return Action(text=text.strip(), owner=owner, due=due)


def _last(pattern: re.Pattern, text: str) -> re.Match | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    return found


def _trailer(inner: str) -> tuple[str, str]:
    owner = due = ""
    for part in inner.split(";"):
        key, colon, value = part.partition(":")
        if not colon and key.strip().lower().startswith("due "):
            due = key.strip()[4:].strip()  # "due by 30 June 2024", as the export writes it
        elif key.strip().lower().startswith(("due", "deadline")):
            due = value.strip()
        elif colon:
            owner = value.strip()
        # Anything else ("follows from decision 2", as the export writes it) names no owner.
    return owner, due


def actions_from_rows(rows: list[list[str]], known_people: set[str]) -> list[Action]:
    if len(rows) < 2:
        return []
    columns = find_columns(rows[0], _ACTION_COLUMNS)
    text_at = _text_column(rows, columns)
    found = []
    for row in rows[1:]:
        text = table_cell(row, text_at)
        if not text:
            continue
        action = parse_action(text, known_people)
        action.owner = table_cell(row, columns.get("owner")) or action.owner
        action.due = table_cell(row, columns.get("due")) or action.due
        found.append(action)
    return found


def is_action_table(header: list[str]) -> bool:
    """A table that says who does what by when, wherever it stands."""
    columns = find_columns(header, _ACTION_COLUMNS)
    return "owner" in columns and ("due" in columns or "text" in columns)


def _text_column(rows: list[list[str]], columns: dict[str, int]) -> int:
    """The column named for the task, unless it holds numbers: then the wordiest one."""
    body = rows[1:]

    def ids_only(index: int) -> bool:
        cells = [table_cell(r, index) for r in body]
        return all(not c or _ACTION_ID.match(c) for c in cells) and any(cells)

    named = columns.get("text")
    if named is not None and not ids_only(named):
        return named
    taken = {columns.get("owner"), columns.get("due")}
    width = max(len(r) for r in rows)
    candidates = [k for k in range(width) if k not in taken and not ids_only(k)]
    if not candidates:
        return named or 0
    return max(candidates, key=lambda k: sum(len(table_cell(r, k).split()) for r in body))


# "Ann Lee to send ...", "ABC and Secretariat to ...": who does it, then "to" and a verb.
_NAMED = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
_PROSE_TASK = re.compile(
    rf"^\W*(?P<who>{_NAMED}(?:\s*(?:,|/|&|\band\b)\s*{_NAMED})*)\s+to\s+(?P<verb>[a-z]+)\b"
)
# Bodies that take tasks whether or not a list names them.
_OFFICES = frozenset(["secretariat", "chair", "chairs", "co-chairs", "cochairs", "all"])
_NOT_TASK_VERBS = frozenset(["be", "been", "date", "the"])


def prose_action(sentence: str, known_people: set[str]) -> Action | None:
    """A sentence of discussion that gives someone listed a task: "Ann Lee to send the figures."

    "X will ..." is not one: it reports what someone said, as in a transcript.
    """
    sentence = plain(sentence).strip()
    m = _PROSE_TASK.match(sentence)
    if not m or sentence.endswith("?") or m["verb"] in _NOT_TASK_VERBS:
        return None
    words = re.findall(r"[\w'’.-]+", m["who"])
    names = [w.strip(".").lower() for w in words if w.lower() not in ("and",)]
    if not names or not all(n in known_people or n in _OFFICES for n in names):
        return None
    action = parse_action(sentence, known_people)
    action.owner = action.owner or m["who"].strip()
    return action
