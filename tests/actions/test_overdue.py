from __future__ import annotations

import datetime

import pytest

from lib import due
from minutes.models import ActionPoint
from tests.factories import make_action, make_item, make_meeting

TODAY = datetime.date(2024, 7, 15)


@pytest.mark.parametrize(
    ("given", "precision", "overdue_days"),
    [
        (datetime.date(2024, 7, 14), due.DAY, 1),
        (datetime.date(2024, 7, 15), due.DAY, 0),  # due today is not overdue yet
        (datetime.date(2024, 6, 3), due.MONTH, 15),  # June ends on the 30th
        (datetime.date(2024, 7, 1), due.MONTH, 0),  # July is not over
        (datetime.date(2024, 5, 1), due.QUARTER, 15),  # Q2 ended 30 June
        (datetime.date(2024, 8, 1), due.QUARTER, 0),  # Q3 runs to 30 September
        (datetime.date(2024, 2, 1), due.HALF, 15),  # first half ended 30 June
        (datetime.date(2024, 9, 1), due.HALF, 0),
        (datetime.date(2023, 3, 1), due.YEAR, 197),  # 2023 ended 31 December
        (datetime.date(2024, 3, 1), due.YEAR, 0),
    ],
)
def test_overdue_for_every_precision_counts_from_the_end_of_the_period(
    db, given, precision, overdue_days
):
    action = make_action(make_item(make_meeting()), due_day=given, precision=precision)

    assert action.days_overdue(TODAY) == overdue_days
    assert ActionPoint.objects.overdue(TODAY).filter(pk=action.pk).exists() == bool(overdue_days)


def test_undated_action_is_never_overdue(db):
    action = make_action(make_item(make_meeting()))
    assert action.due_display == "no date"
    assert action.days_overdue(datetime.date(2099, 1, 1)) == 0
    assert not ActionPoint.objects.overdue(datetime.date(2099, 1, 1)).exists()


@pytest.mark.parametrize("status", [ActionPoint.Status.DONE, ActionPoint.Status.DROPPED])
def test_closed_action_is_never_overdue(db, status):
    action = make_action(
        make_item(make_meeting()), due_day=datetime.date(2020, 1, 1), status=status
    )
    assert action.days_overdue(TODAY) == 0
    assert not ActionPoint.objects.overdue(TODAY).exists()


def test_in_progress_action_can_be_overdue(db):
    action = make_action(
        make_item(make_meeting()),
        due_day=datetime.date(2024, 7, 1),
        status=ActionPoint.Status.IN_PROGRESS,
    )
    assert action.days_overdue(TODAY) == 14
    assert list(ActionPoint.objects.overdue(TODAY)) == [action]
