from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Dashboards and reports"

    def ready(self) -> None:
        from minutes.models import ActionPoint, AgendaItem, Meeting
        from reports import figures

        # The dashboard's figures count actions by owner, status and meeting date.
        for model in (ActionPoint, AgendaItem, Meeting):
            post_save.connect(
                figures.forget, sender=model, dispatch_uid=f"figures-{model.__name__}"
            )
            post_delete.connect(
                figures.forget, sender=model, dispatch_uid=f"figures-del-{model.__name__}"
            )
        m2m_changed.connect(
            figures.forget,
            sender=ActionPoint.owner_organizations.through,
            dispatch_uid="figures-owners",
        )
