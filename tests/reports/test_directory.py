from __future__ import annotations

import datetime

from minutes.models import ActionPoint, Attendance
from participants.models import Position
from tests.factories import make_action, make_attendance, make_item, make_person, make_update


def test_organisation_page_groups_what_it_owes_by_status_oldest_overdue_first(
    client_for, principal, world, member_org
):
    older = make_action(
        make_item(world.june),
        text="An even older overdue action.",
        owners=[member_org],
        due_day=datetime.date(2022, 3, 1),
    )
    html = client_for(principal).get(member_org.get_absolute_url()).content.decode()
    assert "UNHCR owes <strong>3</strong> open action points" in html
    assert '<strong class="text-danger">3 overdue</strong>' in html
    open_section = html[html.index("<h3>Open (2)</h3>") : html.index("<h3>In progress (1)</h3>")]
    assert open_section.index("An even older overdue action.") < open_section.index(
        "Develop a roadmap"
    )
    assert (
        "Implement the recommendations on complementarity" in html[html.index("In progress (1)") :]
    )
    assert "Closed (1)" in html
    assert "A draft action" not in html  # a principal never sees a draft's action
    assert older.due_display in html
    assert "years" in html  # the age of an action agreed in 2022/2023


def test_organisation_page_shows_attendance_and_principals_over_time(
    client_for, secretariat, principal, world, member_org
):
    earlier = make_person(name="Volker Türk")
    Position.objects.create(
        person=earlier,
        organization=member_org,
        title="Assistant High Commissioner for Protection",
        is_principal=True,
        start=datetime.date(2015, 1, 1),
        end=datetime.date(2019, 12, 31),
    )
    triggs = member_org.positions.get(person__name="Gillian Triggs").person
    make_attendance(world.march, triggs)
    make_attendance(world.june, triggs, status=Attendance.Status.APOLOGIES)
    html = client_for(secretariat).get(member_org.get_absolute_url()).content.decode()
    assert "Took part in 1 of 3 meetings held." in html  # the draft counts for the secretariat
    assert "Apologies" in html
    assert "Volker Türk" in html
    assert "31 Dec 2019" in html
    assert "Gillian Triggs" in html


def test_organisation_page_query_count_is_fixed(
    client_for, principal, world, member_org, other_org, django_assert_num_queries
):
    for n in range(6):
        action = make_action(
            make_item(world.june),
            owners=[member_org, other_org],
            people=[make_person()],
            due_day=datetime.date(2023, 1, n + 1),
            status=ActionPoint.Status.IN_PROGRESS if n % 2 else ActionPoint.Status.OPEN,
        )
        make_update(action)
        make_update(action)
    for meeting in (world.march, world.june):
        for person in (make_person(organization=member_org), make_person(organization=member_org)):
            make_attendance(meeting, person)
    client = client_for(principal)
    # session, user, groups, organisation, the tally of owed actions, the most urgent of each
    # open status and the latest closed (3), those rows with their owner orgs, owner people,
    # body zones and logs (5), attendance count and page, meetings held, meetings attended,
    # positions count and page, user organisation, and the unread notifications count in the
    # navigation.
    with django_assert_num_queries(21):
        response = client.get(member_org.get_absolute_url())
    assert response.context["open_count"] == 8
    assert len(response.context["attendances"]) == 4


def test_organisation_page_is_bounded_whatever_it_owes_or_attended(
    client_for, principal, world, member_org, other_org, django_assert_num_queries
):
    item = make_item(world.june)
    for n in range(40):
        make_action(item, owners=[member_org], people=[make_person()], text=f"Owed number {n}.",
                    due_day=datetime.date(2023, 1, 1) + datetime.timedelta(days=n))  # fmt: skip
    for meeting in (world.march, world.june):
        for _ in range(15):
            make_attendance(meeting, make_person(organization=member_org))
    client = client_for(principal)
    with django_assert_num_queries(21):  # the same as with a handful of rows
        response = client.get(member_org.get_absolute_url())
    html = response.content.decode()
    assert "UNHCR owes <strong>42</strong> open action points" in html
    assert "<h3>Open (41)</h3>" in html
    assert "Owed number 0." in html and "Owed number 23." in html  # the most urgent 25
    assert "Owed number 39." not in html
    assert "The 25 most urgent of 41 are shown." in html
    assert f"?organization={member_org.pk}&amp;status=open&amp;sort=due" in html
    assert len(response.context["attendances"].object_list) == 25
    assert "Page 1 of 2 (30 in all)" in html
    second = client.get(member_org.get_absolute_url() + "?attendance=2")
    assert len(second.context["attendances"].object_list) == 5
    assert 'href="?attendance=1#attendance-heading" rel="prev"' in second.content.decode()


