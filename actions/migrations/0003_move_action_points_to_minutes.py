"""Action points and their log now live in the meeting record (the minutes app).

State only: the tables stay where they are and are owned by the minutes app from here on.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('actions', '0002_reminders_calendar'),
        ('minutes', '0003_move_action_points'),
        ('search', '0002_action_points_in_minutes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='actionpoint',
                    name='agenda_item',
                ),
                migrations.RemoveField(
                    model_name='actionpoint',
                    name='closed_at_meeting',
                ),
                migrations.RemoveField(
                    model_name='actionpoint',
                    name='decision',
                ),
                migrations.RemoveField(
                    model_name='actionpoint',
                    name='owner_organizations',
                ),
                migrations.RemoveField(
                    model_name='actionpoint',
                    name='owner_people',
                ),
                migrations.RemoveField(
                    model_name='actionpoint',
                    name='topics',
                ),
                migrations.RemoveField(
                    model_name='historicalactionupdate',
                    name='action',
                ),
                migrations.RemoveField(
                    model_name='actionupdate',
                    name='action',
                ),
                migrations.RemoveField(
                    model_name='historicalactionpoint_owner_organizations',
                    name='actionpoint',
                ),
                migrations.RemoveField(
                    model_name='historicalactionpoint_topics',
                    name='actionpoint',
                ),
                migrations.RemoveField(
                    model_name='historicalactionpoint_owner_people',
                    name='actionpoint',
                ),
                migrations.RemoveField(
                    model_name='actionupdate',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='actionupdate',
                    name='reviewed_at_meeting',
                ),
                migrations.RemoveField(
                    model_name='historicalactionpoint',
                    name='agenda_item',
                ),
                migrations.RemoveField(
                    model_name='historicalactionpoint',
                    name='closed_at_meeting',
                ),
                migrations.RemoveField(
                    model_name='historicalactionpoint',
                    name='decision',
                ),
                migrations.RemoveField(
                    model_name='historicalactionpoint',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalactionpoint_owner_people',
                    name='history',
                ),
                migrations.RemoveField(
                    model_name='historicalactionpoint_owner_organizations',
                    name='history',
                ),
                migrations.RemoveField(
                    model_name='historicalactionpoint_topics',
                    name='history',
                ),
                migrations.RemoveField(
                    model_name='historicalactionpoint_owner_organizations',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='historicalactionpoint_owner_people',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='historicalactionpoint_topics',
                    name='topic',
                ),
                migrations.RemoveField(
                    model_name='historicalactionupdate',
                    name='author',
                ),
                migrations.RemoveField(
                    model_name='historicalactionupdate',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalactionupdate',
                    name='reviewed_at_meeting',
                ),
                migrations.DeleteModel(
                    name='ActionPoint',
                ),
                migrations.DeleteModel(
                    name='ActionUpdate',
                ),
                migrations.DeleteModel(
                    name='HistoricalActionPoint',
                ),
                migrations.DeleteModel(
                    name='HistoricalActionPoint_owner_organizations',
                ),
                migrations.DeleteModel(
                    name='HistoricalActionPoint_owner_people',
                ),
                migrations.DeleteModel(
                    name='HistoricalActionPoint_topics',
                ),
                migrations.DeleteModel(
                    name='HistoricalActionUpdate',
                ),
            ],
        ),
    ]
