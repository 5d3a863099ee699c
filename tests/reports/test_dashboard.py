from __future__ import annotations

import datetime

from django.utils import timezone

from minutes.models import ActionPoint, Meeting
from participants import zones
from reports.charts import open_actions_by_organization, opened_closed_by_quarter
from tests.actions.conftest import days_from_today
from tests.factories import make_action, make_decision, make_item, make_meeting, make_update


def _circulated(world):
    return make_meeting(
        body=world.body,
        status=Meeting.Status.CIRCULATED,
        start=timezone.now() - datetime.timedelta(days=7),
        review_deadline=timezone.now() + datetime.timedelta(days=3),
    )


def test_secretariat_dashboard_shows_what_needs_attention(client_for, secretariat, world):
    circulated = _circulated(world)
    make_decision(make_item(world.june), text="The workplan was endorsed.")
    html = client_for(secretariat).get("/").content.decode()
    assert world.next.get_absolute_url() in html  # next meeting
    assert f"/meetings/{world.next.pk}/follow-up/" in html
    assert circulated.get_absolute_url() in html  # awaiting review
    # The deadline as the body's clock shows it, whatever the hour in UTC.
    assert f"{zones.local(circulated.review_deadline, world.body):%-d %B %Y}" in html
    assert "Overdue action points (2)" in html
    assert "Develop a roadmap" in html
    assert "Prepare a note on children on the move." in html  # due in 10 days
    assert "The workplan was endorsed." in html


def test_principal_dashboard_shows_what_their_organisation_owes(client_for, principal, world):
    _circulated(world)
    html = client_for(principal).get("/").content.decode()
    assert "What UNHCR owes (2 open)" in html
    assert "Develop a roadmap" in html
    assert "Implement the recommendations on complementarity" in html
    assert "Prepare a note on children on the move." not in html  # UNICEF's
    assert "A draft action" not in html
    assert "Summaries awaiting your review" in html
    assert "Overdue action points" not in html


def test_owed_list_puts_the_oldest_overdue_first(client, principal, world, member_org):
    late = make_action(
        make_item(world.june), owners=[member_org], due_day=datetime.date(2022, 1, 1)
    )
    soon = make_action(make_item(world.june), owners=[member_org], due_day=days_from_today(5))
    client.force_login(principal)
    owed = client.get("/").context["owed"]
    assert owed[:3] == [late, world.overdue_unhcr, world.in_progress_both]
    assert owed[3] == soon


def test_charts_are_inline_svg_with_a_text_alternative(client_for, secretariat, world):
    html = client_for(secretariat).get("/").content.decode()
    assert html.count("<svg") == 2
    assert 'role="img"' in html
    assert '<desc id="bar-chart-desc">' in html
    assert '<th scope="row">UNHCR</th><td>2</td><td>1</td><td>3</td>' in html  # with the draft
    assert "No organisation named" in html
    assert '<th scope="row">Q1 2023</th><td>3</td><td>0</td>' in html
    assert "style=" not in html  # the CSP forbids inline styles


def test_bar_chart_counts_open_actions_by_organisation_and_status(world):
    chart = open_actions_by_organization(ActionPoint.objects.all())
    assert dict(chart.rows) == {
        "UNHCR": {"open": 2, "in_progress": 1},
        "UNICEF": {"open": 1, "in_progress": 1},
        "No organisation named": {"open": 1},
    }
    assert "UNHCR: 3 (2 open, 1 in progress)" in chart.description
    assert "<script" not in chart.svg()


def test_line_chart_fills_every_quarter_between_first_and_now(world):
    chart = opened_closed_by_quarter(ActionPoint.objects.all(), today=datetime.date(2024, 1, 10))
    assert chart.labels[:4] == ["Q1 2023", "Q2 2023", "Q3 2023", "Q4 2023"]
    assert chart.opened[:3] == [3, 2, 1]
    assert sum(chart.closed) == 1


