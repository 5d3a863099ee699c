"""Compile the translation catalogues (locale/<lang>/LC_MESSAGES/django.po -> .mo) in pure
Python, so a machine needs no gettext tools to run the app: `make setup` calls it.

Fuzzy entries are left out, as gettext's msgfmt leaves them out."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def compile_catalogue(po_path: Path) -> Path:
    with po_path.open("rb") as source:
        catalogue = read_po(source, abort_invalid=True)
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("wb") as target:
        write_mo(target, catalogue, use_fuzzy=False)
    return mo_path


def main(paths: list[str]) -> None:
    targets = [Path(p).resolve() for p in paths] or sorted(
        ROOT.glob("locale/*/LC_MESSAGES/django.po")
    )
    for po_path in targets:
        print(f"compiled {compile_catalogue(po_path).relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
