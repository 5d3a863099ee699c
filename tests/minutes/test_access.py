"""The visibility policy (minutes.access): who sees what, rule by rule."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from actions.reminders import build_digests
from minutes import access, services
from minutes.models import ActionPoint, Meeting
from participants.models import BodyMembership
from tests.factories import (
    PRINCIPALS,
    SECRETARIAT,
    make_action,
    make_body,
    make_decision,
    make_item,
    make_meeting,
    make_organization,
    make_person,
    make_update,
    make_user,
)

NOW = datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _pinned_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def planned(body):
    meeting = make_meeting(
        body=body,
        status=Meeting.Status.PLANNED,
        start=NOW + datetime.timedelta(days=10),
        opening_remarks="Planned opening remarks.",
    )
    item = make_item(meeting, title="Planned agenda item", discussion="Planned discussion.")
    make_decision(item, text="Planned decision.")
    make_action(item, text="Planned action.")
    return meeting


@pytest.fixture
def circulated(body):
    meeting = make_meeting(
        body=body,
        status=Meeting.Status.CIRCULATED,
        start=NOW - datetime.timedelta(days=30),
        review_deadline=NOW + datetime.timedelta(days=3),
    )
    item = make_item(meeting, title="Circulated item", discussion="Circulated discussion.")
    make_decision(item, text="Circulated decision.")
    make_action(item, text="Circulated action.")
    return meeting


@pytest.fixture
def draft(body):
    meeting = make_meeting(
        body=body, status=Meeting.Status.DRAFT, start=NOW - datetime.timedelta(2)
    )
    make_item(meeting, title="Draft item")
    return meeting


@pytest.fixture
def outsider(db):
    person = make_person(name="Cindy McCain", organization=make_organization(acronym="WFP"))
    return make_user("outsider", group=PRINCIPALS, person=person)


def test_planned_meeting_shows_principals_its_header_and_agenda_only(
    client_for, principal, planned
):
    html = client_for(principal).get(planned.get_absolute_url()).content.decode()
    assert planned.title in html and "Planned agenda item" in html
    for hidden in ("Planned opening remarks", "Planned discussion", "Planned decision"):
        assert hidden not in html
    assert "Gillian Triggs" not in html  # the attendance waits for circulation too
    assert not access.decisions_for(principal).filter(agenda_item__meeting=planned).exists()
    assert not access.actions_for(principal).filter(agenda_item__meeting=planned).exists()


def test_planned_meeting_exports_carry_the_agenda_only_for_principals(
    client_for, principal, secretariat, planned
):
    url = reverse("summaries:export_markdown", args=[planned.pk])
    text = client_for(principal).get(url).content.decode()
    assert "Planned agenda item" in text
    assert "Planned discussion" not in text and "Planned action" not in text
    text = client_for(secretariat).get(url).content.decode()
    assert "Planned discussion" in text and "Planned action" in text


def test_principal_cannot_log_progress_on_a_planned_meetings_action(
    client_for, principal, member_org, planned
):
    action = ActionPoint.objects.get(agenda_item__meeting=planned)
    action.owner_organizations.add(member_org)
    response = client_for(principal).post(
        reverse("actions:action_update", args=[action.pk]), {"text": "Done.", "version": 1}
    )
    assert response.status_code == 404
    assert not action.updates.exists()


def test_a_note_recorded_at_a_draft_waits_for_its_circulation(
    client_for, principal, secretariat, circulated, draft
):
    action = ActionPoint.objects.get(agenda_item__meeting=circulated)
    make_update(action, text="Reviewed at the draft.", reviewed_at_meeting=draft)
    make_update(action, text="Plain progress.")
    assert list(access.updates_for(principal).values_list("text", flat=True)) == ["Plain progress."]
    html = client_for(principal).get(action.get_absolute_url()).content.decode()
    assert "Plain progress." in html and "Reviewed at the draft." not in html
    tracker = client_for(principal).get(reverse("actions:action_list")).content.decode()
    assert "Reviewed at the draft." not in tracker
    services.meeting_circulate(
        meeting=draft, by=secretariat, deadline=NOW + datetime.timedelta(days=7)
    )
    assert access.updates_for(principal).count() == 2


def test_a_principal_of_an_organisation_without_a_seat_sees_nothing_of_the_body(
    client_for, outsider, circulated, body
):
    assert not access.meetings_for(outsider).exists()
    response = client_for(outsider).get(circulated.get_absolute_url())
    assert response.status_code == 404
    body.open_to_all_principals = True
    body.save()
    assert list(access.meetings_for(outsider)) == [circulated]
    assert access.decisions_for(outsider).count() == 1


def test_membership_is_judged_today(principal, member_org, circulated, body):
    BodyMembership.objects.filter(organization=member_org).update(
        end=NOW.date() - datetime.timedelta(days=1)
    )
    # The meeting was held while the seat was held; the seat is gone today.
    assert not access.meetings_for(principal).exists()


def test_principals_never_see_a_draft(principal, secretariat, draft, circulated):
    assert list(access.meetings_for(principal)) == [circulated]
    assert set(access.meetings_for(secretariat)) == {draft, circulated}


def test_newcomers_typed_in_on_a_draft_stay_out_of_principals_lists(
    client_for, principal, secretariat, draft
):
    attendance = services.person_create_and_attend(
        meeting=draft,
        by=secretariat,
        name="Newcomer Person",
        title="Envoy",
        new_organization_name="Newcomer Agency",
        new_organization_acronym="NEWAG",
    )
    client = client_for(principal)
    assert "Newcomer Person" not in client.get(reverse("reports:person_list")).content.decode()
    assert "NEWAG" not in client.get(reverse("reports:organization_list")).content.decode()
    person_url = reverse("reports:person_detail", args=[attendance.person.pk])
    assert client.get(person_url).status_code == 404
    # Registry entries seen at no meeting stay listed.
    make_person(name="Registry Person")
    assert "Registry Person" in client.get(reverse("reports:person_list")).content.decode()
    services.meeting_circulate(
        meeting=draft, by=secretariat, deadline=NOW + datetime.timedelta(days=7)
    )
    assert client.get(person_url).status_code == 200
    assert access.organizations_for(principal).filter(acronym="NEWAG").exists()


def test_a_login_with_no_role_gets_a_page_saying_so(client_for, circulated):
    user = make_user("norole")
    client = client_for(user)
    for url in (reverse("dashboard"), reverse("minutes:meeting_list"), reverse("search:search")):
        response = client.get(url)
        assert response.status_code == 403
        assert "Your account has no role yet" in response.content.decode()
    assert client.get(reverse("password_change")).status_code == 200
    assert not access.meetings_for(user).exists()
    assert not access.people_for(user).exists()


def test_only_the_secretariat_enters_the_admin(client_for, principal):
    staff = make_user("staff", is_staff=True)
    assert client_for(staff).get(reverse("admin:index")).status_code == 302
    clerk = make_user("clerk", group=SECRETARIAT, is_staff=True)
    assert client_for(clerk).get(reverse("admin:index")).status_code == 200
    principal.is_staff = True
    principal.save()
    assert client_for(principal).get(reverse("admin:index")).status_code == 302


def test_reminders_leave_out_actions_of_planned_and_draft_meetings(
    body, member_org, principal, planned, draft, circulated
):
    principal.email = "g.triggs@example.org"
    principal.save()
    due_day = NOW.date() - datetime.timedelta(days=1)
    for meeting in (planned, draft, circulated):
        item = make_item(meeting, title="Owed")
        make_action(item, text=f"Owed {meeting.status}.", owners=[member_org], due_day=due_day)
    digests = build_digests(7, NOW.date())
    texts = {a.text for d in digests for a in d.actions}
    assert texts == {"Owed circulated."}


def test_a_body_open_to_all_principals_needs_no_seat(client_for, outsider):
    body = make_body(open_to_all_principals=True)
    meeting = make_meeting(body=body, status=Meeting.Status.APPROVED, title="Open body meeting")
    assert list(access.meetings_for(outsider)) == [meeting]
    response = client_for(outsider).get(meeting.get_absolute_url())
    assert response.status_code == 200 and "Open body meeting" in response.content.decode()


def test_the_rules_kept_for_a_request_follow_a_seat_given_meanwhile(principal, member_org):
    """The reader's rules are built once per request, and read afresh wherever they are used."""
    committee = make_body()
    meeting = make_meeting(body=committee, status=Meeting.Status.APPROVED)
    assert meeting not in access.meetings_for(principal)
    assert committee not in access.readable_bodies(principal)
    BodyMembership.objects.create(body=committee, organization=member_org)
    assert committee in access.readable_bodies(principal)
    assert meeting in access.meetings_for(principal)
    assert meeting in access.meetings_with_content_for(principal)
