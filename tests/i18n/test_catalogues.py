"""The French and Spanish catalogues are complete: every string of the interface is marked,
collected and translated, and none is fuzzy (a guess gettext would not use)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent.parent
LANGUAGES = ["fr", "es"]
# What `make messages` leaves out of the collection.
NOT_COLLECTED = {".git", ".venv", "node_modules", "staticfiles", "var", "tests", "test-results"}


def _catalogue(root: Path, language: str):
    with (root / "locale" / language / "LC_MESSAGES" / "django.po").open("rb") as source:
        return read_po(source)


def _ids(catalogue) -> set[tuple[str, str | None]]:
    return {(str(m.id), m.context) for m in catalogue if m.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    catalogue = _catalogue(ROOT, language)
    messages = [m for m in catalogue if m.id]
    assert len(messages) > 700
    untranslated = [m.id for m in messages if not (all(m.string) if m.pluralizable else m.string)]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == [], f"{language}: {len(untranslated)} untranslated"
    assert fuzzy == [], f"{language}: {len(fuzzy)} fuzzy"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    """A translation may leave a value out (an English plural suffix, say) but never names one
    the code does not give: that would fail at run time."""
    import re

    placeholder = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")
    for m in _catalogue(ROOT, language):
        if not m.id:
            continue
        ids = m.id if m.pluralizable else (m.id,)
        strings = m.string if m.pluralizable else (m.string,)
        wanted = set(placeholder.findall(ids[-1]))
        for text in strings:
            assert set(placeholder.findall(text)) <= wanted, (language, m.id, text)


def test_makemessages_finds_no_string_missing_from_the_catalogues(tmp_path):
    """`make messages` on a copy of the code: the catalogues already hold every msgid."""
    if shutil.which("xgettext") is None:
        reason = "gettext's xgettext is not installed (apt-get install gettext)"
        if os.environ.get("REQUIRE_E2E") or os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    copy = tmp_path / "code"
    shutil.copytree(
        ROOT,
        copy,
        ignore=lambda folder, names: [n for n in names if n in NOT_COLLECTED or n.endswith(".mo")],
    )
    subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "scripts/make_messages.py", str(copy)],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "VAR_DIR": str(tmp_path / "var")},
    )
    for language in LANGUAGES:
        collected, committed = _ids(_catalogue(copy, language)), _ids(_catalogue(ROOT, language))
        assert sorted(collected - committed) == [], f"{language}: run `make messages`"
        assert sorted(committed - collected) == [], f"{language}: obsolete entries"


def test_the_interface_speaks_french_and_spanish():
    from django.utils import translation

    with translation.override("fr"):
        assert translation.gettext("Meetings") == "Réunions"
    with translation.override("es"):
        assert translation.gettext("Meetings") == "Reuniones"
