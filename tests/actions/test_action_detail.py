from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lib import due
from minutes import services
from minutes.models import ActionPoint, ActionUpdate
from tests.factories import PRINCIPALS, make_item, make_person, make_topic, make_update, make_user


def _progress(client, action, **data):
    data.setdefault("version", action.version)
    return client.post(reverse("actions:action_update", args=[action.pk]), data)


def test_action_page_shows_source_owners_due_and_log(client_for, principal, world):
    html = client_for(principal).get(world.overdue_unhcr.get_absolute_url()).content.decode()
    assert "Develop a roadmap of the Regional Reviews process." in html
    assert world.march.title in html
    assert f"#item-{world.overdue_unhcr.agenda_item_id}" in html
    assert "by 30 June 2023" in html
    assert "Consultations started." in html
    assert "First draft circulated to focal points." in html
    assert html.index("Consultations started.") < html.index("First draft circulated")


def test_principal_of_an_owning_organisation_logs_progress_and_closes(client_for, principal, world):
    client = client_for(principal)
    response = _progress(client, world.overdue_unhcr, text="Roadmap adopted.", status="done")

    assert response.status_code == 302
    assert response["Location"] == world.overdue_unhcr.get_absolute_url()
    world.overdue_unhcr.refresh_from_db()
    assert world.overdue_unhcr.status == "done"
    assert world.overdue_unhcr.closed_at is not None
    entry = world.overdue_unhcr.updates.latest()
    assert (entry.text, entry.status_from, entry.status_to, entry.author) == (
        "Roadmap adopted.",
        "open",
        "done",
        principal,
    )
    assert entry.reviewed_at_meeting is None
    assert "Progress on" in client.get(response["Location"]).content.decode()


def test_principal_of_a_co_owning_organisation_may_log_progress(client_for, other_principal, world):
    response = _progress(
        client_for(other_principal), world.in_progress_both, text="UNICEF share delivered."
    )
    assert response.status_code == 302
    assert world.in_progress_both.updates.latest().text == "UNICEF share delivered."


def test_principal_of_another_organisation_gets_403_and_nothing_is_written(
    client_for, other_principal, world
):
    before = ActionUpdate.objects.count()
    response = _progress(client_for(other_principal), world.overdue_unhcr, text="Not ours.")
    assert response.status_code == 403
    assert ActionUpdate.objects.count() == before
    html = client_for(other_principal).get(world.overdue_unhcr.get_absolute_url()).content.decode()
    assert "Log progress" not in html


def test_owner_person_may_log_progress_without_an_owning_organisation(client_for, world, other_org):
    # A principal of a member organisation that does not own the action, named as its owner.
    person = make_person(name="Focal Point", organization=other_org)
    user = make_user("focal", group=PRINCIPALS, person=person)
    world.unowned.owner_people.add(person)
    response = _progress(
        client_for(user), world.unowned, text="Mapping done.", status="in_progress"
    )
    assert response.status_code == 302
    world.unowned.refresh_from_db()
    assert world.unowned.status == "in_progress"


def test_owner_person_with_no_role_is_told_to_ask_the_secretariat(client_for, world):
    person = make_person(name="Focal Point")
    user = make_user("focal", person=person)
    world.unowned.owner_people.add(person)
    before = ActionUpdate.objects.count()
    response = _progress(client_for(user), world.unowned, text="Mapping done.")
    assert response.status_code == 403
    assert "Your account has no role yet" in response.content.decode()
    assert ActionUpdate.objects.count() == before


def test_principal_cannot_see_an_action_of_a_draft_meeting(client_for, principal, world):
    assert client_for(principal).get(world.draft_action.get_absolute_url()).status_code == 404
    assert _progress(client_for(principal), world.draft_action, text="x").status_code == 404


def test_dropping_needs_a_reason_and_keeps_the_action(client_for, secretariat, world):
    response = _progress(client_for(secretariat), world.unowned, text=" ", status="dropped")
    assert response.status_code == 400
    world.unowned.refresh_from_db()
    assert world.unowned.status == "open"
    response = _progress(
        client_for(secretariat), world.unowned, text="Overtaken by events.", status="dropped"
    )
    world.unowned.refresh_from_db()
    assert world.unowned.status == "dropped"
    assert world.unowned.closed_at is not None
    assert ActionPoint.objects.filter(pk=world.unowned.pk).exists()  # nothing deleted


def test_secretariat_records_the_meeting_and_a_new_due_date(client_for, secretariat, world):
    response = _progress(
        client_for(secretariat),
        world.overdue_unhcr,
        text="Deferred by the meeting.",
        due_date="2031-02-10",
        due_precision=due.MONTH,
        meeting=world.next.pk,
        status="done",
    )
    assert response.status_code == 302
    world.overdue_unhcr.refresh_from_db()
    # Decided at a meeting whose summary is not circulated: the change waits for it.
    assert (world.overdue_unhcr.status, world.overdue_unhcr.due_date) == (
        "open",
        datetime.date(2023, 6, 30),
    )
    html = client_for(secretariat).get(world.overdue_unhcr.get_absolute_url()).content.decode()
    assert "pending until the summary of the meeting of" in html
    make_item(world.next)
    services.meeting_circulate(
        meeting=world.next, by=secretariat, deadline=timezone.now() + datetime.timedelta(days=10)
    )
    world.overdue_unhcr.refresh_from_db()
    assert world.overdue_unhcr.status == "done"
    assert world.overdue_unhcr.due_date == datetime.date(2031, 2, 28)
    assert world.overdue_unhcr.due_display == "February 2031"
    assert world.overdue_unhcr.closed_at_meeting == world.next
    entry = world.overdue_unhcr.updates.latest()
    assert entry.due_date_from == datetime.date(2023, 6, 30)
    assert entry.due_date_to == datetime.date(2031, 2, 28)
    assert entry.reviewed_at_meeting == world.next


