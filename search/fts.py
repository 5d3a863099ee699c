"""What each kind of record contributes to full-text search, and the SQL that stores it.

PostgreSQL keeps one search_searchentry row per record, written by triggers on the record's
table and on the tables its visibility depends on (see migrations/0004): besides the weighted
vector, the row carries copies of what filtering and visibility read (the meeting's date, body
and status, the action's status, the status of the meeting a progress entry was reviewed at) and
the text-search configuration of the meeting's language, so a search reads one table before it
ranks. The migrations, the archive generator's bulk backfill and the tests share this SQL.
"""

from __future__ import annotations

import unicodedata

# Copies of the built-in english, french and spanish configurations whose word tokens go
# through unaccent before the stemmer: "António" and "Antonio" become the same lexeme, and
# "decision" finds "décision", while ts_headline still shows the original accented text.
CONFIG = "search_english"
CONFIGS = {"en": CONFIG, "fr": "fr_unaccent", "es": "es_unaccent"}
BASE_CONFIGS = {CONFIG: "english", "fr_unaccent": "french", "es_unaccent": "spanish"}

ENTRY_TABLE = "search_searchentry"
WORD_TABLE = "search_searchword"
INDEX_NAME = "search_entry_vector_idx"

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

# The record `t` joined to its meeting `m` (and, for a progress entry, its action `a` and the
# meeting `r` it was reviewed at), per kind. People and organisations have no meeting.
SOURCES = {
    "meeting": "minutes_meeting t JOIN minutes_meeting m ON m.id = t.id",
    "item": "minutes_agendaitem t JOIN minutes_meeting m ON m.id = t.meeting_id",
    "decision": (
        "minutes_decision t JOIN minutes_agendaitem i ON i.id = t.agenda_item_id "
        "JOIN minutes_meeting m ON m.id = i.meeting_id"
    ),
    "action": (
        "actions_actionpoint t JOIN minutes_agendaitem i ON i.id = t.agenda_item_id "
        "JOIN minutes_meeting m ON m.id = i.meeting_id"
    ),
    "update": (
        "actions_actionupdate t JOIN actions_actionpoint a ON a.id = t.action_id "
        "JOIN minutes_agendaitem i ON i.id = a.agenda_item_id "
        "JOIN minutes_meeting m ON m.id = i.meeting_id "
        "LEFT JOIN minutes_meeting r ON r.id = t.reviewed_at_meeting_id"
    ),
    "person": "participants_person t",
    "organization": "participants_organization t",
}

# The stored columns besides the record's own link, in the order of `_projection`.
COLUMNS = (
    "kind", "vector", "config", "day", "body_id", "meeting_status", "of_meeting_id",
    "action_status", "reviewed_meeting_id", "reviewed_status",
)  # fmt: skip

# PostgreSQL refuses a tsvector over 1 MB, and with it the whole INSERT or UPDATE of the record.
# Each column is indexed up to this many characters (at most about 5 bytes of vector per
# character, for short words in four-byte scripts); the rest is stored and shown, only not
# searchable.
INDEXED_CHARS = 100_000

# Words of the vocabulary behind "did you mean": letters only, of a useful length.
WORD_PATTERN = "^[[:alpha:]]{3,40}$"


def config_for(language: str) -> str:
    return CONFIGS.get(language, CONFIG)


def _config_expression(meeting: str | None) -> str:
    if meeting is None:
        return f"'{CONFIG}'::regconfig"
    return f"search_config({meeting}.language)"


def vector_sql(kind: str, row: str, config: str | None = None) -> str:
    """The weighted tsvector of one record; `row` is an alias of its table."""
    _table, columns = DOCUMENTS[kind]
    config = config or f"'{CONFIG}'::regconfig"
    return " || ".join(
        f"setweight(to_tsvector({config}, "
        f"left(coalesce({row}.\"{column}\"::text, ''), {INDEXED_CHARS})), '{weight}')"
        for column, weight in columns
    )


def _projection(kind: str) -> str:
    """SELECT list matching (record link, *COLUMNS) for one kind, over SOURCES[kind]."""
    has_meeting = kind not in ("person", "organization")
    config = _config_expression("m" if has_meeting else None)
    meeting = ["m.start", "m.body_id", "m.status", "m.id"] if has_meeting else ["NULL"] * 4
    if kind == "meeting":
        meeting[3] = "NULL"  # a meeting is not a part of itself
    action = {"action": ["t.status", "NULL", "NULL"],
              "update": ["a.status", "t.reviewed_at_meeting_id", "r.status"]}.get(
        kind, ["NULL", "NULL", "NULL"])  # fmt: skip
    return ", ".join(
        ["t.id", f"'{kind}'", vector_sql(kind, "t", config), f"{config}::text", *meeting, *action]
    )


