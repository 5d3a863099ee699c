"""The window of dates the application accepts: 1945 to 2100.

Outside it a value is a typing slip (31-12-9999, 0001-01-01), and near the ends of Python's
calendar it breaks time-zone arithmetic: 9999-12-31 23:59 in New York is year 10000 in Geneva.
Forms, the admin and the importer refuse such values with `MESSAGE`; the database refuses them
with a check constraint built from the same bounds.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

FIRST_DAY = datetime.date(1945, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)
# The instants a date of the window can be at, in any time zone (UTC-12 to UTC+14): a meeting
# on 1 January 1945 at midnight in Geneva is still 31 December 1944 in UTC.
FIRST_INSTANT = datetime.datetime(1944, 12, 31, tzinfo=datetime.UTC)
END_INSTANT = datetime.datetime(2101, 1, 2, tzinfo=datetime.UTC)

MESSAGE = _("Give a date between 1945 and 2100.")


def in_window(value: datetime.date | datetime.datetime | None) -> bool:
    if value is None:
        return True
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return FIRST_DAY <= value.date() <= LAST_DAY
        return FIRST_INSTANT <= value < END_INSTANT
    return FIRST_DAY <= value <= LAST_DAY


def validate_in_window(value: datetime.date | datetime.datetime | None) -> None:
    """Model and form field validator."""
    if not in_window(value):
        raise ValidationError(MESSAGE, code="date_window")


def window_condition(field: str, *, instant: bool) -> Q:
    """The check constraint's condition: `field` empty or inside the window."""
    low, high = (FIRST_INSTANT, END_INSTANT) if instant else (FIRST_DAY, LAST_DAY)
    inside = Q(**{f"{field}__gte": low, f"{field}__lt" if instant else f"{field}__lte": high})
    return Q(**{f"{field}__isnull": True}) | inside


class DateField(forms.DateField):
    """A form date field that refuses dates outside the window with a clear message."""

    default_validators = [validate_in_window]

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:
            raise ValidationError(MESSAGE, code="date_window") from None


def safe_astimezone(moment: datetime.datetime, zone: datetime.tzinfo) -> datetime.datetime:
    """`moment` in `zone`, or in UTC when the zone would push it past Python's calendar.

    Stored values are inside the window, but a page must not fail on an older row either.
    """
    try:
        return moment.astimezone(zone)
    except (OverflowError, ValueError):
        return moment.astimezone(datetime.UTC)


try:
    import django_filters
except ImportError:  # pragma: no cover - the filters are installed with the app
    django_filters = None
else:

    class DateFilter(django_filters.DateFilter):
        """A query-string date filter with the same window as the forms."""

        field_class = DateField
