from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Notifications and outgoing mail")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save

        from outbox.models import Notification
        from outbox.services import notification_changed, remember_language

        user_logged_in.connect(remember_language, dispatch_uid="outbox.remember_language")
        post_save.connect(notification_changed, sender=Notification, dispatch_uid="outbox.unread")
        post_delete.connect(
            notification_changed, sender=Notification, dispatch_uid="outbox.unread-d"
        )
