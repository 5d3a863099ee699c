from __future__ import annotations

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _register_sqlite_functions(sender, connection, **kwargs) -> None:
    # SQLite has no unaccent: fold accents and case in Python, so "Antonio" finds "António".
    if connection.vendor == "sqlite":
        from search.fts import fold

        connection.connection.create_function("search_fold", 1, fold, deterministic=True)


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        connection_created.connect(_register_sqlite_functions, dispatch_uid="search_fold")
