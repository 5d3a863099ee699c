"""What each kind of record contributes to full-text search, and the SQL that stores it.

PostgreSQL keeps one search_searchentry row per record, written by triggers on the record's
table (see migrations/0001_searchentry.py); each kind has a partial GIN index on the stored
vector. The migration, the archive generator's bulk backfill and the tests share this SQL.
"""

from __future__ import annotations

import unicodedata

# A copy of the built-in english configuration whose word tokens go through unaccent before
# the English stemmer: "António" and "Antonio" become the same lexeme, while ts_headline still
# shows the original accented text (unlike unaccenting the text before parsing it).
CONFIG = "search_english"

ENTRY_TABLE = "search_searchentry"

# A session setting that makes the triggers skip their work during a bulk load.
DEFER_SETTING = "search.defer_entries"

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


# PostgreSQL refuses a tsvector over 1 MB, and with it the whole INSERT or UPDATE of the record.
# Each column is indexed up to this many characters (at most about 5 bytes of vector per
# character, for short words in four-byte scripts); the rest is stored and shown, only not
# searchable.
INDEXED_CHARS = 100_000


def vector_sql(kind: str, row: str) -> str:
    """The weighted tsvector of one record; `row` is NEW in a trigger or the table's name."""
    _table, columns = DOCUMENTS[kind]
    return " || ".join(
        f"setweight(to_tsvector('{CONFIG}'::regconfig, "
        f"left(coalesce({row}.\"{column}\"::text, ''), {INDEXED_CHARS})), '{weight}')"
        for column, weight in columns
    )


def index_name(kind: str) -> str:
    return f"search_{kind}_vector_idx"


def create_index_sql(kind: str) -> str:
    return (
        f"CREATE INDEX IF NOT EXISTS {index_name(kind)} ON {ENTRY_TABLE} "
        f"USING gin (vector) WHERE kind = '{kind}'"
    )


def trigger_sql(kind: str) -> list[str]:
    """A row trigger keeping the kind's entries in step with inserts, edits and deletes."""
    table, columns = DOCUMENTS[kind]
    watched = ", ".join(f'"{column}"' for column, _ in columns)
    function = f"search_entry_{kind}"
    return [
        # Identifiers and SQL from the constants above; no user input reaches these strings.
        f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          -- A bulk load (the archive generator) backfills once at the end instead.
          IF current_setting('{DEFER_SETTING}', true) = 'on' THEN
            RETURN NULL;
          END IF;
          IF TG_OP = 'DELETE' THEN
            DELETE FROM {ENTRY_TABLE} WHERE {kind}_id = OLD.id;
            RETURN OLD;
          END IF;
          INSERT INTO {ENTRY_TABLE} (kind, {kind}_id, vector)
            VALUES ('{kind}', NEW.id, {vector_sql(kind, "NEW")})
            ON CONFLICT ({kind}_id) DO UPDATE SET vector = EXCLUDED.vector;
          RETURN NEW;
        END $$
        """,  # noqa: S608
        f"DROP TRIGGER IF EXISTS {function} ON {table}",
        f"CREATE TRIGGER {function} AFTER INSERT OR DELETE OR UPDATE OF {watched} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
    ]


def backfill_sql(kind: str) -> str:
    """Entries for every existing record of the kind, in one statement."""
    table, _ = DOCUMENTS[kind]
    return (
        f"INSERT INTO {ENTRY_TABLE} (kind, {kind}_id, vector) "  # noqa: S608 - constants
        f"SELECT '{kind}', id, {vector_sql(kind, table)} FROM {table} "
        f"ON CONFLICT ({kind}_id) DO UPDATE SET vector = EXCLUDED.vector"
    )


def drop_sql(kind: str) -> list[str]:
    table, _ = DOCUMENTS[kind]
    return [
        f"DROP TRIGGER IF EXISTS search_entry_{kind} ON {table}",
        f"DROP FUNCTION IF EXISTS search_entry_{kind}()",
    ]


CONFIG_SQL = f"""
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
    CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.english);
    ALTER TEXT SEARCH CONFIGURATION {CONFIG}
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
  END IF;
END $$;
"""  # noqa: S608


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
