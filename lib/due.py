"""Due dates given with a precision: a day, a month, a quarter, a half-year, a year, or none.

A due date is stored as the last day of its period, so "overdue" is one comparison whatever
the precision, and it is shown as precisely as it was given.
"""

from __future__ import annotations

import calendar
import datetime

from django.utils.translation import gettext, pgettext

from lib.timefmt import format_date, format_month

DAY, MONTH, QUARTER, HALF, YEAR, NONE = "day", "month", "quarter", "half", "year", "none"


def period_end(day: datetime.date, precision: str) -> datetime.date | None:
    """The last day of the period of `precision` that contains `day`."""
    if precision == NONE:
        return None
    if precision == DAY:
        return day
    if precision == MONTH:
        last_month = day.month
    elif precision == QUARTER:
        last_month = ((day.month - 1) // 3 + 1) * 3
    elif precision == HALF:
        last_month = 6 if day.month <= 6 else 12
    elif precision == YEAR:
        last_month = 12
    else:
        raise ValueError(f"unknown precision {precision!r}")
    return datetime.date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])


def format_due(day: datetime.date | None, precision: str, *, by: bool = True) -> str:
    """'by 30 June 2024', 'June 2024', 'Q3 2024', 'second half of 2024', '2024', 'no date',
    in the active language; without `by`, a day reads as a bare date ('30 June 2024')."""
    if day is None or precision == NONE:
        return gettext("no date")
    if precision == DAY:
        return gettext("by %(date)s") % {"date": format_date(day)} if by else format_date(day)
    if precision == MONTH:
        return format_month(day)
    if precision == QUARTER:
        return pgettext("quarter of a year", "Q%(quarter)s %(year)s") % {
            "quarter": (day.month - 1) // 3 + 1,
            "year": day.year,
        }
    if precision == HALF:
        if day.month <= 6:
            return gettext("first half of %(year)s") % {"year": day.year}
        return gettext("second half of %(year)s") % {"year": day.year}
    if precision == YEAR:
        return str(day.year)
    raise ValueError(f"unknown precision {precision!r}")


def days_overdue(day: datetime.date | None, today: datetime.date) -> int:
    """Days past the end of the due period; 0 when not yet due or undated."""
    if day is None or day >= today:
        return 0
    return (today - day).days
