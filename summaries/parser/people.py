"""One person's attendance line, and an inline roll split into such lines."""

from __future__ import annotations

import re

from summaries.parser.model import APOLOGIES, PRESENT, REPRESENTED, Participant
from summaries.parser.text import plain

ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&/\-]{1,11}$")
ROLE_WORDS = re.compile(
    r"chair|organi[sz]er|secretar(?!iat)|scribe|treasurer|coordinator|facilitat|rapporteur|moderat|"
    r"note[- ]?taker|host|observer|guest|assistant|president|minute|member|lead\b|liaison|"
    r"convener|invited|speaker|presenter|staff",
    re.I,
)
_REPRESENTED_BY = re.compile(r"^(.*?),?\s*\(?\s*represented by\s+([^()]+?)\s*\)?$", re.I)
_REPRESENTING = re.compile(r"^(?:representing|on behalf of|for)\s+(?:the\s+)?(.+)$", re.I)
_ABSENT = re.compile(r"^(.*?)\s*[(\[-]\s*(?:apologies|regrets|excused|absent)\s*[)\]]?$", re.I)
_PARENTHESIS = re.compile(r"^(.*?)\s*\(([^()]+)\)$")
_LABEL = re.compile(r"^([A-Za-z][\w .&/-]{0,40}?)\s*:\s*(\S.*)$")
_HANDLE = re.compile(r"(?:^|\s)@[\w.-]+|<[^<>@\s]+@[^<>\s]+>|\S+@\S+\.\w+")
_ORG_FIRST = re.compile(r"^(.+?)\s+was\s+represented\s+by\s+(.+)$", re.I)
_CHECKBOX = re.compile(r"^\[([ xX✓])\]\s*(.*)$")
_ALIAS = re.compile(r"^(?:aka|a\.k\.a\.?|also\s+known\s+as|known\s+as)\b", re.I)
_NAME_WORD = re.compile(r"^[\w'’.-]+$")


def split_roll(text: str) -> list[str]:
    """The entries of an inline list of people: by ";", after "(Org)", else by commas."""
    text = plain(text).strip().rstrip(".")
    if ";" in text:
        parts = text.split(";")
    elif re.search(r"\)\s*(?:,|\band\b)", text) and not _names_only(text):
        parts = re.split(r"(?<=\))\s*(?:,\s*(?:and\s+)?|\band\b)\s*", text)
    else:
        parts = _outside_parentheses(text)
    return [re.sub(r"^and\s+", "", p.strip()) for p in parts if p.strip()]


def _outside_parentheses(text: str) -> list[str]:
    """Split at commas, "and" and "&", but not inside "( )"."""
    parts, depth, start = [], 0, 0
    for m in re.finditer(r"[()]|,\s*(?:and\s+)?|\s+and\s+|\s+&\s+", text):
        if m[0] in "()":
            depth = max(0, depth + (1 if m[0] == "(" else -1))
        elif depth == 0:
            parts.append(text[start : m.start()])
            start = m.end()
    parts.append(text[start:])
    return parts


def _names_only(text: str) -> bool:
    """ "A B, C D (chair), E F": every entry a name of two words or more, some annotated.

    Then the parentheses are remarks on a few names, not the end of each entry as in
    "A B, Director, UNHCR (chair), C D, Officer, UNICEF".
    """
    parts = [re.sub(r"\s*\([^()]*\)", "", p).strip() for p in _outside_parentheses(text)]
    return len(parts) >= 3 and all(
        2 <= len(p.split()) <= 6
        and all(w[:1].isupper() or w.islower() and len(w) <= 3 for w in p.split())
        and not ROLE_WORDS.search(p)
        for p in parts
    )


def _is_org(label: str, known: set[str]) -> bool:
    if label.lower() in known:
        return True
    return bool(ACRONYM.match(label)) and sum(c.isupper() for c in label) >= 2


