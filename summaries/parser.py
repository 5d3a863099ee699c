"""Read a meeting summary written for people and find its structure. No Django in here.

The input is text: plain (like the house sample), Markdown, AsciiDoc, or what
``documents.docx_reader`` makes of a Word file (Markdown headings, lists and pipe tables).
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
Action points come only from explicit markers ("Action Points:", "ACTION:", an action
table); the parser never turns "X will do Y" prose into an action.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lib import due as due_periods

PRESENT, APOLOGIES, REPRESENTED = "present", "apologies", "represented"
REGULAR, AOB = "regular", "aob"
DECISION_KINDS = ("endorsed", "agreed", "welcomed", "noted", "requested", "other")


@dataclass
class Participant:
    name: str
    title: str = ""
    organization: str = ""
    role: str = ""
    status: str = PRESENT
    represented_by: str = ""


@dataclass
class Decision:
    kind: str
    text: str


@dataclass
class Action:
    text: str
    owner: str = ""
    due: str = ""


@dataclass
class Item:
    title: str
    kind: str = REGULAR
    discussion: str = ""
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    # Decisions and actions the document lists for the whole meeting, not under an item.
    general: bool = False


@dataclass
class TimeSpan:
    start: str  # "HH:MM", 24 hours
    end: str = ""
    label: str = ""


@dataclass
class Summary:
    title: str = ""
    modality: str = ""
    location: str = ""
    date: datetime.date | None = None
    times: list[TimeSpan] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    agenda: list[str] = field(default_factory=list)
    opening_remarks: str = ""
    items: list[Item] = field(default_factory=list)
    # True when the items are only a fallback: the whole text held as one item.
    fallback_item: bool = False

    @property
    def present(self) -> list[Participant]:
        return [p for p in self.participants if p.status == PRESENT]

    @property
    def absent(self) -> list[Participant]:
        return [p for p in self.participants if p.status != PRESENT]

    @property
    def business_items(self) -> list[Item]:
        """The agenda items proper, without the holder of meeting-level outcomes."""
        return [i for i in self.items if not i.general]

    @property
    def decisions(self) -> list[Decision]:
        return [d for i in self.items for d in i.decisions]

    @property
    def actions(self) -> list[Action]:
        return [a for i in self.items for a in i.actions]

    @property
    def is_unstructured(self) -> bool:
        """Nothing recognised: no date, people, agenda, sections or outcomes."""
        return (
            self.date is None
            and not self.participants
            and not self.agenda
            and self.fallback_item
            and not self.decisions
            and not self.actions
        )

    def to_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Summary:
        return cls(
            title=data.get("title", ""),
            modality=data.get("modality", ""),
            location=data.get("location", ""),
            date=datetime.date.fromisoformat(data["date"]) if data.get("date") else None,
            times=[TimeSpan(**t) for t in data.get("times", [])],
            participants=[Participant(**p) for p in data.get("participants", [])],
            agenda=list(data.get("agenda", [])),
            opening_remarks=data.get("opening_remarks", ""),
            items=[
                Item(
                    title=i["title"],
                    kind=i.get("kind", REGULAR),
                    discussion=i.get("discussion", ""),
                    decisions=[Decision(**d) for d in i.get("decisions", [])],
                    actions=[Action(**a) for a in i.get("actions", [])],
                    general=i.get("general", False),
                )
                for i in data.get("items", [])
            ],
            fallback_item=data.get("fallback_item", False),
        )


# ---------------------------------------------------------------------------------------------
# Inline text

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
_ADOC_LINK = re.compile(r"\b(?:https?://\S+?)\[([^\]]*)\]")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_SPACES = re.compile(r"\s+")


def plain(text: str) -> str:
    """Inline markup removed: links keep their text, emphasis marks go."""
    text = _MD_LINK.sub(r"\1", text)
    text = _ADOC_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = text.replace("**", "").replace("__", "").replace("`", "")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return _SPACES.sub(" ", text).strip()


def _norm(text: str) -> str:
    """A title compared with another: lower case, no time boxes, numbering or punctuation."""
    text = plain(text).lower()
    text = re.sub(r"\[[^\]]*\]|\(\s*\d+\s*min[^)]*\)", " ", text)
    text = re.sub(_NUMBERING, "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return _SPACES.sub(" ", text).strip()


# "3.1 ", "2. ", "iv. " before a heading; not a year ("2024 annual report").
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|\d+\.|[ivx]+\.)\s+", re.I)
_STOPWORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"]
)


def _tokens(text: str) -> set[str]:
    return {t for t in _norm(text).split() if t not in _STOPWORDS}


# ---------------------------------------------------------------------------------------------
# Lines

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ADOC_HEADING = re.compile(r"^(={1,6})\s+(\S.*?)\s*$")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*•+●▪◦]|\d{1,3}[.)]|[a-z][.)]|\.{1,3}(?=\s))\s+(.*\S)\s*$")
_TABLE_LINE = re.compile(r"^\s*\|")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BLOCK_ATTRIBUTE = re.compile(r"^\[[a-z][\w-]*(?:=|,|\])[^\]]*\]?\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|'{3,})\s*$")


def _heading(line: str) -> tuple[int, str] | None:
    m = _MD_HEADING.match(line) or _ADOC_HEADING.match(line)
    if not m:
        return None
    return len(m.group(1)), m.group(2)


def _list_item(line: str) -> str | None:
    m = _LIST_ITEM.match(line)
    return m.group(2) if m else None


def _normalise_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\ufeff", "").replace("\t", "    ").replace("\x0c", "\n")
    # AsciiDoc block attributes ([cols="3,2,1"], [source,python]) are layout, not text.
    return ["" if _BLOCK_ATTRIBUTE.match(line) else line.rstrip() for line in text.split("\n")]


# ---------------------------------------------------------------------------------------------
# Dates and times

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})\b", re.I), "dmy"),
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "mdy"),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
]


def find_date(text: str) -> datetime.date | None:
    """The first date written in `text`, in any of the usual English forms."""
    found: list[tuple[int, datetime.date]] = []
    for pattern, order in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                if order == "dmy":
                    day = datetime.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
                elif order == "mdy":
                    day = datetime.date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
                else:
                    day = datetime.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
            found.append((m.start(), day))
            break
    return min(found)[1] if found else None


_CLOCK = r"(\d{1,2})(?:[.:h](\d{2}))?\s*([ap]\.?m\.?)?"
_SPAN = re.compile(
    rf"(?<![\d.:]){_CLOCK}\s*(?:[-–—]|to)\s*{_CLOCK}(?:\s*\(([^)]{{1,40}})\))?", re.I
)
_SINGLE = re.compile(rf"(?<![\d.:]){_CLOCK}\s*\(([^)]{{1,40}})\)", re.I)


def _clock(hour: str, minute: str | None, meridiem: str | None) -> str | None:
    h, m = int(hour), int(minute or 0)
    if meridiem:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if meridiem.lower().startswith("p") else 0)
    if h > 23 or m > 59:
        return None
    return f"{h:02d}:{m:02d}"


def find_times(text: str) -> list[TimeSpan]:
    """Start and end times with their zone labels: "10.00 – 11.30 (NY time)/15.00 (GVA time)"."""
    spans: list[TimeSpan] = []
    for m in _SPAN.finditer(text):
        # A bare "2 - 3" is not a time: ask for minutes or am/pm on at least one side.
        if not (m[2] or m[3] or m[5] or m[6]):
            continue
        start = _clock(m[1], m[2], m[3] or m[6])
        end = _clock(m[4], m[5], m[6])
        if start and end:
            spans.append(TimeSpan(start=start, end=end, label=plain(m[7] or "")))
    if spans:
        return spans
    for m in _SINGLE.finditer(text):
        if not (m[2] or m[3]):
            continue
        start = _clock(m[1], m[2], m[3])
        if start:
            spans.append(TimeSpan(start=start, label=plain(m[4])))
    return spans


def find_modality(text: str) -> str:
    low = text.lower()
    if "hybrid" in low:
        return "hybrid"
    if re.search(r"in[- ]person|face[- ]to[- ]face", low):
        return "in_person"
    if re.search(
        r"\bvirtual(?:ly)?\b|teleconference|\btelcon\b|video ?call|\bonline\b|\bzoom\b|"
        r"hangouts|webex|teams call|jitsi",
        low,
    ):
        return "virtual"
    return ""


# ---------------------------------------------------------------------------------------------
# Due dates: the inverse of lib.due.format_due, plus ISO and "30 June 2024".

_QUARTER = re.compile(r"^q([1-4])\s+(\d{4})$", re.I)
_HALF = re.compile(r"^(first|second|1st|2nd)\s+half\s+(?:of\s+)?(\d{4})$", re.I)
_MONTH_YEAR = re.compile(rf"^{_MONTH}\s+(\d{{4}})$", re.I)
_YEAR = re.compile(r"^(\d{4})$")


def parse_due(text: str) -> tuple[datetime.date | None, str]:
    """A due date and its precision from text: ("by 30 June 2024") -> (date, "day")."""
    text = plain(text).strip().rstrip(".").strip()
    text = re.sub(r"^(?:by|before|due|until|end of|by the end of)\s+", "", text, flags=re.I)
    if not text or text.lower() in ("no date", "none", "tbd", "n/a", "-"):
        return None, due_periods.NONE
    if m := _QUARTER.match(text):
        day = datetime.date(int(m[2]), int(m[1]) * 3, 1)
        return due_periods.period_end(day, due_periods.QUARTER), due_periods.QUARTER
    if m := _HALF.match(text):
        month = 1 if m[1].lower() in ("first", "1st") else 12
        day = datetime.date(int(m[2]), month, 1)
        return due_periods.period_end(day, due_periods.HALF), due_periods.HALF
    if m := _MONTH_YEAR.match(text):
        day = datetime.date(int(m[2]), _MONTHS[m[1].lower()], 1)
        return due_periods.period_end(day, due_periods.MONTH), due_periods.MONTH
    if m := _YEAR.match(text):
        return datetime.date(int(m[1]), 12, 31), due_periods.YEAR
    day = find_date(text)
    if day is not None:
        return day, due_periods.DAY
    return None, due_periods.NONE


# ---------------------------------------------------------------------------------------------
# Tables (Markdown pipes and AsciiDoc |=== blocks)


def _read_table(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """Rows of the table starting at line i, and the index after it."""
    if lines[i].strip().startswith("|==="):
        return _read_adoc_table(lines, i)
    rows = []
    while i < len(lines) and _TABLE_LINE.match(lines[i]):
        if not _TABLE_SEPARATOR.match(lines[i]):
            cells = [plain(c) for c in lines[i].strip().strip("|").split("|")]
            rows.append(cells)
        i += 1
    return rows, i


def _read_adoc_table(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    i += 1
    cells: list[str] = []
    header: list[str] = []
    while i < len(lines) and not lines[i].strip().startswith("|==="):
        line = lines[i].strip()
        if line.startswith("|"):
            parts = [plain(c) for c in line[1:].split("|")]
            if not header and not cells and len(parts) > 1:
                header = parts
            else:
                cells.extend(parts)
        elif line and cells:
            cells[-1] = f"{cells[-1]} {plain(line)}".strip()
        i += 1
    width = len(header) or 1
    rows = [header] if header else []
    rows += [cells[k : k + width] for k in range(0, len(cells), width)]
    return rows, i + 1


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _columns(header: list[str], wanted: dict[str, tuple[str, ...]]) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(header):
        low = cell.lower()
        for key, words in wanted.items():
            if key not in found and any(w in low for w in words):
                found[key] = index
                break
    return found


# ---------------------------------------------------------------------------------------------
# Participants

_PARTICIPANT_LABEL = re.compile(
    r"\b(?:participants?|attendees?|attendance|present|regrets|apolog(?:y|ies)|absent|excused)\b",
    re.I,
)
_APOLOGY_WORDS = re.compile(r"\b(?:regrets|apolog(?:y|ies)|absent|excused|unable)\b", re.I)
_INLINE_ROLL = re.compile(
    r"^\W*(present|attendees|participants|attendance|regrets|apologies|absent)\s*:\s*(\S.*)$", re.I
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&/\-]{1,11}$")
_ROLE_WORDS = re.compile(
    r"chair|organi[sz]er|secretar|scribe|treasurer|coordinator|facilitat|rapporteur|moderat|"
    r"note[- ]?taker|host|observer|guest|assistant|president|minute",
    re.I,
)
_PARTICIPANT_COLUMNS = {
    "name": ("name", "participant", "attendee", "person"),
    "organization": ("company", "organi", "org", "entity", "affiliation", "agency", "member"),
    "title": ("title", "position", "function"),
    "role": ("role",),
}


def _is_participant_label(line: str) -> bool:
    text = plain(line).strip()
    return (
        text.endswith(":")
        and len(text.split()) <= 12
        and bool(_PARTICIPANT_LABEL.search(text))
        and not re.search(r"\bagenda\b", text, re.I)
    )


def parse_participant(text: str, known: set[str], status: str = PRESENT) -> Participant | None:
    """One attendance line: "Name, Title, Unit, ORGANISATION, role" and its variants."""
    text = plain(text).strip().rstrip(";.").strip()
    if not text or text.endswith(":") or len(text) > 300:
        return None
    represented_by = ""
    if m := re.match(r"^(.*?),?\s+represented by\s+(.+)$", text, re.I):
        text, represented_by, status = m[1].strip(), m[2].strip(), REPRESENTED
    if m := re.match(
        r"^(.*?)\s*[(\[-]\s*(?:apologies|regrets|excused|absent)\s*[)\]]?$", text, re.I
    ):
        text, status = m[1].strip(), APOLOGIES
    role = ""
    if (m := re.match(r"^(.*?)\s*\(([^()]+)\)$", text)) and _ROLE_WORDS.search(m[2]):
        text, role = m[1].strip(), m[2].strip()
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return None
    name, rest = parts[0], parts[1:]
    if len(name.split()) > 6:
        return None
    title = organization = ""
    if rest:
        at = None
        for index in range(len(rest) - 1, -1, -1):
            if rest[index].lower() in known or _ACRONYM.match(rest[index]):
                at = index
                break
        if at is None:
            at = len(rest) - 1
        organization = rest[at]
        title = ", ".join(rest[:at])
        extra = ", ".join(rest[at + 1 :])
        role = ", ".join(r for r in (extra, role) if r)
    return Participant(
        name=name,
        title=title,
        organization=organization,
        role=role,
        status=status,
        represented_by=represented_by,
    )


def _participants_from_rows(rows: list[list[str]], status: str, known: set[str]) -> list:
    if not rows:
        return []
    columns = _columns(rows[0], _PARTICIPANT_COLUMNS)
    if "name" not in columns:
        return []
    found = []
    for row in rows[1:]:

        def cell(key: str, row: list[str] = row) -> str:
            return _cell(row, columns.get(key))

        person = parse_participant(cell("name"), known, status)
        if person is None:
            continue
        person.organization = cell("organization") or person.organization
        person.title = cell("title") or person.title
        person.role = cell("role") or person.role
        found.append(person)
    return found


def _participants_from_block(
    lines: list[str], known: set[str], status: str = PRESENT, on: datetime.date | None = None
) -> list[Participant]:
    """A list of attendees: bullets, plain lines or a table, possibly in dated groups."""
    groups: list[tuple[datetime.date | None, list[Participant]]] = [(None, [])]
    i = 0
    while i < len(lines):
        line = lines[i]
        text = plain(line)
        head = _heading(line)
        if head:
            text = plain(head[1])
        if not text or _RULE.match(line):
            i += 1
            continue
        if _TABLE_LINE.match(line):
            rows, i = _read_table(lines, i)
            groups[-1][1].extend(_participants_from_rows(rows, status, known))
            continue
        if m := _INLINE_ROLL.match(text):
            roll_status = APOLOGIES if _APOLOGY_WORDS.search(m[1]) else PRESENT
            for name in re.split(r",|;|\band\b", m[2]):
                if person := parse_participant(name, known, roll_status):
                    groups[-1][1].append(person)
            i += 1
            continue
        if head or text.endswith(":"):
            day = find_date(text)
            if day is not None and len(text.split()) <= 5:
                groups.append((day, []))
            elif _APOLOGY_WORDS.search(text):
                status = APOLOGIES
            elif _PARTICIPANT_LABEL.search(text) or head:
                status = PRESENT
            i += 1
            continue
        entry = _list_item(line)
        candidate = entry if entry is not None else text
        # Prose in the middle of a list is a remark, not a person.
        if entry is None and (len(candidate.split()) > 14 or candidate.endswith(".")):
            i += 1
            continue
        if person := parse_participant(candidate, known, status):
            groups[-1][1].append(person)
        i += 1
    dated = [g for g in groups if g[0] is not None and g[1]]
    if dated:
        match = [g for g in dated if g[0] == on]
        return (match or dated)[0][1]
    return [p for _, people in groups for p in people]


def _collect_after_label(lines: list[str], i: int, *, allow_plain: bool) -> tuple[list[str], int]:
    """The list that follows a label line at i-1: bullets, table rows, short plain lines."""
    taken: list[str] = []
    blank = False
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            blank = True
            i += 1
            continue
        if _heading(line):
            break
        text = plain(line)
        if (
            _TABLE_LINE.match(line)
            or _list_item(line) is not None
            or _is_participant_label(line)
            or _INLINE_ROLL.match(text)
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


# ---------------------------------------------------------------------------------------------
# Decisions

_DECISION_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("agreed", re.compile(r"\bRESOLVED\b|^\W*RESOLUTION\b")),
    (
        "endorsed",
        re.compile(
            r"\b(?:was|were|is|are)\s+(?:\w+ly\s+|also\s+)?(?:endorsed|adopted|approved)\b"
            r"|^\W*outcome\W*\s*(?:adopted|approved|endorsed|accepted)",
            re.I,
        ),
    ),
    (
        "welcomed",
        re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+|also\s+)?welcomed\b|\bwell[- ]received\b", re.I),
    ),
    (
        "agreed",
        re.compile(
            r"\b(?:it|this|that|which)\s+was\s+(?:\w+\s+)?agreed\b|\b(?:was|were)\s+agreed\b"
            r"|\bthe\s+(?:meeting|committee|board|principals|members|participants|team|group|"
            r"network|council|steering committee|working group)\s+(?:\w+ly\s+)?agreed\s+(?:to|that|on|upon)\b"
            r"|\bthere\s+was\s+(?:a\s+)?(?:general\s+)?(?:consensus|agreement)\b|^\W*consensus\s*:"
            r"|\bgeneral\s+agreement\b|\bby\s+consensus\b"
            r"|\bmotion\b.*\b(?:passed|carried)\b|\bseconded\W+(?:and\s+)?passed\b"
            r"|^\W*(?:motion\s+)?(?:passed|carried)\W*$",
            re.I,
        ),
    ),
    (
        "noted",
        re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+|also\s+)?noted\b|\btook\s+note\s+of\b", re.I),
    ),
    (
        "requested",
        re.compile(
            r"\b(?:was|were)\s+(?:\w+ly\s+|also\s+)?requested\s+to\b|\b(?:it|this)\s+was\s+requested\b",
            re.I,
        ),
    ),
]
_KIND_PREFIX = re.compile(r"^(endorsed|agreed|welcomed|noted|requested|other)\s*:\s*(.+)$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[(\"'“‘])")


def decision_kind(text: str) -> str | None:
    for kind, pattern in _DECISION_PATTERNS:
        if pattern.search(text):
            return kind
    return None


def _listed_decision(text: str) -> Decision:
    text = plain(text)
    if m := _KIND_PREFIX.match(text):
        return Decision(kind=m[1].lower(), text=m[2].strip())
    kind = decision_kind(text)
    if kind is None:
        low = text.lower()
        kind = next(
            (
                k
                for k, words in (
                    ("endorsed", ("endorse", "adopt", "approv")),
                    ("welcomed", ("welcom",)),
                    ("noted", ("note",)),
                    ("requested", ("request",)),
                )
                if any(low.startswith(w) or f" {w}" in low for w in words)
            ),
            "agreed",
        )
    return Decision(kind=kind, text=text)


def _decisions_in_prose(discussion: str) -> list[Decision]:
    found: list[Decision] = []
    previous = ""
    for block in re.split(r"\n\s*\n", discussion):
        for line in _units(block):
            if line.startswith("#"):
                previous = ""
                continue
            unit = plain(_list_item(line) or line)
            if not unit:
                continue
            # A whole line first ("GD: seconded. Passed"), then sentence by sentence.
            kind = decision_kind(unit) if len(unit) < 60 else None
            sentences = [unit] if kind else _SENTENCE_END.split(unit)
            for sentence in sentences:
                kind = decision_kind(sentence)
                if kind:
                    text = sentence.strip()
                    # "This was agreed." says nothing alone: keep what was agreed with it.
                    if len(text) < 40 and previous:
                        text = f"{previous} {text}"
                    found.extend(Decision(kind=kind, text=t) for t in _split_elliptical(text))
                previous = sentence.strip()
    return found


_ELLIPSIS = re.compile(
    r"^(?P<first>.*?\b(?P<verb>was|were)\s+(?P<done>\w+))\s*,\s*(?:and\s+)?(?:as|so)\s+"
    r"(?:was|were)\s+(?P<second>.+?)\.?$",
    re.I,
)


def _split_elliptical(text: str) -> list[str]:
    """ "X were welcomed, and as were Y." records two outcomes: X, and Y that "were welcomed"."""
    m = _ELLIPSIS.match(text)
    if not m or len(m["second"].split()) < 3:
        return [text]
    second = m["second"].strip()
    second = second[0].upper() + second[1:]
    return [f"{m['first']}.", f"{second} {m['verb']} {m['done']}."]


def _units(block: str) -> list[str]:
    """A paragraph as one unit, or each list item of a list as one unit."""
    lines = [ln for ln in block.split("\n") if ln.strip()]
    if any(_list_item(ln) is not None for ln in lines) or any(ln.startswith("#") for ln in lines):
        return lines
    return [" ".join(ln.strip() for ln in lines)]


# ---------------------------------------------------------------------------------------------
# Action points

_ACTION_LABEL = re.compile(
    r"^(?:(?:new\s+)?action\s+(?:points?|items?)|actions?|next\s+steps|aps|follow[- ]up\s+actions?"
    r"|action\s+log|to\s*dos?)(?:\s+agreed)?\s*:?$",
    re.I,
)
_DECISION_LABEL = re.compile(
    r"^(?:decisions?|resolutions?|decisions?\s+(?:taken|made|reached)|outcomes?)\s*:?$", re.I
)
_INLINE_ACTION = re.compile(r"^\W*(?:action(?:\s+(?:item|point))?|ap|todo)\s*[:–-]\s*(\S.*)$", re.I)
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
    r"\s*\(((?:owners?|responsible|lead|due|deadline)\s*:[^()]*)\)\s*\.?\s*$", re.I
)


def _owner_like(candidate: str, known_people: set[str]) -> bool:
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


def parse_action(text: str, known_people: Iterable[str] = ()) -> Action:
    """One action line: "Name: task", "Name to task", "task (Owner: X; Due: Y)"."""
    known = {k.lower() for k in known_people}
    text = plain(text)
    owner = due = ""
    if m := _TRAILER.search(text):
        text = text[: m.start()].strip()
        for part in m[1].split(";"):
            key, _, value = part.partition(":")
            if key.strip().lower().startswith(("due", "deadline")):
                due = value.strip()
            else:
                owner = value.strip()
    m = None if owner else re.match(r"^([^:]{1,60}):\s+(\S.*)$", text)
    if m and _owner_like(m[1], known):
        owner, text = m[1].strip(), m[2].strip()
    m = None if owner else re.match(r"^(.{1,60}?)\s+(?:to|will|shall|should)\s+\w", text)
    if m and _owner_like(m[1], known):
        owner = m[1].strip()
    if not due and (
        m := re.search(r"[\s(,;-]+(?:due|deadline)\s*:?\s*([^()]+?)\)?\.?$", text, re.I)
    ):
        due = m[1].strip()
        text = text[: m.start()].strip()
    return Action(text=text.strip(), owner=owner, due=due)


def _actions_from_rows(rows: list[list[str]], known_people: set[str]) -> list[Action]:
    if len(rows) < 2:
        return []
    columns = _columns(rows[0], _ACTION_COLUMNS)
    text_at = columns.get("text", 0)
    found = []
    for row in rows[1:]:
        text = _cell(row, text_at)
        if not text:
            continue
        action = parse_action(text, known_people)
        action.owner = _cell(row, columns.get("owner")) or action.owner
        action.due = _cell(row, columns.get("due")) or action.due
        found.append(action)
    return found


# ---------------------------------------------------------------------------------------------
# A section's body: discussion, decisions, action points


@dataclass
class _Body:
    discussion: str
    decisions: list[Decision]  # listed under a "Decisions" label
    prose: list[Decision]  # found in sentences of the discussion
    actions: list[Action]
    listed_decisions: bool


def _scan_body(
    lines: list[str],
    known_people: set[str],
    *,
    mode: str = "",
    prose_decisions: bool = True,
) -> _Body:
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
        head = _heading(line)
        label = plain(head[1] if head else stripped).strip("*_ ")
        if _ACTION_LABEL.match(label):
            mode, heading_mode, blank = "actions", bool(head), False
            i += 1
            continue
        if _DECISION_LABEL.match(label):
            mode, heading_mode, blank, listed = "decisions", bool(head), False, True
            i += 1
            continue
        if head:
            mode = ""
            kept.append(line)
            i += 1
            continue
        if mode and _TABLE_LINE.match(line):
            rows, i = _read_table(lines, i)
            if mode == "actions":
                actions.extend(_actions_from_rows(rows, known_people))
            else:
                decisions.extend(_listed_decision(" ".join(r)) for r in rows[1:])
            blank = False
            continue
        entry = _list_item(line)
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
                decisions.append(_listed_decision(text))
            blank = False
            i += 1
            continue
        mode = ""
        if m := _INLINE_ACTION.match(stripped):
            actions.append(parse_action(m[1], known_people))
            blank = False
            i += 1
            continue
        kept.append(line)
        blank = False
        i += 1
    discussion = _tidy(kept)
    prose = _decisions_in_prose(discussion) if prose_decisions else []
    return _Body(discussion, decisions, prose, actions, listed)


def _tidy(lines: list[str]) -> str:
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
            and _list_item(para[0]) is None
            and not re.search(r"[.:;!?)\]]$", joined[-1][-1].strip())
            and _list_item(joined[-1][-1]) is None
        ):
            joined[-1][-1] = f"{joined[-1][-1].rstrip()} {first}"
            joined[-1].extend(para[1:])
        elif joined and _list_item(para[0]) is not None and _list_item(joined[-1][-1]) is not None:
            # One list, even when a Word file puts each bullet in its own paragraph.
            joined[-1].extend(para)
        else:
            joined.append(para)
    out = []
    for para in joined:
        if any(_list_item(ln) is not None or _TABLE_LINE.match(ln) for ln in para):
            out.append("\n".join(ln.rstrip() for ln in para))
        else:
            out.append(" ".join(ln.strip() for ln in para))
    return "\n\n".join(p for p in out if p.strip() and not _RULE.match(p))


# ---------------------------------------------------------------------------------------------
# Whole documents

_AGENDA_LABEL = re.compile(r"\bagenda\b", re.I)
_AOB = re.compile(
    r"^(?:aob|a\.o\.b\.?|any\s+other\s+business|other\s+business|miscellaneous)\b\s*[:.\-–]?\s*(.*)$",
    re.I,
)
_SUMMARY_WORD = re.compile(r"^(?:summary|minutes|draft|summary record|record)\W*$", re.I)


def parse(text: str, *, known_organizations: Iterable[str] = ()) -> Summary:
    """Find the meeting in a summary's text. `known_organizations`: acronyms and names."""
    known = {k.strip().lower() for k in known_organizations if k and k.strip()}
    lines = _normalise_lines(text)
    headings = [i for i, line in enumerate(lines) if _heading(line)]
    structured = len(headings) >= 2
    summary = _parse_structured(lines, known) if structured else _parse_plain(lines, known)
    summary.title = summary.title[:300]
    return summary