def test_a_new_due_date_needs_its_precision(client_for, secretariat, world):
    response = _progress(
        client_for(secretariat), world.overdue_unhcr, text="Later.", due_date="2031-02-10"
    )
    assert response.status_code == 400
    assert "Say how precise the new due date is." in response.content.decode()


def test_a_stale_entry_is_refused_and_what_was_typed_is_kept(client_for, principal, world):
    shown_version = world.overdue_unhcr.version
    # Someone else logs progress after the page was shown.
    _progress(client_for(principal), world.overdue_unhcr, text="First.")
    response = _progress(
        client_for(principal),
        world.overdue_unhcr,
        text="Typed on a stale page.",
        status="done",
        version=shown_version,
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Somebody else saved action point" in html
    assert "Typed on a stale page." in html
    world.overdue_unhcr.refresh_from_db()
    assert world.overdue_unhcr.status == "open"
    assert not world.overdue_unhcr.updates.filter(text="Typed on a stale page.").exists()


def test_action_page_query_count_is_fixed(
    client_for, secretariat, world, member_org, other_org, django_assert_num_queries
):
    action = world.overdue_unhcr
    action.owner_organizations.add(other_org)
    action.owner_people.add(make_person(), make_person())
    action.topics.add(make_topic(), make_topic())
    for n in range(5):
        make_update(action, text=f"Entry {n}", author=secretariat, reviewed_at_meeting=world.june)
    client = client_for(secretariat)
    # session, user, groups, the action with meeting/body/decision/closing meeting,
    # the body's zones, owner orgs, owner people, topics, the log with authors and meetings,
    # the form's meeting choices, the user's organisation (nav).
    # and the unread notifications count in the navigation.
    with django_assert_num_queries(12):
        response = client.get(action.get_absolute_url())
    assert response.content.decode().count("progress-log__meta") == 7


@pytest.mark.parametrize("persona", ["principal", "other_principal", "secretariat"])
def test_progress_url_refuses_get(client_for, world, persona, request):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("actions:action_update", args=[world.overdue_unhcr.pk])
    )
    assert response.status_code == 405


def test_a_change_of_status_is_kept_in_the_history_with_who_made_it(client_for, principal, world):
    before = world.overdue_unhcr.history.count()
    _progress(client_for(principal), world.overdue_unhcr, text="Done.", status="done")
    latest = world.overdue_unhcr.history.latest()
    assert world.overdue_unhcr.history.count() == before + 1
    assert (latest.status, latest.version, latest.history_user) == (
        "done",
        world.overdue_unhcr.version + 1,
        principal,
    )


def _edit_data(action, **overrides):
    data = {
        "text": action.text,
        "organizations": [o.pk for o in action.owner_organizations.all()],
        "people": [p.pk for p in action.owner_people.all()],
        "owner_note": action.owner_note,
        "due_date": action.due_date.isoformat() if action.due_date else "",
        "due_precision": action.due_precision,
        "version": action.version,
    }
    data.update(overrides)
    return data


def test_secretariat_corrects_owners_and_due_date_and_the_log_says_so(
    client_for, secretariat, world, other_org
):
    client = client_for(secretariat)
    url = reverse("actions:action_edit", args=[world.overdue_unhcr.pk])
    assert "Develop a roadmap of the Regional Reviews process.</textarea>" in (
        client.get(url).content.decode()
    )
    response = client.post(
        url,
        _edit_data(
            world.overdue_unhcr,
            organizations=[other_org.pk],
            due_date="2031-04-02",
            due_precision=due.HALF,
        ),
    )
    assert response.status_code == 302
    world.overdue_unhcr.refresh_from_db()
    assert list(world.overdue_unhcr.owner_organizations.all()) == [other_org]
    assert world.overdue_unhcr.due_display == "first half of 2031"
    entry = world.overdue_unhcr.updates.latest()
    assert "owners (UNICEF)" in entry.text
    assert "due date (by 30 June 2023 → first half of 2031)" in entry.text
    assert entry.due_date_to == datetime.date(2031, 6, 30)


def test_a_stale_correction_is_refused_and_keeps_what_was_typed(client_for, secretariat, world):
    client = client_for(secretariat)
    data = _edit_data(world.overdue_unhcr, text="Retyped on a stale page.")
    _progress(client, world.overdue_unhcr, text="Meanwhile, progress.")
    response = client.post(reverse("actions:action_edit", args=[world.overdue_unhcr.pk]), data)
    assert response.status_code == 409
    assert "Retyped on a stale page." in response.content.decode()
    world.overdue_unhcr.refresh_from_db()
    assert world.overdue_unhcr.text == "Develop a roadmap of the Regional Reviews process."


def test_a_correction_with_a_precision_but_no_date_is_refused(client_for, secretariat, world):
    response = client_for(secretariat).post(
        reverse("actions:action_edit", args=[world.unowned.pk]),
        _edit_data(world.unowned, due_precision=due.MONTH),
    )
    assert response.status_code == 400
    assert "Give the due date" in response.content.decode()
    world.unowned.refresh_from_db()
    assert world.unowned.due_precision == due.NONE
