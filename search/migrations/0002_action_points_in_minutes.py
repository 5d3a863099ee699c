"""The search rows point at action points in their new app; the columns do not change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('minutes', '0003_move_action_points'),
        ('search', '0001_searchentry'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='searchentry',
                    name='action',
                    field=models.OneToOneField(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='search_entry', to='minutes.actionpoint'),
                ),
                migrations.AlterField(
                    model_name='searchentry',
                    name='update',
                    field=models.OneToOneField(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='search_entry', to='minutes.actionupdate'),
                ),
            ],
        ),
    ]
