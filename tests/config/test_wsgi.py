"""The WSGI module gunicorn preloads does the first request's work before any request."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import config.wsgi
from django.template import engines
loader = engines["django"].engine.template_loaders[0]
print("actions.views" in sys.modules, "summaries.views" in sys.modules)
print("base.html" in {key.split("-")[0] for key in loader.get_template_cache})
"""


def test_loading_the_wsgi_module_loads_every_view_and_compiles_the_templates(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]