def upsert_sql(kind: str, where: str) -> str:
    """Insert or refresh the entries of the kind's records matching `where` (over SOURCES)."""
    columns = ", ".join(COLUMNS)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS)
    return (
        f"INSERT INTO {ENTRY_TABLE} ({kind}_id, {columns}) "  # noqa: S608 - constants only
        f"SELECT {_projection(kind)} FROM {SOURCES[kind]} WHERE {where} "
        f"ON CONFLICT ({kind}_id) DO UPDATE SET {updates}"
    )


def words_sql(kind: str, where: str) -> str:
    """Add the words of the kind's records matching `where` to the "did you mean" vocabulary."""
    table, columns = DOCUMENTS[kind]
    text = " || ' ' || ".join(
        f"left(coalesce(t.\"{column}\"::text, ''), {INDEXED_CHARS})" for column, _ in columns
    )
    return (
        f"INSERT INTO {WORD_TABLE} (word) "  # noqa: S608 - constants only
        f"SELECT DISTINCT w.lexeme FROM {table} t, unnest(to_tsvector('simple', {text})) w "
        f"WHERE {where} AND w.lexeme ~ '{WORD_PATTERN}' ON CONFLICT DO NOTHING"
    )


# What a change of one record means for the entries of others: the meeting's date, body, status
# and language are copied onto every part of it (and onto progress entries reviewed at it); an
# item or action that moves, or an action whose status changes, refreshes what hangs below.
CASCADES: dict[str, tuple[list[str], list[tuple[str, str]]]] = {
    "meeting": (
        ["status", "start", "body_id", "language"],
        [("item", "m.id = NEW.id"), ("decision", "m.id = NEW.id"), ("action", "m.id = NEW.id"),
         ("update", "m.id = NEW.id OR t.reviewed_at_meeting_id = NEW.id")],
    ),
    "item": (["meeting_id"], [("decision", "i.id = NEW.id"), ("action", "i.id = NEW.id"),
                              ("update", "i.id = NEW.id")]),
    "decision": (["agenda_item_id"], []),
    "action": (["status", "agenda_item_id"], [("update", "a.id = NEW.id")]),
    "update": (["action_id", "reviewed_at_meeting_id"], []),
    "person": ([], []),
    "organization": ([], []),
}  # fmt: skip


def trigger_sql(kind: str) -> list[str]:
    """A row trigger keeping the entries in step with inserts, edits and deletes."""
    table, columns = DOCUMENTS[kind]
    links, cascades = CASCADES[kind]
    watched = ", ".join([f'"{column}"' for column, _ in columns] + [f'"{c}"' for c in links])
    function = f"search_entry_{kind}"
    changed = " OR ".join(f'OLD."{c}" IS DISTINCT FROM NEW."{c}"' for c in links) or "false"
    cascade = "\n".join(f"    {upsert_sql(child, f'({where})')};" for child, where in cascades)
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
          {upsert_sql(kind, "t.id = NEW.id")};
          {words_sql(kind, "t.id = NEW.id")};
          IF TG_OP = 'UPDATE' AND ({changed}) THEN
{cascade or "    NULL;"}
          END IF;
          RETURN NEW;
        END $$
        """,  # noqa: S608
        f"DROP TRIGGER IF EXISTS {function} ON {table}",
        f"CREATE TRIGGER {function} AFTER INSERT OR DELETE OR UPDATE OF {watched} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
    ]


def backfill_sql(kind: str) -> str:
    """Entries and vocabulary for every existing record of the kind."""
    return f"{upsert_sql(kind, 'true')}; {words_sql(kind, 'true')}"


def index_name(kind: str | None = None) -> str:
    """The one GIN index over every kind's vectors (`kind` kept for callers that loop)."""
    return INDEX_NAME


def create_index_sql(kind: str | None = None) -> str:
    return f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {ENTRY_TABLE} USING gin (vector)"


def drop_sql(kind: str) -> list[str]:
    table, _ = DOCUMENTS[kind]
    return [
        f"DROP TRIGGER IF EXISTS search_entry_{kind} ON {table}",
        f"DROP FUNCTION IF EXISTS search_entry_{kind}()",
    ]


def config_sql() -> list[str]:
    """The unaccented configurations, and the function mapping a meeting's language to one."""
    statements = []
    for name, base in BASE_CONFIGS.items():
        stemmer = f"{base}_stem"
        statements.append(
            f"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN
                CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{base});
                ALTER TEXT SEARCH CONFIGURATION {name}
                  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer};
              END IF;
            END $$;
            """  # noqa: S608 - constants only
        )
    cases = " ".join(f"WHEN '{code}' THEN '{name}'::regconfig" for code, name in CONFIGS.items())
    statements.append(
        "CREATE OR REPLACE FUNCTION search_config(language text) RETURNS regconfig "
        f"LANGUAGE sql IMMUTABLE AS $$ SELECT CASE language {cases} "
        f"ELSE '{CONFIG}'::regconfig END $$"
    )
    return statements


CONFIG_SQL = config_sql()[0]


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
