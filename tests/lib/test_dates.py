from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from lib import dates

GENEVA = ZoneInfo("Europe/Zurich")


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(1945, 1, 1),
        datetime.date(2100, 12, 31),
        datetime.datetime(1945, 1, 1, 0, 0, tzinfo=GENEVA),
        datetime.datetime(2100, 12, 31, 23, 59, tzinfo=ZoneInfo("Pacific/Kiritimati")),
        datetime.datetime(2100, 12, 31, 23, 59, tzinfo=ZoneInfo("Etc/GMT+12")),
        None,
    ],
)
def test_every_day_of_the_window_is_accepted_in_every_zone(value):
    assert dates.in_window(value)
    dates.validate_in_window(value)


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(9999, 12, 31),
        datetime.date(1, 1, 1),
        datetime.date(1944, 12, 31),
        datetime.date(2101, 1, 1),
        datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.UTC),
        datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.UTC),
    ],
)
def test_dates_outside_the_window_are_refused_with_the_message(value):
    assert not dates.in_window(value)
    with pytest.raises(ValidationError, match="between 1945 and 2100"):
        dates.validate_in_window(value)


@pytest.mark.parametrize("typed", ["9999-12-31", "0001-01-01", "31/12/9999", "2101-01-01"])
def test_form_date_field_refuses_far_out_dates(typed):
    field = dates.DateField()
    with pytest.raises(ValidationError) as caught:
        field.clean(typed)
    assert caught.value.messages == [dates.MESSAGE]


def test_form_date_field_accepts_a_day_in_the_window():
    assert dates.DateField().clean("2023-03-20") == datetime.date(2023, 3, 20)


def test_safe_astimezone_falls_back_to_utc_at_the_end_of_the_calendar():
    last = datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.UTC)
    assert dates.safe_astimezone(last, GENEVA) == last
    assert dates.safe_astimezone(last, GENEVA).tzinfo == datetime.UTC
    ordinary = datetime.datetime(2023, 3, 20, 14, 0, tzinfo=datetime.UTC)
    assert dates.safe_astimezone(ordinary, GENEVA).hour == 15
