"""Action points and their log join the meeting record.

Only Django's model state moves: the tables keep their names (db_table on the models), except
the three history tables of an action's owner and topic links, whose names simple-history
derives from the app; those are renamed, which moves no data.
"""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MOVED = [
    "actionpoint",
    "actionupdate",
    "historicalactionpoint",
    "historicalactionpoint_owner_organizations",
    "historicalactionpoint_owner_people",
    "historicalactionpoint_topics",
    "historicalactionupdate",
]
RENAMED = [
    "historicalactionpoint_owner_organizations",
    "historicalactionpoint_owner_people",
    "historicalactionpoint_topics",
]


def move_content_types(apps, schema_editor, source="actions", target="minutes"):
    """Permissions and admin log entries keep pointing at the same models."""
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label=source, model__in=MOVED).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="minutes", target="actions")


def rename_tables(source, target):
    return [
        migrations.RunSQL(
            f"ALTER TABLE {source}_{name} RENAME TO {target}_{name}",
            f"ALTER TABLE {target}_{name} RENAME TO {source}_{name}",
        )
        for name in RENAMED
    ]


class Migration(migrations.Migration):

    dependencies = [
        ('minutes', '0002_attendance_unit_mode_version_modality_blank'),
        ('participants', '0002_groups'),
        ('actions', '0002_reminders_calendar'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='ActionPoint',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('position', models.PositiveSmallIntegerField(default=0)),
                    ('reference', models.CharField(help_text='Stable reference, e.g. EXCOM/2023/03/A1.', max_length=40, unique=True)),
                    ('text', models.TextField()),
                    ('owner_note', models.CharField(blank=True, help_text='Who, when no one is named: "the Network".', max_length=200)),
                    ('due_date', models.DateField(blank=True, help_text='Last day of the due period.', null=True)),
                    ('due_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('quarter', 'Quarter'), ('half', 'Half-year'), ('year', 'Year'), ('none', 'No date')], default='none', max_length=10)),
                    ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], default='open', max_length=20)),
                    ('closed_at', models.DateTimeField(blank=True, null=True)),
                    ('version', models.PositiveIntegerField(default=1)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('agenda_item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='action_points', to='minutes.agendaitem')),
                    ('closed_at_meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='closed_actions', to='minutes.meeting')),
                    ('decision', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='action_points', to='minutes.decision')),
                    ('owner_organizations', models.ManyToManyField(blank=True, related_name='owned_actions', to='participants.organization')),
                    ('owner_people', models.ManyToManyField(blank=True, related_name='owned_actions', to='participants.person')),
                    ('topics', models.ManyToManyField(blank=True, related_name='action_points', to='minutes.topic')),
                ],
                options={
                    'db_table': 'actions_actionpoint',
                    'ordering': ['agenda_item__meeting', 'agenda_item__position', 'position', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='ActionUpdate',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('text', models.TextField()),
                    ('status_from', models.CharField(blank=True, choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], max_length=20)),
                    ('status_to', models.CharField(blank=True, choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], max_length=20)),
                    ('due_date_from', models.DateField(blank=True, null=True)),
                    ('due_date_to', models.DateField(blank=True, null=True)),
                    ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='minutes.actionpoint')),
                    ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='action_updates', to=settings.AUTH_USER_MODEL)),
                    ('reviewed_at_meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='action_reviews', to='minutes.meeting')),
                ],
                options={
                    'db_table': 'actions_actionupdate',
                    'ordering': ['created_at', 'pk'],
                    'get_latest_by': 'created_at',
                },
            ),
            migrations.CreateModel(
                name='HistoricalActionPoint',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('position', models.PositiveSmallIntegerField(default=0)),
                    ('reference', models.CharField(db_index=True, help_text='Stable reference, e.g. EXCOM/2023/03/A1.', max_length=40)),
                    ('text', models.TextField()),
                    ('owner_note', models.CharField(blank=True, help_text='Who, when no one is named: "the Network".', max_length=200)),
                    ('due_date', models.DateField(blank=True, help_text='Last day of the due period.', null=True)),
                    ('due_precision', models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('quarter', 'Quarter'), ('half', 'Half-year'), ('year', 'Year'), ('none', 'No date')], default='none', max_length=10)),
                    ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], default='open', max_length=20)),
                    ('closed_at', models.DateTimeField(blank=True, null=True)),
                    ('version', models.PositiveIntegerField(default=1)),
                    ('created_at', models.DateTimeField(blank=True, editable=False)),
                    ('updated_at', models.DateTimeField(blank=True, editable=False)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('agenda_item', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='minutes.agendaitem')),
                    ('closed_at_meeting', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='minutes.meeting')),
                    ('decision', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='minutes.decision')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical action point',
                    'verbose_name_plural': 'historical action points',
                    'db_table': 'actions_historicalactionpoint',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalActionPoint_owner_organizations',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('actionpoint', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='minutes.actionpoint')),
                    ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='minutes.historicalactionpoint')),
                    ('organization', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='participants.organization')),
                ],
                options={
                    'verbose_name': 'HistoricalActionPoint_owner_organizations',
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalActionPoint_owner_people',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('actionpoint', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='minutes.actionpoint')),
                    ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='minutes.historicalactionpoint')),
                    ('person', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='participants.person')),
                ],
                options={
                    'verbose_name': 'HistoricalActionPoint_owner_people',
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalActionPoint_topics',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('actionpoint', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='minutes.actionpoint')),
                    ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='minutes.historicalactionpoint')),
                    ('topic', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='minutes.topic')),
                ],
                options={
                    'verbose_name': 'HistoricalActionPoint_topics',
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalActionUpdate',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                    ('text', models.TextField()),
                    ('status_from', models.CharField(blank=True, choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], max_length=20)),
                    ('status_to', models.CharField(blank=True, choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], max_length=20)),
                    ('due_date_from', models.DateField(blank=True, null=True)),
                    ('due_date_to', models.DateField(blank=True, null=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('action', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='minutes.actionpoint')),
                    ('author', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('reviewed_at_meeting', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='minutes.meeting')),
                ],
                options={
                    'verbose_name': 'historical action update',
                    'verbose_name_plural': 'historical action updates',
                    'db_table': 'actions_historicalactionupdate',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.AddIndex(
                model_name='actionpoint',
                index=models.Index(fields=['status', 'due_date'], name='actionpoint_status_due_idx'),
            ),
            migrations.AddConstraint(
                model_name='actionpoint',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('due_date__isnull', True), ('due_precision', 'none')), models.Q(models.Q(('due_precision', 'none'), _negated=True), ('due_date__isnull', False)), _connector='OR'), name='actionpoint_due_date_iff_precision'),
            ),
            migrations.AddConstraint(
                model_name='actionpoint',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('closed_at__isnull', True), ('status__in', ['open', 'in_progress'])), models.Q(('closed_at__isnull', False), ('status__in', ['done', 'dropped'])), _connector='OR'), name='actionpoint_closed_iff_closed_at'),
            ),
            migrations.AddIndex(
                model_name='actionupdate',
                index=models.Index(fields=['action', '-created_at'], name='actionupdate_latest_idx'),
            ),
            migrations.AddConstraint(
                model_name='actionupdate',
                constraint=models.CheckConstraint(condition=models.Q(('status_to', ''), models.Q(('status_to', models.F('status_from')), _negated=True), _connector='OR'), name='actionupdate_status_change_is_a_change'),
            ),
            ],
            database_operations=rename_tables("actions", "minutes"),
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
