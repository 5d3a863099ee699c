"""The triggers index each column up to fts.INDEXED_CHARS characters, so a very long discussion
is saved (and searchable in its first part) instead of being refused by PostgreSQL."""

from django.db import migrations



def replace_triggers(apps, schema_editor):
    # The triggers that index in part are installed by 0004_entries_carry_filters_and_language,
    # from search.fts; they need the columns that migration adds.
    return


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_action_points_in_minutes"),
    ]

    operations = [migrations.RunPython(replace_triggers, migrations.RunPython.noop)]
