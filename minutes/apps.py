from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = _("Meeting record")

    def ready(self) -> None:
        from lib import readcache
        from minutes.models import (
            ActionPoint,
            ActionUpdate,
            AgendaItem,
            Attendance,
            Decision,
            Document,
            Meeting,
            ReviewComment,
            SummaryEvent,
            SummaryTranslation,
            Topic,
        )
        from participants.models import (
            Body,
            BodyMembership,
            BodyTimeZone,
            Organization,
            Person,
            Position,
        )

        # Cached counts, figures and rendered parts of lists (lib.readcache) start again after
        # any write to what they show or to who may see it. Action points and their progress
        # have their own generation: what reads no action keeps through a follow-up's writes.
        models = (
            Meeting, AgendaItem, Decision, Attendance, Document, ReviewComment, SummaryEvent,
            SummaryTranslation, Topic,
            Person, Position, Organization, Body, BodyMembership, BodyTimeZone,
        )  # fmt: skip
        for forget, senders in (
            (readcache.forget, models),
            (readcache.forget_actions, (ActionPoint, ActionUpdate)),
        ):
            for model in senders:
                name = model.__name__
                post_save.connect(forget, sender=model, dispatch_uid=f"readcache-{name}")
                post_delete.connect(forget, sender=model, dispatch_uid=f"readcache-d-{name}")
        many = (
            (readcache.forget, (AgendaItem.topics, Decision.topics)),
            (
                readcache.forget_actions,
                (ActionPoint.owner_organizations, ActionPoint.owner_people, ActionPoint.topics),
            ),
        )
        for forget, fields in many:
            for field in fields:
                through = field.through
                m2m_changed.connect(
                    forget, sender=through, dispatch_uid=f"readcache-{through.__name__}"
                )
