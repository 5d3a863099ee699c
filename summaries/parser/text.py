"""Inline markup, lines, headings, lists and tables."""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------------------------
# Inline text

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
_ADOC_LINK = re.compile(r"\b(?:https?://\S+?)\[([^\]]*)\]")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
SPACES = re.compile(r"\s+")
# The reference an exported summary ends a decision or action line with: "[EXCOM/2023/03/D1]".
_REFERENCE = re.compile(r"\s*\[[A-Z][A-Z0-9-]*(?:/[A-Za-z0-9-]+)+\]\s*$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


# The review state an exported summary states (draft, approved): the record's, not the meeting's.
_REVIEW_STATE = re.compile(
    r"^\s*(?:Draft: not circulated|Draft circulated for review: not approved"
    r"|Approved by (?:silence|the secretariat) on .*\d{4}.*\.)\s*$"
)


def without_reference(text: str) -> str:
    """A listed decision or action without the record's reference the export added."""
    return _REFERENCE.sub("", text)


def plain(text: str) -> str:
    """Inline markup removed: links keep their text, emphasis marks go."""
    text = _MD_LINK.sub(r"\1", text)
    text = _ADOC_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = text.replace("**", "").replace("__", "").replace("`", "")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return SPACES.sub(" ", text).strip()


def norm(text: str) -> str:
    """A title compared with another: lower case, no time boxes, numbering or punctuation."""
    text = plain(text).lower()
    text = re.sub(r"\[[^\]]*\]|\(\s*\d+\s*min[^)]*\)", " ", text)
    text = re.sub(NUMBERING, "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return SPACES.sub(" ", text).strip()


# "3.1 ", "2. ", "iv. " before a heading; not a year ("2024 annual report").
NUMBERING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]?|\d+\.|[ivx]+[.)])\s+", re.I)
_STOPWORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"]
)


def tokens(text: str) -> set[str]:
    return {t for t in norm(text).split() if t not in _STOPWORDS}


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[(\"'“‘])")
# A full stop after these is not the end of a sentence ("Mr. Lee", "Prof. Ito", "e.g. this").
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|No|Nos|Art|Para|vs|cf|approx|incl|Messrs|Rev|Hon|Gen|Col"
    r"|Capt|Sen|Rep|Gov|Amb|Fig|Vol|p|pp)|\b[A-Z]|\be\.g|\bi\.e|\betc)\.$"
)


def sentences(text: str) -> list[str]:
    """A paragraph cut into sentences, not at "Mr." or "Prof." or an initial."""
    out: list[str] = []
    for piece in SENTENCE_END.split(text):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


# ---------------------------------------------------------------------------------------------
# Lines

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ADOC_HEADING = re.compile(r"^(={1,6})\s+(\S.*?)\s*$")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*•+●▪◦]|\d{1,3}[.)]|[a-z][.)]|\.{1,3}(?=\s))\s+(.*\S)\s*$")
TABLE_LINE = re.compile(r"^\s*\|")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BLOCK_ATTRIBUTE = re.compile(r"^\[[a-z][\w-]*(?:=|,|\])[^\]]*\]?\s*$")
RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|'{3,})\s*$")


def heading(line: str) -> tuple[int, str] | None:
    m = _MD_HEADING.match(line) or _ADOC_HEADING.match(line)
    if not m:
        return None
    return len(m.group(1)), m.group(2)


def list_item(line: str) -> str | None:
    m = _LIST_ITEM.match(line)
    return m.group(2) if m else None


def normalise_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\ufeff", "").replace("\t", "    ").replace("\x0c", "\n")
    # AsciiDoc block attributes ([cols="3,2,1"], [source,python]) are layout, not text.
    lines = [
        "" if _BLOCK_ATTRIBUTE.match(line) or _REVIEW_STATE.match(line) else line.rstrip()
        for line in text.split("\n")
    ]
    return _setext_headings(_front_matter(lines))


_FRONT_KEY = re.compile(r"^[A-Za-z][\w-]*:(?:\s|$)")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")


def _front_matter(lines: list[str]) -> list[str]:
    """A YAML block of "key: value" lines between two "---" rules: its lines, without the rules."""
    start = next((n for n, line in enumerate(lines[:5]) if line.strip() == "---"), None)
    if start is None:
        return lines
    end = next((n for n in range(start + 1, len(lines)) if lines[n].strip() == "---"), None)
    inner = lines[start + 1 : end] if end else []
    if not inner or not all(_FRONT_KEY.match(ln) or not ln.strip() for ln in inner):
        return lines
    return [*lines[:start], *inner, "", *lines[end + 1 :]]


def _setext_headings(lines: list[str]) -> list[str]:
    """A title underlined with "===" or "---", alone in its paragraph, as a Markdown heading."""
    out = list(lines)
    for n in range(1, len(lines)):
        m = _SETEXT.match(lines[n])
        title = lines[n - 1].strip()
        alone = n < 2 or not lines[n - 2].strip()
        if not m or len(m[1]) < 3 or not title or not alone or heading(title):
            continue
        if list_item(title) is not None or TABLE_LINE.match(title) or RULE.match(title):
            continue
        out[n - 1], out[n] = ("#" if m[1][0] == "=" else "##") + " " + title, ""
    return out


# ---------------------------------------------------------------------------------------------
# Tables (Markdown pipes and AsciiDoc |=== blocks)


def read_table(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """Rows of the table starting at line i, and the index after it."""
    if lines[i].strip().startswith("|==="):
        return _read_adoc_table(lines, i)
    rows = []
    while i < len(lines) and TABLE_LINE.match(lines[i]):
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


def table_cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def find_columns(header: list[str], wanted: dict[str, tuple[str, ...]]) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(header):
        low = cell.lower()
        for key, words in wanted.items():
            if key not in found and any(w in low for w in words):
                found[key] = index
                break
    return found
