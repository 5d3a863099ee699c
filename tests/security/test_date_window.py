"""Far-out dates (31-12-9999, 0001-01-01) are refused everywhere a date is typed, the database
refuses them too, and the pages that show a meeting keep working at both ends of the window."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from lib import dates
from minutes.models import ActionPoint, Meeting, SummaryEvent
from participants.models import Position
from tests.factories import make_action, make_item, make_meeting, make_person

NOW = datetime.datetime(2023, 3, 21, 9, 0, tzinfo=datetime.UTC)
GENEVA = ZoneInfo("Europe/Zurich")


@pytest.fixture(autouse=True)
def _pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _meeting_post(body, day):
    return {
        "body": body.pk,
        "modality": "virtual",
        "date": day,
        "start_time": "23:59",
        "status": "draft",
    }


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1944-12-31", "2101-01-01"])
def test_meeting_form_refuses_a_far_out_date_and_saves_nothing(client_for, body, secretariat, day):
    response = client_for(secretariat).post(
        reverse("minutes:meeting_create"), _meeting_post(body, day)
    )
    assert response.status_code == 200
    assert str(dates.MESSAGE) in response.content.decode()
    assert not Meeting.objects.exists()


def test_circulation_deadline_in_year_9999_is_refused(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    make_item(meeting)
    response = client_for(secretariat).post(
        reverse("minutes:meeting_circulate", args=[meeting.pk]),
        {"deadline_date": "9999-12-31", "deadline_time": "23:59"},
        follow=True,
    )
    assert str(dates.MESSAGE) in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT
    assert meeting.review_deadline is None
    assert not SummaryEvent.objects.filter(meeting=meeting).exists()


def test_admin_refuses_a_far_out_meeting_start(client_for, admin, body):
    meeting = make_meeting(body=body)
    response = client_for(admin).post(
        reverse("admin:minutes_meeting_change", args=[meeting.pk]),
        {
            "body": body.pk,
            "title": meeting.title,
            "start_0": "31/12/9999",
            "start_1": "23:59",
            "status": "draft",
            "version": 1,
        },
    )
    assert response.status_code == 200
    assert str(dates.MESSAGE) in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.start.year == 2023


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (Meeting, "start", datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.UTC)),
        (Meeting, "review_deadline", datetime.datetime(1, 1, 1, 1, 0, tzinfo=datetime.UTC)),
        (ActionPoint, "due_date", datetime.date(9999, 12, 31)),
        (Position, "start", datetime.date(1, 1, 1)),
    ],
)
def test_database_refuses_a_far_out_date_written_around_the_forms(
    body, member_org, model, field, value
):
    meeting = make_meeting(body=body, status=Meeting.Status.CIRCULATED)
    action = make_action(make_item(meeting), due_day=datetime.date(2023, 6, 30))
    person = make_person(organization=member_org)
    row = {Meeting: meeting, ActionPoint: action, Position: person.positions.get()}[model]
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**{field: value})


@pytest.mark.parametrize(
    "start",
    [
        datetime.datetime(2100, 12, 31, 23, 59, tzinfo=GENEVA),
        datetime.datetime(1945, 1, 1, 0, 0, tzinfo=GENEVA),
    ],
)
def test_pages_show_a_meeting_at_either_end_of_the_window(
    client_for, body, secretariat, principal, start
):
    meeting = make_meeting(
        body=body,
        start=start,
        end=None,
        status=Meeting.Status.CIRCULATED,
        review_deadline=start,
    )
    make_action(make_item(meeting), due_day=dates.LAST_DAY, text="Far-off action")
    for user in (secretariat, principal):
        client = client_for(user)
        for url in (
            reverse("dashboard"),
            reverse("minutes:meeting_list"),
            meeting.get_absolute_url(),
            reverse("actions:action_list"),
            reverse("search:search") + "?q=Far-off",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
        assert meeting.title in client.get(reverse("minutes:meeting_list")).content.decode()