def _many(world, member_org, other_org):
    for n in range(12):
        action = make_action(
            make_item(world.june),
            owners=[member_org, other_org],
            due_day=days_from_today(n - 6),
            text=f"Many {n}",
        )
        make_update(action)
        make_update(action)
        make_decision(action.agenda_item)


def test_secretariat_dashboard_query_count_is_fixed(
    client_for, secretariat, world, member_org, other_org, django_assert_num_queries
):
    _many(world, member_org, other_org)
    _circulated(world)
    client = client_for(secretariat)
    # session, user, groups, the user's organisation, next meeting and its body's zones,
    # awaiting review and their bodies' zones, bar chart, line chart (agreed, closed),
    # overdue: rows, orgs, people, body zones, count; due soon: rows, orgs, people, body
    # zones; recent decisions and their bodies' zones.
    # and the open review comments, and the unread notifications count (nav).
    with django_assert_num_queries(24):
        response = client.get("/")
    assert response.context["overdue_count"]() == 8
    # Every list and the charts are rendered from the cache until a record changes (the
    # meetings' part for the minute), and the organisation and the unread notifications count
    # are kept: session, user, groups.
    with django_assert_num_queries(3):
        client.get("/")


def test_principal_dashboard_query_count_is_fixed(
    client_for, principal, world, member_org, other_org, django_assert_num_queries
):
    _many(world, member_org, other_org)
    client = client_for(principal)
    # session, user, groups, the user's organisation, next meeting and its body's zones,
    # awaiting review (none), bar chart, line chart (agreed, closed), owed: which, how many,
    # rows, orgs, people, body zones, logs; and the unread notifications count (nav).
    with django_assert_num_queries(18):
        response = client.get("/")
    assert len(response.context["owed"]) == 14
    assert response.context["owed_count"]() == 14
    # What is owed, the meetings and the charts are rendered from the cache until a record
    # changes, and the organisation and unread count are kept: session, user, groups.
    with django_assert_num_queries(3):
        client.get("/")


def test_cached_figures_follow_writes_and_never_cross_readers(
    client_for, secretariat, principal, world, member_org
):
    from minutes import services

    def bar(user):
        return dict(client_for(user).get("/").context["bar_chart"].rows)

    before = bar(secretariat)
    assert bar(secretariat) == before  # from the cache
    principal_view = bar(principal)  # a principal's visible rows: figures of their own
    assert sum(sum(c.values()) for c in principal_view.values()) <= sum(
        sum(c.values()) for c in before.values()
    )
    action = world.overdue_unhcr
    services.action_update_add(action=action, by=secretariat, status="done", text="Finished.")
    after = bar(secretariat)
    assert sum(after["UNHCR"].values()) == sum(before["UNHCR"].values()) - 1


def test_anonymous_is_sent_to_login_from_the_dashboard(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_secretariat_dashboard_lists_open_objections_before_comments(
    client_for, secretariat, principal, other_principal, world
):
    from minutes.models import ReviewComment

    circulated = _circulated(world)
    ReviewComment.objects.create(
        meeting=circulated, author=principal, text="A comment on the wording."
    )
    ReviewComment.objects.create(
        meeting=circulated,
        author=other_principal,
        kind=ReviewComment.Kind.OBJECTION,
        text="UNICEF objects to item 2.",
    )
    ReviewComment.objects.create(
        meeting=circulated,
        author=principal,
        text="Already answered.",
        status=ReviewComment.Status.RESOLVED,
        resolved_at=timezone.now(),
    )
    html = client_for(secretariat).get("/").content.decode()
    section = html.split('id="answers-heading"')[1].split("</section>")[0]
    assert section.index("UNICEF objects to item 2.") < section.index("A comment on the wording.")
    assert "Already answered." not in section
    assert html.index('id="answers-heading"') < html.index('id="next-heading"')

    principal_html = client_for(principal).get("/").content.decode()
    assert "UNICEF objects" not in principal_html
