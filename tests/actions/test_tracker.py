from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse

from lib import due
from minutes.models import ActionPoint, ActionUpdate
from tests.actions.conftest import days_from_today
from tests.factories import make_action, make_item, make_person, make_topic, make_update

TRACKER = "/actions/"
EXPORT = "/actions/export.csv"


def _csv_rows(response) -> list[dict]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(content[1:])))


def _page_refs(response) -> list[str]:
    return [a.reference for a in response.context["actions"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["future_unicef", "unowned", "overdue_unhcr", "done_unhcr", "in_progress_both"]),
        ("status=open", ["future_unicef", "unowned", "overdue_unhcr"]),
        (
            "status=open&status=in_progress&sort=due",
            ["overdue_unhcr", "in_progress_both", "future_unicef", "unowned"],
        ),
        ("overdue=true&sort=due", ["overdue_unhcr", "in_progress_both"]),
        ("organization={member_org}", ["overdue_unhcr", "done_unhcr", "in_progress_both"]),
        ("organization={other_org}&status=open", ["future_unicef"]),
        ("meeting={june}", ["future_unicef", "unowned"]),
        # Typed without JavaScript: a date as the body counts days, or words of the title.
        ("meeting_text=2023-06-12", ["future_unicef", "unowned"]),
        ("meeting_text=2023-06-13", []),
        ("meeting_text=executive+principals&status=done", ["done_unhcr"]),
        ("meeting_text=no+such+title", []),
        # A meeting picked from the suggestions wins over the text it was picked with.
        ("meeting={june}&meeting_text=2023-06-12+Executive", ["future_unicef", "unowned"]),
        ("q=roadmap", ["overdue_unhcr"]),
        ("due_after=2023-07-01&due_before=2023-12-31", ["in_progress_both"]),
        (
            "sort=status",
            ["overdue_unhcr", "future_unicef", "unowned", "in_progress_both", "done_unhcr"],
        ),
    ],
)
def test_tracker_filters_and_csv_export_give_the_same_rows(
    client_for, principal, world, member_org, other_org, query, expected
):
    query = query.format(member_org=member_org.pk, other_org=other_org.pk, june=world.june.pk)
    client = client_for(principal)
    expected_refs = [getattr(world, name).reference for name in expected]

    page = client.get(f"{TRACKER}?{query}")
    export = client.get(f"{EXPORT}?{query}")

    assert _page_refs(page) == expected_refs
    assert [row["Reference"] for row in _csv_rows(export)] == expected_refs


def test_tracker_never_shows_draft_actions_to_principals(client_for, principal, secretariat, world):
    assert world.draft_action.reference not in _page_refs(client_for(principal).get(TRACKER))
    assert world.draft_action.reference in _page_refs(client_for(secretariat).get(TRACKER))


def test_tracker_row_shows_source_owners_precise_due_overdue_and_latest_entry(
    client_for, principal, world
):
    html = client_for(principal).get(f"{TRACKER}?q=roadmap").content.decode()
    assert (
        f'href="{world.march.get_absolute_url()}#item-{world.overdue_unhcr.agenda_item_id}"' in html
    )
    assert "UNHCR" in html
    assert "by 30 June 2023" in html
    assert f"{world.overdue_unhcr.days_overdue()} days overdue" in html
    assert "First draft circulated to focal points." in html
    assert "Consultations started." not in html
    html = client_for(principal).get(f"{TRACKER}?q=complementarity").content.decode()
    assert "Q4 2023" in html


def test_tracker_paginates_and_keeps_the_filters_in_the_links(client_for, secretariat, world):
    item = make_item(world.june)
    for n in range(55):
        make_action(item, text=f"Bulk action {n}")
    response = client_for(secretariat).get(f"{TRACKER}?q=Bulk")
    assert len(response.context["actions"]) == 50
    assert "?q=Bulk&amp;page=2" in response.content.decode()
    assert len(client_for(secretariat).get(f"{TRACKER}?q=Bulk&page=2").context["actions"]) == 5
    # The CSV has every filtered row, not one page.
    assert len(_csv_rows(client_for(secretariat).get(f"{EXPORT}?q=Bulk"))) == 55


