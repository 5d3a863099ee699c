"""How a summary prints dates and times: "Monday, 20 March 2023", "10.00 – 11.30 (NY time)"."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from lib.dates import safe_astimezone

EN_DASH = "\u2013"


def format_clock(moment: datetime.datetime) -> str:
    return f"{moment:%H.%M}"


def format_day(moment: datetime.datetime, zone: ZoneInfo) -> str:
    local = safe_astimezone(moment, zone)
    return f"{local:%A}, {local.day} {local:%B %Y}"


def format_moment(moment: datetime.datetime, zone: ZoneInfo, label: str = "") -> str:
    """A moment on one zone's clock: "27 March 2023, 17.00 (NY time)"."""
    local = moment.astimezone(zone)
    text = f"{local.day} {local:%B %Y}, {format_clock(local)}"
    return f"{text} ({label})" if label else text


def format_moment_in_zones(moment: datetime.datetime, zones: Iterable[tuple[ZoneInfo, str]]) -> str:
    """A moment on every zone's clock, with its day, as e-mails give a deadline:
    "Friday, 31 March 2023, 18.00 (NY time) / Saturday, 1 April 2023, 00.00 (GVA time)"."""
    return " / ".join(
        f"{format_day(moment, zone)}, {format_clock(safe_astimezone(moment, zone))} ({label})"
        for zone, label in zones
    )


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
        parts.append(f"{text} ({label})")
    return "/".join(parts)
