from __future__ import annotations

import datetime

import pytest

from lib import due


@pytest.mark.parametrize(
    ("given", "precision", "stored", "shown"),
    [
        (datetime.date(2024, 6, 30), due.DAY, datetime.date(2024, 6, 30), "by 30 June 2024"),
        (datetime.date(2024, 6, 10), due.MONTH, datetime.date(2024, 6, 30), "June 2024"),
        (datetime.date(2024, 8, 15), due.QUARTER, datetime.date(2024, 9, 30), "Q3 2024"),
        (datetime.date(2024, 8, 15), due.HALF, datetime.date(2024, 12, 31), "second half of 2024"),
        (datetime.date(2024, 3, 1), due.HALF, datetime.date(2024, 6, 30), "first half of 2024"),
        (datetime.date(2024, 3, 1), due.YEAR, datetime.date(2024, 12, 31), "2024"),
    ],
)
def test_due_date_is_stored_as_period_end_and_shown_as_given(given, precision, stored, shown):
    assert due.period_end(given, precision) == stored
    assert due.format_due(stored, precision) == shown


def test_no_date_is_never_overdue():
    assert due.format_due(None, due.NONE) == "no date"
    assert due.days_overdue(None, datetime.date(2030, 1, 1)) == 0


def test_an_action_due_in_a_month_is_overdue_only_after_the_month():
    end = due.period_end(datetime.date(2024, 6, 1), due.MONTH)
    assert due.days_overdue(end, datetime.date(2024, 6, 30)) == 0
    assert due.days_overdue(end, datetime.date(2024, 7, 3)) == 3
