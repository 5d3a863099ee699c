from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Notifications and outgoing mail"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from outbox.services import remember_language

        user_logged_in.connect(remember_language, dispatch_uid="outbox.remember_language")
