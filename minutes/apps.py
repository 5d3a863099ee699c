from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = _("Meeting record")

    def ready(self) -> None:
        from lib import readcache
        from minutes.models import ActionPoint, AgendaItem, Attendance, Decision, Meeting
        from participants.models import Person, Position

        # Cached counts and figures (lib.readcache) start again after any write to a record.
        for model in (Meeting, AgendaItem, Decision, ActionPoint, Attendance, Person, Position):
            name = model.__name__
            post_save.connect(readcache.forget, sender=model, dispatch_uid=f"readcache-{name}")
            post_delete.connect(readcache.forget, sender=model, dispatch_uid=f"readcache-d-{name}")
        for through in (ActionPoint.owner_organizations.through, ActionPoint.owner_people.through):
            m2m_changed.connect(
                readcache.forget, sender=through, dispatch_uid=f"readcache-{through.__name__}"
            )
