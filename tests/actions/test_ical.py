from __future__ import annotations

import datetime

import icalendar
import pytest
from django.urls import reverse

from actions.models import CalendarToken
from actions.services import calendar_token_for


def _feed(client, user) -> icalendar.Calendar:
    token = calendar_token_for(user)
    client.logout()  # calendar programs do not log in
    response = client.get(reverse("actions:calendar_feed", args=[token.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_feed_parses_with_meetings_in_the_body_zone_and_actions_with_due(client, principal, world):
    cal = _feed(client, principal)
    events = cal.walk("VEVENT")
    todos = {t["UID"]: t for t in cal.walk("VTODO")}
    assert {str(e["UID"]) for e in events} == {
        f"meeting-{m.pk}@minutes-tracker" for m in (world.march, world.june, world.next)
    }
    march = next(e for e in events if e["UID"] == f"meeting-{world.march.pk}@minutes-tracker")
    start = march.decoded("DTSTART")
    assert str(start.tzinfo) == "America/New_York" or start.tzinfo.tzname(start) == "EDT"
    assert start.hour == 10
    assert march["DTSTART"].params["TZID"] == "America/New_York"
    assert [z["TZID"] for z in cal.walk("VTIMEZONE")] == ["America/New_York"]
    roadmap = todos[f"action-{world.overdue_unhcr.pk}@minutes-tracker"]
    assert roadmap.decoded("DUE") == datetime.date(2023, 6, 30)
    assert roadmap["STATUS"] == "NEEDS-ACTION"
    both = todos[f"action-{world.in_progress_both.pk}@minutes-tracker"]
    assert both.decoded("DUE") == datetime.date(2023, 12, 31)
    assert both["STATUS"] == "IN-PROCESS"
    assert todos[f"action-{world.done_unhcr.pk}@minutes-tracker"]["STATUS"] == "COMPLETED"
    for component in [*events, *todos.values()]:
        assert "DTSTAMP" in component


def test_principal_feed_has_only_their_actions_and_no_drafts(client, principal, world):
    cal = _feed(client, principal)
    uids = {str(c["UID"]) for c in cal.walk() if "UID" in c}
    assert f"meeting-{world.draft.pk}@minutes-tracker" not in uids
    assert f"action-{world.draft_action.pk}@minutes-tracker" not in uids
    assert f"action-{world.future_unicef.pk}@minutes-tracker" not in uids  # UNICEF's


def test_secretariat_feed_has_every_action_and_drafts(client, secretariat, world):
    cal = _feed(client, secretariat)
    uids = {str(c["UID"]) for c in cal.walk() if "UID" in c}
    assert f"meeting-{world.draft.pk}@minutes-tracker" in uids
    assert f"action-{world.future_unicef.pk}@minutes-tracker" in uids
    undated = next(
        t for t in cal.walk("VTODO") if t["UID"] == f"action-{world.unowned.pk}@minutes-tracker"
    )
    assert "DUE" not in undated


def test_regenerating_the_token_revokes_the_old_address(client_for, principal, world):
    client = client_for(principal)
    page = client.get(reverse("actions:calendar_settings"))
    assert not CalendarToken.objects.filter(user=principal).exists()  # opening it writes nothing
    assert "Make my private address" in page.content.decode()
    assert client.post(reverse("actions:calendar_settings")).status_code == 302
    page = client.get(reverse("actions:calendar_settings"))
    old = CalendarToken.objects.get(user=principal).token
    assert old in page.content.decode()
    response = client.post(reverse("actions:calendar_settings"))
    assert response.status_code == 302
    new = CalendarToken.objects.get(user=principal).token
    assert new != old
    client.logout()
    assert client.get(reverse("actions:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("actions:calendar_feed", args=[new])).status_code == 200


def test_unknown_token_is_404_and_settings_page_needs_login(client, db):
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    response = client.get(reverse("actions:calendar_settings"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_feed_only_answers_get(client, principal, method):
    token = calendar_token_for(principal)
    response = getattr(client, method)(reverse("actions:calendar_feed", args=[token.token]))
    assert response.status_code in (403, 405)  # CSRF may refuse a POST first
