from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lib import due
from minutes import services
from minutes.follow_up import follow_up_context
from minutes.models import ActionPoint, ActionUpdate, Meeting
from participants import zones
from tests.factories import make_action, make_body, make_item, make_meeting, make_update


def test_follow_up_lists_exactly_the_open_actions_of_earlier_meetings_of_the_same_body(
    world, other_org
):
    other_body_meeting = make_meeting(
        body=make_body(), status=Meeting.Status.APPROVED, start=world.march.start
    )
    make_action(make_item(other_body_meeting), owners=[other_org], text="Another body's action")
    # An action of the meeting itself is not followed up at that same meeting.
    make_action(make_item(world.next), text="Agreed at the next meeting itself")

    listed = set(ActionPoint.objects.for_follow_up(world.next))

    assert listed == {
        world.overdue_unhcr,
        world.in_progress_both,
        world.future_unicef,
        world.unowned,
        world.draft_action,
    }


def test_follow_up_of_an_earlier_meeting_sees_only_what_came_before_it(world):
    assert set(ActionPoint.objects.for_follow_up(world.june)) == {
        world.overdue_unhcr,
        world.in_progress_both,
    }
    assert not ActionPoint.objects.for_follow_up(world.march).exists()


def _review_post(rows: list[dict]) -> dict:
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{index}-{key}"] = value
    return data


def _row(action, outcome="", note="", **extra):
    return {
        "action": action.pk,
        "version": action.version,
        "outcome": outcome,
        "note": note,
        **extra,
    }


def test_recording_a_review_updates_each_action_and_its_log(client_for, secretariat, world):
    url = reverse("actions:follow_up", args=[world.next.pk])
    data = _review_post(
        [
            _row(world.overdue_unhcr, "done", "Roadmap presented to Principals."),
            _row(world.in_progress_both, "in_progress", "Pledge follow-up under way."),
            _row(
                world.future_unicef,
                "deferred",
                "",
                due_date="2031-08-15",
                due_precision=due.QUARTER,
            ),
            _row(world.unowned, "dropped", "Overtaken by the new workplan."),
            _row(world.draft_action),  # not reviewed: left alone
        ]
    )

    response = client_for(secretariat).post(url, data)

    assert response.status_code == 302
    assert response["Location"] == url
    actions = (
        world.overdue_unhcr,
        world.in_progress_both,
        world.future_unicef,
        world.unowned,
        world.draft_action,
    )
    before = {a.pk: (a.status, a.due_date, a.closed_at, a.version) for a in actions}
    for action in actions:
        action.refresh_from_db()
    # The meeting's summary is not circulated yet: the reviews wait in the log.
    assert {a.pk: (a.status, a.due_date, a.closed_at, a.version) for a in actions} == before
    assert ActionUpdate.objects.pending().filter(reviewed_at_meeting=world.next).count() == 4

    make_item(world.next)
    services.meeting_circulate(
        meeting=world.next, by=secretariat, deadline=timezone.now() + datetime.timedelta(days=10)
    )

    for action in actions:
        action.refresh_from_db()
    assert world.overdue_unhcr.status == "done"
    assert world.overdue_unhcr.closed_at is not None
    assert world.overdue_unhcr.closed_at_meeting == world.next
    assert world.unowned.status == "dropped"
    assert world.unowned.closed_at_meeting == world.next
    assert world.in_progress_both.status == "in_progress"
    assert world.future_unicef.due_date == datetime.date(2031, 9, 30)
    assert world.future_unicef.due_precision == due.QUARTER
    assert world.future_unicef.due_display == "Q3 2031"
    assert world.draft_action.status == "open"
    reviews = ActionUpdate.objects.filter(reviewed_at_meeting=world.next)
    assert reviews.count() == 4
    done_entry = reviews.get(action=world.overdue_unhcr)
    assert (done_entry.status_from, done_entry.status_to) == ("open", "done")
    assert done_entry.author == secretariat
    assert reviews.get(action=world.future_unicef).due_date_to == datetime.date(2031, 9, 30)
    # The action's own page shows the review with the meeting it happened at.
    html = client_for(secretariat).get(world.overdue_unhcr.get_absolute_url()).content.decode()
    assert "Roadmap presented to Principals." in html
    assert f"meeting of {zones.local(world.next.start, world.body):%-d %B %Y}" in html


def test_a_review_with_a_mistake_writes_nothing(client_for, secretariat, world):
    data = _review_post(
        [
            _row(world.overdue_unhcr, "done", "Presented."),
            _row(world.unowned, "dropped", ""),  # dropping needs a reason
        ]
    )

    response = client_for(secretariat).post(
        reverse("actions:follow_up", args=[world.next.pk]), data
    )

    assert response.status_code == 200
    assert "Dropping needs a reason." in response.content.decode()
    # What was typed is still there.
    assert "Presented." in response.content.decode()
    assert not ActionUpdate.objects.filter(reviewed_at_meeting=world.next).exists()
    world.overdue_unhcr.refresh_from_db()
    assert world.overdue_unhcr.status == "open"


def test_a_review_against_a_stale_action_is_refused_whole(client_for, secretariat, world):
    data = _review_post(
        [_row(world.overdue_unhcr, "done", "Presented."), _row(world.unowned, "done", "Mapped.")]
    )
    # Someone logs progress on one of them after the page was shown.
    ActionPoint.objects.filter(pk=world.unowned.pk).update(version=world.unowned.version + 1)

    response = client_for(secretariat).post(
        reverse("actions:follow_up", args=[world.next.pk]), data, follow=True
    )

    assert "Somebody else saved action point" in response.content.decode()
    assert not ActionUpdate.objects.filter(reviewed_at_meeting=world.next).exists()
    world.overdue_unhcr.refresh_from_db()
    assert world.overdue_unhcr.status == "open"


