from __future__ import annotations

import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def _warm() -> None:
    """Do now what the first requests would: load the URL map (and with it every view module
    and what they import), the translation catalogues and the project's compiled templates.
    gunicorn loads this module once in its master (preload_app), so every worker, including
    each one started to replace a recycled worker, begins with them ready."""
    from django.conf import settings
    from django.template import engines
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 - read for its side effect
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # activating a language loads its catalogue
            pass
    engine = engines["django"]
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for path in Path(directory).rglob("*.html"):
            engine.get_template(path.relative_to(directory).as_posix())


_warm()
