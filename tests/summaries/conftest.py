from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "devtools" / "demo" / "excom-principals-2023-03-20.txt"
# Other bodies' minutes: read where they are (CI clones the repo beside shared/), never copied.
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS} (it sits beside the repository in CI)")
    return CORPUS


@pytest.fixture
def demo(db):
    """The demo registry, body and sample meeting, as `make demo` loads them."""
    from devtools.demo.build import load_demo
    from minutes.models import Meeting

    load_demo(password="demo-password-for-tests", log=lambda *_: None)
    return Meeting.objects.get(start__date="2023-03-20", title__startswith="Executive Committee")


@pytest.fixture
def demo_secretariat(demo):
    from django.contrib.auth.models import User

    return User.objects.get(username="secretariat")


@pytest.fixture
def demo_principal(demo):
    """Gillian Triggs of UNHCR, a principal in the demo."""
    from django.contrib.auth.models import User

    return User.objects.get(username="principal")