def _parenthesis(text: str, known: set[str], found: dict) -> str:
    """Take the trailing "(...)": a representation, a role, an organisation or absence."""
    while m := _PARENTHESIS.match(text):
        inner = m[2].strip()
        if _ALIAS.match(inner):
            pass  # another name for the same person
        elif rep := _REPRESENTING.match(inner):
            found["representing"] = rep[1].strip()
        elif _is_org(inner, known) and not found.get("organization"):
            found["organization"] = inner
        elif ROLE_WORDS.search(inner) and len(inner.split()) <= 5:
            found["role"] = inner[0].upper() + inner[1:]
        elif len(inner.split()) <= 6 and not found.get("organization"):
            found["organization"] = inner
        else:
            break
        text = m[1].strip()
    return text


def _name_part(name: str, found: dict, known: set[str]) -> str | None:
    """The name, with a leading label ("Chair: X", "IBM: X") read as a role or organisation."""
    name = re.sub(r"[*_]+", "", name).strip()
    if re.fullmatch(r"@[\w.-]+", name):
        # Known only by a handle: the handle is the name.
        return name[1:]
    if m := _LABEL.match(name):
        label, name = m[1].strip(), m[2].strip()
        if ROLE_WORDS.search(label):
            found.setdefault("role", label)
        else:
            found.setdefault("organization", label)
    name = _HANDLE.sub(" ", name)
    name = re.sub(r"\s+", " ", name).strip(" -–—*_")
    words = name.split()
    if not words or len(words) > 6 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if not any(w[:1].isupper() for w in words):
        return None
    return name


def parse_participant(text: str, known: set[str], status: str = PRESENT) -> Participant | None:
    """One attendance line: "Name, Title, Unit, ORGANISATION, role" and its variants.

    Also "Name (Org)", "Org: Name", "Name, Org (represented by X)", "Name ... (on behalf of
    the Director)", "Org was represented by Name, Title, Unit".
    """
    text = plain(text).strip().rstrip(";.").strip()
    if not text or text.endswith(":") or len(text) > 400:
        return None
    if m := _ORG_FIRST.match(text):
        org, rest = m[1].strip(), m[2].strip()
        text = f"{rest}, {org}"
    if m := _CHECKBOX.match(text):
        if m[1] == " ":
            return None  # an unticked box: listed, but not there
        text = m[2]
    # "Name - Organisation": the dash separates like a comma.
    text = re.sub(r"^([^,–—-]{3,60}?)\s+[-–—]\s+(?=\S)", r"\1, ", text)
    found: dict = {}
    if m := _REPRESENTED_BY.match(text):
        text, found["represented_by"], status = m[1].strip(), m[2].strip(), REPRESENTED
    if m := _ABSENT.match(text):
        text, status = m[1].strip(), APOLOGIES
    text = _parenthesis(text, known, found)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return None
    name = _name_part(parts[0], found, known)
    if name is None:
        return None
    _roles_titles(parts[1:], known, found)
    return Participant(
        name=name,
        title=found.get("title", ""),
        unit=found.get("unit", ""),
        organization=found.get("organization", ""),
        role=found.get("role", ""),
        status=status,
        represented_by=found.get("represented_by", ""),
        representing=found.get("representing", ""),
    )


def _roles_titles(rest: list[str], known: set[str], found: dict) -> None:
    """Title, unit, organisation and role from the parts after the name."""
    if not rest:
        return
    at = next((k for k in range(len(rest) - 1, -1, -1) if _is_org(rest[k], known)), None)
    if at is None and len(rest) >= 2 and ROLE_WORDS.search(rest[-1]):
        found["role"] = rest.pop()
    if at is None:
        at = len(rest) - 1
    if found.get("organization") and at == len(rest) - 1 and not _is_org(rest[at], known):
        at = len(rest)
    else:
        found["organization"] = rest[at]
    before = rest[:at]
    if before:
        found["title"] = before[0]
        found["unit"] = ", ".join(before[1:])
    extra = ", ".join(rest[at + 1 :])
    if extra:
        found["role"] = ", ".join(r for r in (extra, found.get("role", "")) if r)