def test_organisation_list_shows_open_counts(
    client_for, principal, world, django_assert_num_queries
):
    client = client_for(principal)
    # session, user, groups, open counts by organisation, organisations, user organisation,
    # and the unread notifications count in the navigation.
    with django_assert_num_queries(7):
        html = client.get("/organizations/").content.decode()
    row = html[html.index(">UNHCR</a>") :]
    assert row[: row.index("</tr>")].rstrip().endswith("<td>2</td>")
    # The table from the cache until a record changes, the organisation and the unread count
    # kept: session, user, groups.
    with django_assert_num_queries(3):
        again = client.get("/organizations/").content.decode()
    assert again.count("<tr>") == html.count("<tr>")


def test_person_pages_show_positions_attendance_and_actions(
    client_for, secretariat, world, member_org, django_assert_num_queries
):
    person = make_person(name="Ugochi Daniels", organization=member_org, title="Deputy Director")
    Position.objects.create(
        person=person,
        organization=member_org,
        title="Chief of Staff",
        end=datetime.date(2020, 1, 1),
    )
    world.overdue_unhcr.owner_people.add(person)
    world.unowned.owner_people.add(person)
    make_attendance(world.march, person)
    make_attendance(world.june, person)
    client = client_for(secretariat)
    # session, user, groups, person, positions, actions count and page, their orgs, people,
    # body zones, attendance count and page, user organisation, and the unread notifications
    # count in the navigation.
    with django_assert_num_queries(14):
        html = client.get(person.get_absolute_url()).content.decode()
    assert "Deputy Director" in html
    assert "Chief of Staff" in html
    assert "Develop a roadmap" in html
    assert "The Network to map regional reviews." in html
    assert html.count("<td>Present</td>") == 2
    # session, user, people count and page, current positions, groups (the nav asks whether
    # the user is a principal); the user's organisation and the unread notifications count
    # are kept from the request above.
    with django_assert_num_queries(6):
        html = client.get("/people/").content.decode()
    assert "Ugochi Daniels" in html
    assert "Deputy Director" in html
    assert "Chief of Staff" not in html  # not current


def test_my_organisation_link_for_principals_only(
    client_for, principal, secretariat, member_org, db
):
    assert "My organisation" in client_for(principal).get("/").content.decode()
    assert (
        f'href="{member_org.get_absolute_url()}">My organisation'
        in client_for(principal).get("/").content.decode()
    )
    assert "My organisation" not in client_for(secretariat).get("/").content.decode()


def test_person_page_is_bounded_whatever_they_owe_or_attended(
    client_for, secretariat, world, member_org, body, django_assert_num_queries
):
    from tests.factories import make_meeting

    person = make_person(name="Ugochi Daniels", organization=member_org)
    item = make_item(world.june)
    for n in range(30):
        make_action(item, people=[person], text=f"Hers number {n}.")
    for n in range(30):
        meeting = make_meeting(body=body, status="approved",
                               start=world.march.start - datetime.timedelta(days=7 * n + 7))  # fmt: skip
        make_attendance(meeting, person)
    client = client_for(secretariat)
    with django_assert_num_queries(14):  # as with two rows
        response = client.get(person.get_absolute_url())
    assert len(response.context["actions"].object_list) == 25
    assert len(response.context["attendances"].object_list) == 25
    html = response.content.decode()
    assert 'href="?actions=2#person-actions-heading" rel="next"' in html
    assert 'href="?attendance=2#person-attendance-heading" rel="next"' in html
    later = client.get(person.get_absolute_url() + "?actions=2&attendance=2")
    assert len(later.context["actions"].object_list) == 5
    assert len(later.context["attendances"].object_list) == 5