def _header_facts(summary: Summary, header: str) -> None:
    if summary.date is None:
        summary.date = find_date(header)
    if not summary.times:
        summary.times = find_times(header)
    if not summary.modality:
        summary.modality = find_modality(header)


def _is_header_line(line: str) -> bool:
    text = plain(line)
    return bool(
        _SUMMARY_WORD.match(text)
        or (find_date(text) and len(text.split()) <= 8)
        or (find_times(text) and len(text.split()) <= 16)
    )


def _known_people(summary: Summary) -> set[str]:
    names = set()
    for p in summary.participants:
        names.update(w.lower() for w in p.name.split())
        names.add(p.organization.lower())
    return {n for n in names if n}


def _parse_plain(lines: list[str], known: set[str]) -> Summary:
    summary = Summary()
    i = 0
    # A lone heading is the title, whatever comes before it (a source line, front matter).
    first_heading = next((n for n, line in enumerate(lines) if _heading(line)), None)
    if first_heading is not None:
        i = first_heading
    while i < len(lines) and not lines[i].strip():
        i += 1
    first_line: list[str] = []
    if i < len(lines):
        head = _heading(lines[i])
        # A title is a line, not a page: a text with no line breaks is not read as one.
        summary.title = plain((head[1] if head else lines[i])[:1000])
        first_line = [] if head else [lines[i], ""]
        i += 1
    _header_facts(summary, summary.title)
    opening: list[str] = []
    body_start = len(lines)
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if _is_participant_label(line) or _INLINE_ROLL.match(plain(line)):
            inline = _INLINE_ROLL.match(plain(line))
            block, i = _collect_after_label(lines, i + 1, allow_plain=True)
            if inline:
                block = [line, *block]
            status = APOLOGIES if _APOLOGY_WORDS.search(plain(line)) else PRESENT
            summary.participants += _participants_from_block(block, known, status, summary.date)
            continue
        if plain(line).endswith(":") and _AGENDA_LABEL.search(line) and not summary.agenda:
            block, i = _collect_after_label(lines, i + 1, allow_plain=False)
            summary.agenda = [_agenda_entry(b) for b in block if _agenda_entry(b)]
            continue
        if _is_header_line(line) and not summary.agenda and not opening:
            _header_facts(summary, plain(line))
            i += 1
            continue
        body_start = i
        break
    body = lines[body_start:]
    items, opening = _split_plain_body(body, summary.agenda)
    known_people = _known_people(summary)
    summary.opening_remarks = _tidy(opening)
    scans = [(title, kind, _scan_body(chunk, known_people)) for title, kind, chunk in items]
    listed = any(scan.listed_decisions for _, _, scan in scans)
    for title, kind, scanned in scans:
        summary.items.append(
            Item(
                title=title,
                kind=kind,
                discussion=scanned.discussion,
                decisions=_outcomes(scanned, listed),
                actions=scanned.actions,
            )
        )
    if not summary.items:
        # Nothing divides the text: keep it whole, as one item the secretariat can rework.
        if summary.date is None and not summary.participants and not summary.agenda:
            opening = first_line + opening
        scanned = _scan_body(opening, known_people)
        summary.opening_remarks = ""
        summary.fallback_item = True
        summary.items.append(
            Item(
                title="Discussion",
                discussion=scanned.discussion,
                decisions=_outcomes(scanned, False),
                actions=scanned.actions,
            )
        )
    return summary


