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
        # any write to what they show or to who may see it.
        models = (
            Meeting, AgendaItem, Decision, ActionPoint, ActionUpdate, Attendance, Document,
            ReviewComment, SummaryEvent, Topic,
            Person, Position, Organization, Body, BodyMembership, BodyTimeZone,
        )  # fmt: skip
        for model in models:
            name = model.__name__
            post_save.connect(readcache.forget, sender=model, dispatch_uid=f"readcache-{name}")
            post_delete.connect(readcache.forget, sender=model, dispatch_uid=f"readcache-d-{name}")
        many = (
            ActionPoint.owner_organizations, ActionPoint.owner_people, ActionPoint.topics,
            AgendaItem.topics, Decision.topics,
        )  # fmt: skip
        for field in many:
            through = field.through
            m2m_changed.connect(
                readcache.forget, sender=through, dispatch_uid=f"readcache-{through.__name__}"
            )
