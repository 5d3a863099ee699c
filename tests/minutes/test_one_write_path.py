"""One write path per record: every change to an action point is logged by whoever made it,
its closing fields follow its status both ways, and a stale save of any part writes nothing."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from lib import due
from minutes import services
from minutes.models import ActionPoint, ActionUpdate, AgendaItem, Attendance, Meeting
from tests.factories import (
    make_action,
    make_attendance,
    make_item,
    make_meeting,
    make_person,
)

NOW = datetime.datetime(2024, 5, 6, 12, 0, tzinfo=datetime.UTC)


def _editor_row(action: ActionPoint, **overrides) -> dict:
    row = {
        "id": action.pk,
        "version": action.version,
        "text": action.text,
        "due_precision": action.due_precision,
        "due_day": action.due_date.isoformat() if action.due_date else "",
        "status": action.status,
    }
    row.update(overrides)
    return {f"actions-0-{key}": value for key, value in row.items()}


def _post_item(client, item: AgendaItem, action: ActionPoint, **overrides):
    data = {
        "title": item.title,
        "kind": item.kind,
        "discussion": item.discussion,
        "version": item.version,
        "decisions-TOTAL_FORMS": "0",
        "decisions-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "1",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        **_editor_row(action, **overrides),
    }
    return client.post(reverse("minutes:item_edit", args=[item.meeting_id, item.pk]), data)


# The item editor -----------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_item_editor_status_change_is_logged_with_its_author(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    item = make_item(meeting)
    action = make_action(item)
    response = _post_item(client_for(secretariat), item, action, status="done")
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.closed_at, action.version) == ("done", NOW, 2)
    entry = action.updates.get()
    assert (entry.status_from, entry.status_to, entry.author) == ("open", "done", secretariat)
    assert entry.text == "Changed: status (Open → Done)."
    assert action.history.latest().history_user == secretariat


def test_item_editor_due_date_change_is_logged(client_for, body, secretariat):
    item = make_item(make_meeting(body=body))
    action = make_action(item, due_day=datetime.date(2024, 3, 31), precision=due.DAY)
    _post_item(
        client_for(secretariat), item, action, due_day="2024-08-01", due_precision=due.QUARTER
    )
    entry = action.updates.get()
    assert (entry.due_date_from, entry.due_date_to) == (
        datetime.date(2024, 3, 31),
        datetime.date(2024, 9, 30),
    )
    assert "due date (by 31 March 2024 → Q3 2024)" in entry.text


def test_reopening_from_the_item_editor_clears_both_closing_fields(client_for, body, secretariat):
    item = make_item(make_meeting(body=body))
    review = make_meeting(body=body, status=Meeting.Status.APPROVED)
    action = make_action(item, status="done", closed_at_meeting=review)
    _post_item(client_for(secretariat), item, action, status="open")
    action.refresh_from_db()
    assert (action.status, action.closed_at, action.closed_at_meeting) == ("open", None, None)
    entry = action.updates.get()
    assert (entry.status_from, entry.status_to) == ("done", "open")


def test_a_text_correction_in_the_editor_is_logged(client_for, body, secretariat):
    item = make_item(make_meeting(body=body))
    action = make_action(item)
    _post_item(client_for(secretariat), item, action, text="Reworded while drafting")
    action.refresh_from_db()
    assert action.text == "Reworded while drafting"
    assert list(action.updates.values_list("text", flat=True)) == ["Changed: text."]


def test_item_editor_refuses_an_action_without_text_and_writes_nothing(
    client_for, body, secretariat
):
    item = make_item(make_meeting(body=body))
    action = make_action(item)
    response = _post_item(client_for(secretariat), item, action, text="", status="done")
    assert response.status_code == 200
    assert "An action point needs its text." in response.content.decode()
    action.refresh_from_db()
    assert (action.status, action.version) == ("open", 1)
    assert not ActionUpdate.objects.exists()


# The service itself ------------------------------------------------------------------------------


def test_closing_at_a_meeting_records_it_and_reopening_clears_it(body, secretariat):
    item = make_item(make_meeting(body=body))
    follow_up = make_meeting(body=body, status="circulated")
    action = make_action(item)
    action = services.action_point_update(
        action=action, by=secretariat, status="done", meeting=follow_up, note="Done."
    )
    assert action.closed_at is not None and action.closed_at_meeting == follow_up
    assert action.logged.reviewed_at_meeting == follow_up
    action = services.action_point_update(action=action, by=secretariat, status="in_progress")
    assert (action.closed_at, action.closed_at_meeting) == (None, None)
    assert list(action.updates.values_list("status_to", flat=True)) == ["done", "in_progress"]


def test_an_action_added_as_done_is_closed_and_says_so_in_its_log(body, secretariat):
    item = make_item(make_meeting(body=body))
    action = services.action_point_add(
        item=item, by=secretariat, text="Already done", status="done"
    )
    assert action.closed_at is not None
    entry = action.updates.get()
    assert (entry.status_from, entry.status_to, entry.author) == ("open", "done", secretariat)


def test_a_stale_action_change_writes_neither_row_nor_log(body, secretariat):
    action = make_action(make_item(make_meeting(body=body)))
    services.action_point_update(action=action, by=secretariat, version=1, text="First")
    with pytest.raises(services.StaleEdit, match="Somebody else saved action point"):
        services.action_point_update(action=action, by=secretariat, version=1, status="done")
    action.refresh_from_db()
    assert (action.status, action.version) == ("open", 2)
    assert list(action.updates.values_list("text", flat=True)) == ["Changed: text."]


def test_stale_edits_and_rule_breaks_are_one_family():
    assert issubclass(services.StaleEdit, services.ServiceError)
    assert issubclass(services.MeetingLocked, services.ServiceError)
    assert issubclass(services.InvalidChange, services.ServiceError)


def test_by_is_the_history_user_even_without_a_request(body, secretariat):
    meeting = make_meeting(body=body)
    meeting = services.meeting_update(
        meeting=meeting, by=secretariat, data={"title": "Renamed"}, version=meeting.version
    )
    item = services.agenda_item_add(meeting=meeting, by=secretariat, title="GCM", kind="regular")
    decision = services.decision_add(item=item, by=secretariat, kind="agreed", text="Agreed.")
    attendance = services.attendance_add(meeting=meeting, person=make_person(), by=secretariat)
    action = services.action_point_add(item=item, by=secretariat, text="Report back")
    for record in (meeting, item, decision, attendance, action):
        assert record.history.latest().history_user == secretariat, record


# Attendance ----------------------------------------------------------------------------------


def _attendance_post(attendance: Attendance, *, version: int, **fields) -> dict:
    row = {
        "id": attendance.pk,
        "version": version,
        "position": attendance.position,
        "organization": attendance.organization_id or "",
        "title": attendance.title,
        "role": attendance.role,
        "status": attendance.status,
        "represented_by": attendance.represented_by_id or "",
        **fields,
    }
    return {
        "attendance-TOTAL_FORMS": "1",
        "attendance-INITIAL_FORMS": "1",
        **{f"attendance-0-{key}": value for key, value in row.items()},
    }


def test_a_stale_attendance_save_writes_nothing_and_shows_what_is_saved(
    client_for, body, secretariat, member_org
):
    meeting = make_meeting(body=body)
    attendance = make_attendance(meeting, make_person(name="Gillian Triggs"), title="Director")
    client = client_for(secretariat)
    url = reverse("minutes:meeting_attendance", args=[meeting.pk])
    opened = attendance.version
    # Somebody else records the apologies first.
    first = client.post(url, _attendance_post(attendance, version=opened, status="apologies"))
    assert first.status_code == 302
    # The second save, from a page opened before, would silently put "present" back.
    response = client.post(url, _attendance_post(attendance, version=opened, role="Chair"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Somebody else saved the attendance of Gillian Triggs" in html
    assert "What is saved now" in html and "Apologies" in html
    # What they typed is kept, against the saved version.
    assert 'value="Chair"' in html
    assert f'name="attendance-0-version" value="{opened + 1}"' in html
    attendance.refresh_from_db()
    assert (attendance.status, attendance.role, attendance.version) == ("apologies", "", 2)


def test_removing_a_row_changed_meanwhile_is_refused(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    attendance = make_attendance(meeting, make_person())
    Attendance.objects.filter(pk=attendance.pk).update(version=2, role="Chair")
    data = _attendance_post(attendance, version=1, **{"DELETE": "on"})
    response = client_for(secretariat).post(
        reverse("minutes:meeting_attendance", args=[meeting.pk]), data
    )
    assert response.status_code == 409
    assert Attendance.objects.filter(pk=attendance.pk).exists()


def test_a_current_attendance_save_bumps_the_version(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    attendance = make_attendance(meeting, make_person())
    response = client_for(secretariat).post(
        reverse("minutes:meeting_attendance", args=[meeting.pk]),
        _attendance_post(attendance, version=1, role="Rapporteur"),
    )
    assert response.status_code == 302
    attendance.refresh_from_db()
    assert (attendance.role, attendance.version) == ("Rapporteur", 2)
    assert attendance.history.latest().history_user == secretariat


# The admin -----------------------------------------------------------------------------------


def _admin_post(action: ActionPoint, **overrides) -> dict:
    data = {
        "text": action.text,
        "owner_organizations": [o.pk for o in action.owner_organizations.all()],
        "owner_people": [p.pk for p in action.owner_people.all()],
        "owner_note": action.owner_note,
        "due_date": action.due_date.isoformat() if action.due_date else "",
        "due_precision": action.due_precision,
        "status": action.status,
        "topics": [],
        "seen_version": action.version,
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
        "updates-MIN_NUM_FORMS": "0",
        "updates-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_a_status_change_in_the_admin_is_logged_like_any_other(client_for, body, admin):
    action = make_action(make_item(make_meeting(body=body)))
    url = reverse("admin:minutes_actionpoint_change", args=[action.pk])
    response = client_for(admin).post(url, _admin_post(action, status="dropped"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "dropped" and action.closed_at is not None
    entry = action.updates.get()
    assert (entry.status_from, entry.status_to, entry.author) == ("open", "dropped", admin)
    assert action.history.latest().history_user == admin


def test_a_stale_admin_save_is_refused(client_for, body, admin, secretariat):
    action = make_action(make_item(make_meeting(body=body)))
    data = _admin_post(action, status="done")
    services.action_point_update(action=action, by=secretariat, text="Reworded")
    response = client_for(admin).post(
        reverse("admin:minutes_actionpoint_change", args=[action.pk]), data
    )
    assert response.status_code == 200
    assert "Somebody else saved action point" in response.content.decode()
    action.refresh_from_db()
    assert (action.status, action.text) == ("open", "Reworded")


def test_the_item_admin_shows_action_points_without_editing_them(client_for, body, admin):
    item = make_item(make_meeting(body=body))
    make_action(item, text="Report back")
    html = (
        client_for(admin)
        .get(reverse("admin:minutes_agendaitem_change", args=[item.pk]))
        .content.decode()
    )
    # Linked, not inlined: the action's own page is where it changes (and is logged).
    assert "Action points (1)" in html
    assert f"?agenda_item__id__exact={item.pk}" in html
    assert 'name="action_points-0-status"' not in html
