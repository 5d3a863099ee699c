"""The triggers index each column up to fts.INDEXED_CHARS characters, so a very long discussion
is saved (and searchable in its first part) instead of being refused by PostgreSQL."""

from django.db import migrations

from search import fts


def replace_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for kind in fts.DOCUMENTS:
            for statement in fts.trigger_sql(kind):
                cursor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_action_points_in_minutes"),
    ]

    operations = [migrations.RunPython(replace_triggers, migrations.RunPython.noop)]
