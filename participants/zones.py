"""The one clock: a body's time zones, its "today", and where a moment falls for it.

A body lists the zones its summaries show times in (`Body.time_zones`, ordered by position).
The first is its *entry zone*: times are typed in it, dates are shown in it, and "today"
(overdue, due soon) is counted in it.

One fallback, for a body with no zone configured and for pages that span several bodies:
the deployment's zone, `settings.TIME_ZONE`, labelled with its IANA name.

Every function reads the zones through `body.time_zones.all()`, so a queryset that
prefetches `body__time_zones` serves a whole list without a query per row.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_noop

# The zone labels the catalogues translate ("heure de New York", "hora de Nueva York"); a
# body's other labels are shown as typed. lib.timefmt looks each label up when it formats.
TRANSLATED_ZONE_LABELS = (gettext_noop("NY time"), gettext_noop("GVA time"))

Zone = tuple[ZoneInfo, str]


def fallback_zone() -> Zone:
    """The deployment's zone, for a body without zones and for pages across bodies."""
    return ZoneInfo(settings.TIME_ZONE), settings.TIME_ZONE


def body_zones(body) -> list[Zone]:
    """The body's zones with their labels, the entry zone first; never empty."""
    zones = [(z.tzinfo, z.label) for z in body.time_zones.all()] if body is not None else []
    return zones or [fallback_zone()]


def entry_zone(body) -> Zone:
    """The zone times are typed in and dates are shown in."""
    return body_zones(body)[0]


def local(moment: datetime.datetime, body=None) -> datetime.datetime:
    """`moment` on the clock of the body's entry zone (the fallback zone without a body)."""
    zone = entry_zone(body)[0] if body is not None else fallback_zone()[0]
    return moment.astimezone(zone)


def local_date(moment: datetime.datetime, body=None) -> datetime.date:
    """The calendar day `moment` falls on for the body."""
    return local(moment, body).date()


def today(body=None, *, now: datetime.datetime | None = None) -> datetime.date:
    """Today for the body: the date in its entry zone (the fallback zone without a body)."""
    return local_date(now or timezone.now(), body)
