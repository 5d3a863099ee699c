from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Notifications and outgoing mail")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from outbox.services import remember_language

        user_logged_in.connect(remember_language, dispatch_uid="outbox.remember_language")
