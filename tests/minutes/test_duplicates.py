"""A second meeting of a body on the same day is flagged, and saved only on purpose."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from minutes.models import Meeting
from tests.factories import make_body, make_meeting

NY = ZoneInfo("America/New_York")


def _form(body, **extra) -> dict:
    return {
        "body": body.pk,
        "level": "Principals",
        "modality": "virtual",
        "date": "2023-03-20",
        "start_time": "14:00",
        "status": "draft",
        **extra,
    }


def test_same_day_finds_the_bodys_meetings_on_that_day_in_its_first_zone(body):
    late = make_meeting(body=body, start=datetime.datetime(2023, 3, 20, 23, 0, tzinfo=NY))
    make_meeting(body=body, start=datetime.datetime(2023, 3, 21, 0, 30, tzinfo=NY))
    make_meeting(body=make_body(), start=datetime.datetime(2023, 3, 20, 10, 0, tzinfo=NY))
    # 23.00 in New York is already 21 March in UTC: the body's day, not UTC's, counts.
    assert list(Meeting.objects.same_day(body, datetime.date(2023, 3, 20))) == [late]


def test_creating_a_second_meeting_on_the_same_day_warns_links_and_saves_nothing(
    client_for, body, secretariat
):
    existing = make_meeting(body=body, start=datetime.datetime(2023, 3, 20, 10, 0, tzinfo=NY))
    response = client_for(secretariat).post(reverse("minutes:meeting_create"), _form(body))

    assert response.status_code == 200
    html = response.content.decode()
    assert "1 meeting of this body on the same day" in html
    assert f'href="{existing.get_absolute_url()}"' in html
    assert "Executive Committee already has a meeting on this day" in html
    assert 'type="checkbox" name="save_anyway"' in html
    assert Meeting.objects.count() == 1


def test_ticking_save_anyway_creates_the_second_meeting(client_for, body, secretariat):
    make_meeting(body=body, start=datetime.datetime(2023, 3, 20, 10, 0, tzinfo=NY))
    response = client_for(secretariat).post(
        reverse("minutes:meeting_create"), _form(body, save_anyway="on")
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(body=body).count() == 2


def test_a_first_meeting_that_day_is_created_without_a_question(client_for, body, secretariat):
    make_meeting(body=body, start=datetime.datetime(2023, 3, 19, 10, 0, tzinfo=NY))
    client = client_for(secretariat)
    form = client.get(reverse("minutes:meeting_create")).content.decode()
    assert 'type="checkbox" name="save_anyway"' not in form
    response = client.post(reverse("minutes:meeting_create"), _form(body))
    assert response.status_code == 302
    assert Meeting.objects.filter(body=body).count() == 2
