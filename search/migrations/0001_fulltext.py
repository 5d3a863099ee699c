"""PostgreSQL full-text search: an accent-folding English configuration and GIN indexes.

The index expressions must stay identical to search.fts.vector_sql(qualified=False), or the
planner stops using them (tests/search/test_postgres.py checks the plans). On SQLite every
operation here is a no-op: search falls back to a registered search_fold() function.
"""

from django.db import migrations

CONFIG = "search_english"

DOCUMENTS = {
    "meeting": ("minutes_meeting", [("title", "A"), ("opening_remarks", "B")]),
    "item": ("minutes_agendaitem", [("title", "A"), ("discussion", "B")]),
    "decision": ("minutes_decision", [("reference", "A"), ("text", "B")]),
    "action": ("actions_actionpoint", [("reference", "A"), ("text", "B"), ("owner_note", "C")]),
    "update": ("actions_actionupdate", [("text", "B")]),
    "person": ("participants_person", [("name", "A")]),
    "organization": ("participants_organization", [("acronym", "A"), ("name", "A")]),
}


def _vector(columns):
    return "(" + " || ".join(
        f"setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(\"{column}\", '')), '{weight}')"
        for column, weight in columns
    ) + ")"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(
        f"""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.english);
            ALTER TEXT SEARCH CONFIGURATION {CONFIG}
              ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
          END IF;
        END $$;
        """
    )
    for kind, (table, columns) in DOCUMENTS.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_{kind}_fts_idx ON {table} "
            f"USING gin ({_vector(columns)})"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for kind in DOCUMENTS:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_{kind}_fts_idx")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
    # The unaccent extension stays: other databases objects may rely on it.


class Migration(migrations.Migration):
    dependencies = [
        ("minutes", "0001_initial"),
        ("actions", "0001_initial"),
        ("participants", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
