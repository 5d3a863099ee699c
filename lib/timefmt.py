"""How dates and times are written, in the active language: "Monday, 20 March 2023",
"10.00 – 11.30 (NY time)"; "lundi 20 mars 2023", "10 h 00 – 11 h 30 (heure de New York)".

The day and the clock follow the language's format module (`DATE_FORMAT`, `TIME_FORMAT`);
how a weekday joins its date, and each zone's label, are translated in the catalogues.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.utils import dateformat, formats
from django.utils.translation import gettext, pgettext

from lib.dates import safe_astimezone

EN_DASH = "\u2013"


def format_date(day: datetime.date, *, short: bool = False) -> str:
    """A calendar day: "20 March 2023", "20 mars 2023", "20 de marzo de 2023"; short, with the
    month abbreviated in the active language: "20 Mar 2023", "20 mars 2023"."""
    return dateformat.format(day, "j M Y" if short else formats.get_format("DATE_FORMAT"))


def format_month(day: datetime.date) -> str:
    """A month: "June 2024", "juin 2024", "junio de 2024"."""
    return dateformat.format(day, formats.get_format("YEAR_MONTH_FORMAT"))


def format_clock(moment: datetime.datetime) -> str:
    return dateformat.time_format(moment, formats.get_format("TIME_FORMAT"))


def zone_label(label: str) -> str:
    """A body's label for a zone, in the active language where the catalogue has it."""
    return gettext(label) if label else label


def format_day(moment: datetime.datetime, zone: ZoneInfo) -> str:
    local = safe_astimezone(moment, zone)
    return pgettext("weekday and date", "%(weekday)s, %(date)s") % {
        "weekday": dateformat.format(local, "l"),
        "date": format_date(local),
    }


def _labelled(text: str, label: str) -> str:
    if not label:
        return text
    return pgettext("time and its zone", "%(time)s (%(zone)s)") % {
        "time": text,
        "zone": zone_label(label),
    }


def format_moment(moment: datetime.datetime, zone: ZoneInfo, label: str = "") -> str:
    """A moment on one zone's clock: "27 March 2023, 17.00 (NY time)"."""
    local = moment.astimezone(zone)
    text = pgettext("date and time", "%(date)s, %(time)s") % {
        "date": format_date(local),
        "time": format_clock(local),
    }
    return _labelled(text, label)


def format_moment_in_zones(moment: datetime.datetime, zones: Iterable[tuple[ZoneInfo, str]]) -> str:
    """A moment on every zone's clock, with its day, as e-mails give a deadline:
    "Friday, 31 March 2023, 18.00 (NY time) / Saturday, 1 April 2023, 00.00 (GVA time)"."""
    parts = []
    for zone, label in zones:
        local = safe_astimezone(moment, zone)
        text = pgettext("date and time", "%(date)s, %(time)s") % {
            "date": format_day(moment, zone),
            "time": format_clock(local),
        }
        parts.append(_labelled(text, label))
    return " / ".join(parts)


def format_span(
    start: datetime.datetime,
    end: datetime.datetime | None,
    zones: Iterable[tuple[ZoneInfo, str]],
) -> str:
    """The meeting's times in each zone, joined as the sample joins them.

    Each zone is given with its label: (ZoneInfo("America/New_York"), "NY time").
    """
    parts = []
    for zone, label in zones:
        text = format_clock(safe_astimezone(start, zone))
        if end is not None:
            text += f" {EN_DASH} {format_clock(safe_astimezone(end, zone))}"
        parts.append(_labelled(text, label))
    return "/".join(parts)
