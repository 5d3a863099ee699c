"""Collect every marked string into the French and Spanish catalogues (`make messages`).

Django's makemessages, with two choices: no fuzzy matching (a new string arrives empty, never
with a guess borrowed from a similar one, which a translator could miss), and the files'
names without line numbers (merges of the catalogues stay small). Needs gettext's xgettext.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["fr", "es"]
IGNORED = ["node_modules/*", "staticfiles/*", "var/*", "tests/*", "test-results/*"]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT if len(sys.argv) < 2 else sys.argv[1])
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command
    from django.core.management.commands.makemessages import Command

    django.setup()

    class Collect(Command):
        msgmerge_options = [*Command.msgmerge_options, "--no-fuzzy-matching"]

    call_command(
        Collect(),
        locale=LANGUAGES,
        no_obsolete=True,
        add_location="file",
        ignore_patterns=IGNORED,
        verbosity=0,
    )


if __name__ == "__main__":
    main()