def test_follow_up_page_shows_each_open_action_with_its_latest_entry(
    client_for, secretariat, world, django_assert_num_queries
):
    from minutes.services import action_point_close, action_update_add

    # Every list on the page has at least two rows, so an N+1 would show.
    extra = make_action(
        make_item(world.june), owners=[world.overdue_unhcr.owner_organizations.get()]
    )
    make_update(extra)
    for action in (world.unowned, world.draft_action):
        action_point_close(action=action, by=secretariat, note="Closed between meetings.")
    for action in (world.future_unicef, extra):
        action_update_add(action=action, by=secretariat, text="Noted.", meeting=world.next)
    client = client_for(secretariat)
    url = reverse("actions:follow_up", args=[world.next.pk])
    # session, user, groups, meeting;
    # to review: actions, owner orgs, owner people, body zones, logs;
    # previous meeting; closed since: actions, owner orgs, owner people, body zones, logs;
    # follow_up_context: reviews, their owner orgs, owner people, body zones; still open:
    # actions, owner orgs, owner people, body zones, logs; the meeting body's zones (for
    # "today" and its dates); the user's organisation for the nav.
    # and the unread notifications count in the navigation.
    with django_assert_num_queries(27):
        response = client.get(url)
    html = response.content.decode()
    assert "Develop a roadmap of the Regional Reviews process." in html
    assert "First draft circulated to focal points." in html  # the latest entry
    assert "Consultations started." not in html  # an older entry is not the latest
    assert "Channel key messages" not in html  # closed long ago
    assert "Another body" not in html


def test_follow_up_page_lists_actions_closed_since_the_previous_meeting(
    client_for, secretariat, world, member_org
):
    from django.utils import timezone

    from minutes.services import action_point_close

    action_point_close(action=world.overdue_unhcr, by=None, note="Done by UNHCR.")
    html = (
        client_for(secretariat)
        .get(reverse("actions:follow_up", args=[world.next.pk]))
        .content.decode()
    )
    assert "Closed since the previous meeting" in html
    assert "Done by UNHCR." in html
    assert world.overdue_unhcr.closed_at <= timezone.now()


@pytest.mark.parametrize("persona", ["principal", "other_principal"])
def test_principals_cannot_open_or_post_the_follow_up_page(client_for, world, persona, request):
    client = client_for(request.getfixturevalue(persona))
    url = reverse("actions:follow_up", args=[world.next.pk])
    assert client.get(url).status_code == 403
    assert (
        client.post(url, _review_post([_row(world.overdue_unhcr, "done", "x")])).status_code == 403
    )
    world.overdue_unhcr.refresh_from_db()
    assert world.overdue_unhcr.status == "open"


def test_anonymous_is_sent_to_login_from_the_follow_up_page(client, world):
    response = client.get(reverse("actions:follow_up", args=[world.next.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_follow_up_page_of_an_unknown_meeting_is_404(client_for, secretariat, db):
    assert client_for(secretariat).get("/meetings/999999/follow-up/").status_code == 404


def test_summary_section_context_is_a_fixed_number_of_queries(
    world, secretariat, other_org, django_assert_num_queries
):
    from minutes.services import action_update_add

    for action in (world.overdue_unhcr, world.in_progress_both):
        action_update_add(action=action, by=secretariat, text="Reviewed.", meeting=world.next)
    extra = make_action(make_item(world.june), owners=[other_org], text="Extra one")
    make_update(extra)
    make_update(extra)
    secretariat._group_names = frozenset({"Secretariat"})  # role already known this request
    # reviews, owner orgs, owner people, body zones; still open: actions, owner orgs, owner
    # people, body zones, logs; the meeting body's zones for "today".
    with django_assert_num_queries(10):
        context = follow_up_context(world.next, secretariat)
    assert [r.action for r in context["follow_up_reviews"]] == [
        world.overdue_unhcr,
        world.in_progress_both,
    ]
    assert set(context["follow_up_open"]) == {
        world.future_unicef,
        world.unowned,
        world.draft_action,
        extra,
    }


def test_summary_section_never_shows_draft_actions_to_principals(world, principal):
    context = follow_up_context(world.next, principal)
    assert world.draft_action not in context["follow_up_open"]
    assert world.overdue_unhcr in context["follow_up_open"]


def test_summary_section_renders_outcomes(world, secretariat, rf):
    from django.template.loader import render_to_string

    from minutes.services import action_point_close, action_update_add

    action_point_close(
        action=world.overdue_unhcr, by=secretariat, note="Roadmap adopted.", meeting=world.next
    )
    action_update_add(
        action=world.future_unicef,
        by=secretariat,
        text="More time needed.",
        due_date=datetime.date(2031, 12, 1),
        due_precision=due.HALF,
        meeting=world.next,
    )
    html = render_to_string(
        "minutes/_follow_up_section.html", follow_up_context(world.next, secretariat)
    )
    assert "Follow-up on action points" in html
    assert "Roadmap adopted." in html
    assert "Deferred to second half of 2031" in html
    assert ">Done<" in html
    assert "Still open, not reviewed at this meeting" in html
    assert "The Network to map regional reviews." in html
