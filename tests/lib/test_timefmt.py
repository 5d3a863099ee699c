from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from lib import timefmt

NY, GVA = ZoneInfo("America/New_York"), ZoneInfo("Europe/Zurich")
ZONES = [(NY, "NY time"), (GVA, "GVA time")]


def test_sample_times_read_as_in_the_summary():
    start = datetime.datetime(2023, 3, 20, 10, 0, tzinfo=NY)
    end = start + datetime.timedelta(minutes=90)
    assert timefmt.format_span(start, end, ZONES) == (
        "10.00 \u2013 11.30 (NY time)/15.00 \u2013 16.30 (GVA time)"
    )
    assert timefmt.format_day(start, NY) == "Monday, 20 March 2023"


def test_times_follow_daylight_saving_in_each_zone():
    # Europe moves its clocks on 26 March 2023, two weeks after New York.
    start = datetime.datetime(2023, 3, 27, 10, 0, tzinfo=NY)
    assert timefmt.format_span(start, None, ZONES) == "10.00 (NY time)/16.00 (GVA time)"