def _outcomes(scanned: _Body, listed_anywhere: bool) -> list[Decision]:
    """A document that lists its decisions anywhere is trusted to list them all."""
    return scanned.decisions if listed_anywhere else scanned.prose + scanned.decisions


def _agenda_entry(line: str) -> str:
    text = plain(_list_item(line) or line)
    text = re.sub(r"(?:;\s*and|;|,\s*and|\s+and)?\s*[.;,]?\s*$", "", text).strip()
    return text


def _matches_entry(line: str, entry: str) -> bool:
    want, got = _tokens(entry), _tokens(line)
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
            text
            and _list_item(line) is None
            and len(text) <= 400
            and not re.search(r"[.!?]$", text)
        )
        aob = _AOB.match(text) if text and len(text) < 200 else None
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


# -- structured documents ----------------------------------------------------------------------


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
        head = _heading(line)
        if head:
            level = head[0]
            continue
        entry = _list_item(line)
        if not level or entry is None or line[:1].isspace() or not entry.startswith(("[", "**")):
            continue
        before = lines[i - 1].strip() if i else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else "x"
        following = next((ln for ln in lines[i + 2 :] if ln.strip()), "")
        if (
            before == ""
            and after == ""
            and following
            and not _heading(following)
            and _list_item(following) is None
            and not _TABLE_LINE.match(following)
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
        head = _heading(line)
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


def _parse_structured(lines: list[str], known: set[str]) -> Summary:
    summary = Summary()
    title, preamble, roots = _tree(lines)
    summary.title = title
    _header_facts(summary, title)
    # A heading that is only a date ("20 March 2018") belongs to the header.
    flat: list[_Node] = []
    for node in roots:
        if find_date(node.title) and len(node.title.split()) <= 5:
            _header_facts(summary, node.title)
            preamble = preamble + node.body
            flat.extend(node.children)
        else:
            flat.append(node)
    header_text = "\n".join(plain(ln) for ln in preamble)
    _header_facts(summary, header_text)
    opening: list[str] = []
    participant_lines: list[tuple[list[str], str]] = []
    location: list[str] = []
    _read_preamble(preamble, participant_lines, opening, location)
    summary.location = location[0][:200] if location else ""
    for node in flat:
        if _META_HEADING.match(node.title):
            _header_facts(summary, "\n".join(plain(ln) for ln in node.all_lines()))
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
        summary.participants += _participants_from_block(block, known, status, summary.date)
    known_people = _known_people(summary)

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
                entry = _list_item(line)
                if entry is not None and not line[:1].isspace():
                    summary.agenda.append(_agenda_entry(line))
                elif line.strip() and entry is None:
                    opening.append(line)
            continue
        if kind in ("decisions", "actions"):
            scanned = _scan_body(node.all_lines(), known_people, mode=kind)
            general.decisions += scanned.decisions
            general.actions += scanned.actions
            continue
        scanned = _scan_body(node.all_lines(), known_people)
        explicit_decisions = explicit_decisions or scanned.listed_decisions
        if not scanned.discussion and not scanned.decisions and not scanned.actions:
            continue
        item_title, item_kind = node.title.rstrip(":").strip(), REGULAR
        item_title = re.sub(r"\s*\[[^\]]*\]\s*$", "", item_title).strip()
        item_title = re.sub(_NUMBERING, "", item_title).strip() or node.title
        if kind == "aob":
            item_kind = AOB
            rest = _AOB.match(item_title)
            item_title = (rest[1] if rest and rest[1] else item_title) or "AOB"
        decisions = scanned.decisions
        if _APPROVED_HEADING.search(item_title):
            entries = [plain(e) for ln in node.all_lines() if (e := _list_item(ln))]
            what = "; ".join(entries) or plain(scanned.discussion)[:300]
            decisions = [Decision(kind="endorsed", text=f"{item_title}: {what}"), *decisions]
        key = _norm(item_title)
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
    remarks = _scan_body(opening, known_people, prose_decisions=False)
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
        if _is_participant_label(line) or _INLINE_ROLL.match(text):
            block, i = _collect_after_label(preamble, i + 1, allow_plain=True)
            status = APOLOGIES if _APOLOGY_WORDS.search(text) else PRESENT
            if _INLINE_ROLL.match(text):
                block = [line, *block]
            participant_lines.append((block, status))
            continue
        if m := re.match(r"^(?:location|venue|place)\s*:\s*(\S.*)$", text, re.I):
            location.append(m[1].strip())
            i += 1
            continue
        if _is_header_line(line) or _RULE.match(line) or re.match(r"^:\w+:", text):
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
    title = re.sub(_NUMBERING, "", title)
    if _APOLOGY_HEADING.match(title):
        return "apologies"
    if _ACTION_LABEL.match(title):
        return "actions"
    if _DECISION_LABEL.match(title):
        return "decisions"
    if _AOB.match(title):
        return "aob"
    if _PARTICIPANT_HEADING.search(title) and len(title.split()) <= 5:
        return "participants"
    if node.children and not nested and _CONTAINER.search(title):
        own_words = len(" ".join(plain(ln) for ln in node.body).split())
        if own_words < 60:
            return "container"
    if _AGENDA_LABEL.search(title) and len(title.split()) <= 12:
        return "agenda"
    if _OPENING_HEADING.match(title):
        return "opening"
    if _META_HEADING.match(title) and not node.children:
        return "meta"
    return "item"