def test_tracker_query_count_does_not_grow_with_rows(
    client_for, secretariat, world, member_org, other_org, django_assert_num_queries
):
    person = make_person(organization=member_org)
    topic = make_topic()
    for n in range(30):
        action = make_action(
            make_item(world.june), owners=[member_org, other_org], people=[person], text=f"Row {n}"
        )
        action.topics.add(topic)
        make_update(action)
        make_update(action)
    client = client_for(secretariat)
    # session, user, groups, count, page of actions, owner orgs, owner people, body zones,
    # logs; the filter form's choices: organisations, bodies, topics (people and meetings
    # are typed, not listed); the bulk form's organisations; the user's organisation (nav);
    # and the unread notifications count in the navigation.
    with django_assert_num_queries(15):
        response = client.get(TRACKER)
    assert len(response.context["actions"]) == 36  # 6 of the world, 30 here
    # The export: session, user, groups, actions, owner orgs, owner people, body zones, logs.
    with django_assert_num_queries(8):
        export = client.get(EXPORT)
    assert len(_csv_rows(export)) == 36


def test_csv_export_is_excel_friendly_and_neutralises_formulas(client_for, secretariat, world):
    action = make_action(
        make_item(world.june),
        text='=HYPERLINK("http://evil.example","click")',
        owner_note="+cmd",
        due_day=datetime.date(2024, 8, 15),
        precision=due.QUARTER,
    )
    make_update(action, text="@SUM(A1:A9) café")
    response = client_for(secretariat).get(f"{EXPORT}?q=HYPERLINK")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    (row,) = _csv_rows(response)
    assert row["Action"].startswith("'=HYPERLINK")
    assert row["Owner note"] == "'+cmd"
    assert row["Latest progress"] == "'@SUM(A1:A9) café"
    assert row["Due"] == "Q3 2024"
    assert row["Due date"] == "2024-09-30"
    assert row["Meeting date"] == "2023-06-12"


