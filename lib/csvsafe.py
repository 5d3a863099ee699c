"""CSV cells that a spreadsheet will not run as formulas (OWASP "CSV injection").

Excel, LibreOffice and Google Sheets treat a cell starting with ``=``, ``+``, ``-`` or ``@``
(and, in some versions, a tab or carriage return before one of those) as a formula, so a
decision text like ``=HYPERLINK("http://evil", "click")`` typed by a user would run on the
reader's machine. Every CSV export writes its cells through ``safe_cell`` (or ``safe_row``):
a leading apostrophe makes the spreadsheet show the text as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value to write in a CSV cell: text that could start a formula gets a leading '.

    Numbers, dates and None pass through untouched so that ``-3`` stays a number a spreadsheet
    can add up; only text is guarded.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """``safe_cell`` on every cell: ``writer.writerow(safe_row(row))``."""
    return [safe_cell(v) for v in values]
