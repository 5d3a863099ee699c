"""What each kind of record contributes to full-text search, as SQL the indexes and queries share.

PostgreSQL only uses a GIN expression index when the query repeats the indexed expression, so
both the migration (index) and the search backend (query) build it from these definitions.
"""

from __future__ import annotations

import unicodedata

# A copy of the built-in english configuration whose word tokens go through unaccent before
# the English stemmer: "António" and "Antonio" become the same lexeme, while ts_headline still
# shows the original accented text (unlike unaccenting the text before parsing it).
CONFIG = "search_english"

# kind -> (table, [(column, weight)]). Weights: A for what names the record, B for its body.
DOCUMENTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "meeting": ("minutes_meeting", [("title", "A"), ("opening_remarks", "B")]),
    "item": ("minutes_agendaitem", [("title", "A"), ("discussion", "B")]),
    "decision": ("minutes_decision", [("reference", "A"), ("text", "B")]),
    "action": ("actions_actionpoint", [("reference", "A"), ("text", "B"), ("owner_note", "C")]),
    "update": ("actions_actionupdate", [("text", "B")]),
    "person": ("participants_person", [("name", "A")]),
    "organization": ("participants_organization", [("acronym", "A"), ("name", "A")]),
}


def vector_sql(kind: str, *, qualified: bool = True) -> str:
    """The weighted tsvector of one kind; qualified with its table for queries with joins."""
    table, columns = DOCUMENTS[kind]
    parts = []
    for column, weight in columns:
        ref = f'"{table}"."{column}"' if qualified else f'"{column}"'
        parts.append(
            f"setweight(to_tsvector('{CONFIG}'::regconfig, coalesce({ref}, '')), '{weight}')"
        )
    return "(" + " || ".join(parts) + ")"


def index_name(kind: str) -> str:
    return f"search_{kind}_fts_idx"


def fold(text: str | None) -> str:
    """Lower case without accents, one character in for one character out (keeps offsets)."""
    if text is None:
        return ""
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    if char.isascii():
        return char.lower()
    base = unicodedata.normalize("NFKD", char)[0].lower()
    return base if len(base) == 1 else char