def test_bulk_change_closes_rows_with_a_log_entry_each(client_for, secretariat, world):
    rows = [world.overdue_unhcr, world.unowned]
    response = client_for(secretariat).post(
        reverse("actions:action_bulk"),
        {
            "rows": [f"{a.pk}:{a.version}" for a in rows],
            "status": "done",
            "note": "Confirmed by e-mail.",
            "query": "status=open",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/actions/?status=open"
    for action in rows:
        action.refresh_from_db()
        assert action.status == "done"
        assert action.closed_at is not None
        entry = action.updates.latest()
        assert (entry.status_from, entry.status_to, entry.author) == ("open", "done", secretariat)
        assert entry.text.startswith("Confirmed by e-mail.")
    world.future_unicef.refresh_from_db()
    assert world.future_unicef.status == "open"


def test_bulk_change_replaces_owners(client_for, secretariat, world, other_org):
    person = make_person(name="Amina Okafor")
    rows = [world.overdue_unhcr, world.unowned]
    client_for(secretariat).post(
        reverse("actions:action_bulk"),
        {
            "rows": [f"{a.pk}:{a.version}" for a in rows],
            "set_owners": "on",
            "organizations": [other_org.pk],
            "people": "Amina Okafor",
        },
    )
    for action in rows:
        assert list(action.owner_organizations.all()) == [other_org]
        assert list(action.owner_people.all()) == [person]
        assert "Changed: owners (UNICEF" in action.updates.latest().text
        action.refresh_from_db()
        assert action.status == "open"


def test_bulk_drop_without_reason_writes_nothing(client_for, secretariat, world):
    before = ActionUpdate.objects.count()
    response = client_for(secretariat).post(
        reverse("actions:action_bulk"),
        {"rows": [f"{world.overdue_unhcr.pk}:{world.overdue_unhcr.version}"], "status": "dropped"},
        follow=True,
    )
    assert "Dropping actions needs a reason." in response.content.decode()
    assert ActionUpdate.objects.count() == before
    world.overdue_unhcr.refresh_from_db()
    assert world.overdue_unhcr.status == "open"


def test_bulk_change_of_a_stale_row_changes_no_row(client_for, secretariat, world):
    stale = f"{world.unowned.pk}:{world.unowned.version}"
    ActionPoint.objects.filter(pk=world.unowned.pk).update(version=world.unowned.version + 1)
    response = client_for(secretariat).post(
        reverse("actions:action_bulk"),
        {
            "rows": [f"{world.overdue_unhcr.pk}:{world.overdue_unhcr.version}", stale],
            "status": "done",
        },
        follow=True,
    )
    assert "Somebody else saved action point" in response.content.decode()
    world.overdue_unhcr.refresh_from_db()
    assert world.overdue_unhcr.status == "open"


def test_principals_cannot_bulk_change(client_for, principal, world):
    response = client_for(principal).post(
        reverse("actions:action_bulk"),
        {"rows": [f"{world.overdue_unhcr.pk}:{world.overdue_unhcr.version}"], "status": "done"},
    )
    assert response.status_code == 403
    world.overdue_unhcr.refresh_from_db()
    assert world.overdue_unhcr.status == "open"


def test_bulk_change_refuses_get(client_for, secretariat, db):
    assert client_for(secretariat).get(reverse("actions:action_bulk")).status_code == 405


def test_principal_sees_no_bulk_form(client_for, principal, world):
    html = client_for(principal).get(TRACKER).content.decode()
    assert 'name="rows"' not in html
    assert "Change the selected action points" not in html


def test_days_from_today_helper_is_in_the_future(world):
    assert world.future_unicef.due_date == days_from_today(10)
    assert world.future_unicef.days_overdue() == 0


def test_owner_is_typed_and_matched_by_name_or_picked_by_id(client_for, principal, world):
    amina = make_person(name="Amina Okafor")
    world.overdue_unhcr.owner_people.add(amina)
    world.unowned.owner_people.add(make_person(name="Carlos Silva"))
    client = client_for(principal)
    assert _page_refs(client.get(f"{TRACKER}?owner=okafor")) == [world.overdue_unhcr.reference]
    assert _page_refs(client.get(f"{TRACKER}?owner=nobody")) == []
    picked = client.get(f"{TRACKER}?owner=Amina+Okafor&person={amina.pk}")
    assert _page_refs(picked) == [world.overdue_unhcr.reference]
    html = picked.content.decode()
    # Typed fields with a hidden id each, no select listing every person or meeting.
    assert (
        'name="owner" value="Amina Okafor" data-lookup-url="/actions/lookup/owners/" data-lookup-for="id_person"'
        in html
    )
    assert f'<input type="hidden" name="person" value="{amina.pk}"' in html
    assert '<select name="meeting"' not in html and '<select name="person"' not in html
    assert "js/lookup" in html


def test_lookups_suggest_only_what_the_user_may_see(
    client_for, principal, secretariat, world, django_assert_num_queries
):
    make_person(name="Amina Okafor")
    client = client_for(principal)
    # session, user, groups, people; no notification count on a JSON answer.
    with django_assert_num_queries(4):
        people = client.get("/actions/lookup/owners/?q=okaf").json()["results"]
    assert [p["label"] for p in people] == ["Amina Okafor"]
    assert client.get("/actions/lookup/owners/?q=o").json() == {"results": []}  # too short
    # The draft meeting of 4 Sep 2023 is the secretariat's only.
    as_principal = client.get("/actions/lookup/meetings/?q=2023-09-04").json()["results"]
    assert as_principal == []
    as_secretariat = client_for(secretariat).get("/actions/lookup/meetings/?q=2023-09-04")
    assert [m["id"] for m in as_secretariat.json()["results"]] == [world.draft.pk]
    client = client_for(principal)
    june = client.get("/actions/lookup/meetings/?q=2023-06-12").json()["results"]
    assert june == [{"id": world.june.pk, "label": f"2023-06-12 {world.june.title}"}]
    titled = client.get("/actions/lookup/meetings/?q=executive").json()["results"]
    assert [m["id"] for m in titled] == [world.june.pk, world.march.pk]
    client.logout()
    assert client.get("/actions/lookup/owners/?q=okaf").status_code == 302
