from __future__ import annotations

import pytest
from django.urls import reverse

from devtools.demo.build import SAMPLE_START
from minutes.models import Meeting
from tests.factories import (
    make_action,
    make_attendance,
    make_decision,
    make_item,
    make_meeting,
    make_person,
)


@pytest.fixture
def demo(db, settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo")
    return Meeting.objects.get(start=SAMPLE_START)


@pytest.mark.parametrize("url", ["/", "/meetings/", "/meetings/1/", "/admin/"])
def test_login_is_required(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert (
        response["Location"].startswith("/accounts/login/")
        or "/admin/login/" in response["Location"]
    )


def test_login_page_logs_a_user_in(client, secretariat):
    response = client.post(
        "/accounts/login/", {"username": "secretariat", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "Log out" in client.get("/").content.decode()


def test_summary_page_reads_like_the_sample(client_for, demo, django_user_model):
    secretariat = django_user_model.objects.get(username="secretariat")
    page = client_for(secretariat).get(demo.get_absolute_url()).content.decode()
    # The secretariat's editor links sit above the record; the sample's order is the record's.
    html = page[page.index('<article class="summary"') :]
    expected_in_order = [
        "Executive Committee Principals (Virtual) Meeting",
        "Monday, 20 March 2023",
        "10.00 \u2013 11.30 (NY time)/15.00 \u2013 16.30 (GVA time)",
        "Summary",
        "António Vitorino, Director General, IOM, Network Coordinator",
        "Sukti Dasgupta, Director, Conditions of Work and Equality Department, ILO",
        "Sonia Plaza, Senior Economist, Finance, Competitiveness and Innovation Global Practice, "
        "World Bank",
        "The agenda of the meeting included the following items:",
        "In his opening remarks, the Coordinator",
        "Develop a roadmap of the Regional Reviews process.",
        "To implement the actions and recommendations for greater complementarity",
        "Finalize the key messages for the SDG Summit",
        "AOB",
        "The regional economic commissions have requested to join",
    ]
    positions = [html.find(text) for text in expected_in_order]
    assert -1 not in positions, [
        t for t, p in zip(expected_in_order, positions, strict=True) if p == -1
    ]
    assert positions == sorted(positions)
    assert html.count("Action Points:") == 3


def test_principal_sees_approved_summary_but_not_a_draft(client_for, body, principal):
    approved = make_meeting(body=body, status=Meeting.Status.APPROVED, title="Approved one")
    draft = make_meeting(body=body, status=Meeting.Status.DRAFT, title="Draft one")
    client = client_for(principal)
    assert "Approved one" in client.get(approved.get_absolute_url()).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    listing = client.get(reverse("minutes:meeting_list")).content.decode()
    assert "Approved one" in listing and "Draft one" not in listing


def _fill(meeting, member_org, n):
    for _ in range(n):
        make_attendance(meeting, make_person(organization=member_org))
        item = make_item(meeting)
        for _ in range(2):
            make_decision(item)
            make_action(item, owners=[member_org], people=[make_person()])


def test_summary_page_query_count_does_not_grow_with_items(
    client_for, body, member_org, secretariat, django_assert_num_queries
):
    from django.core.cache import cache

    meeting = make_meeting(body=body, status=Meeting.Status.APPROVED)
    _fill(meeting, member_org, 2)
    client = client_for(secretariat)
    client.get(meeting.get_absolute_url())  # warm the session
    # Rendered afresh: session, user, groups, meeting+body, time zones, review comments,
    # review events, the user's organisation (navigation), then the document: attendances,
    # items, item documents, decisions, actions, owner organisations, owner people, meeting
    # documents, follow-up reviews at this meeting (an approved summary lists no open actions
    # of today); the summary's versions in other languages and the unread notifications count in the navigation.
    cache.clear()
    with django_assert_num_queries(19):
        client.get(meeting.get_absolute_url())
    # The approved summary's rendering is cached: the document's nine queries are skipped, and
    # so are the user's organisation, the summary's versions in other languages, the review
    # comments and the review record (kept by lib.readcache). The meeting and its zones are
    # read once more, to be kept for the next request.
    with django_assert_num_queries(5):
        client.get(meeting.get_absolute_url())
    # Then: the session, the user and their groups.
    with django_assert_num_queries(3):
        client.get(meeting.get_absolute_url())
    _fill(meeting, member_org, 4)
    cache.clear()  # the factories write without the services, which would change the key
    with django_assert_num_queries(19):
        response = client.get(meeting.get_absolute_url())
    assert response.content.decode().count("Action Points:") == 6
    with django_assert_num_queries(5):
        response = client.get(meeting.get_absolute_url())
    assert response.content.decode().count("Action Points:") == 6


def test_every_model_has_an_admin_page_that_opens(client_for, demo, django_user_model):
    client = client_for(django_user_model.objects.get(username="admin"))
    from django.contrib.admin import site

    ours = [
        m for m in site._registry if m._meta.app_label in ("participants", "minutes", "actions")
    ]
    assert len(ours) == 18
    for model in ours:
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = client.get(changelist)
        assert response.status_code == 200, changelist
        assert opts.verbose_name_plural.lower() in response.content.decode().lower()
        obj = model._default_manager.first()
        if obj is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert client.get(change).status_code == 200, change
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        # Records such as the reminder log are read-only: their add page is refused.
        can_add = site._registry[model].has_add_permission(response.wsgi_request)
        assert client.get(add).status_code == (200 if can_add else 403), add


def test_summary_action_points_link_to_their_pages_without_stray_separators(
    client_for, body, secretariat, member_org, other_org
):
    import datetime
    import re

    meeting = make_meeting(body=body, status=Meeting.Status.APPROVED)
    item = make_item(meeting)
    owned = make_action(
        item,
        text="Share the roadmap.",
        owners=[member_org, other_org],
        due_day=datetime.date(2024, 6, 30),
    )
    ownerless = make_action(item, text="Keep the Network informed.")
    html = client_for(secretariat).get(meeting.get_absolute_url()).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

    names = f"{member_org.label}, {other_org.label}"
    assert f"Share the roadmap. (Owner: {names}; due by 30 June 2024) [{owned.reference}]" in text
    assert f"Keep the Network informed. [{ownerless.reference}]" in text
    assert "Due: no date" not in text and " , " not in text and "· ·" not in text
    assert f'href="{owned.get_absolute_url()}">[{owned.reference}]</a>' in html
    assert f'href="{ownerless.get_absolute_url()}"' in html


def test_summary_page_lists_also_present_participants_apart(client_for, body, secretariat):
    meeting = make_meeting(body=body, status=Meeting.Status.APPROVED)
    make_attendance(meeting, make_person(name="Ann Member"))
    make_attendance(meeting, make_person(name="Bo Observer"), also_present=True)
    page = client_for(secretariat).get(meeting.get_absolute_url()).content.decode()
    members, _, others = page.partition("Also present:")
    assert "Ann Member" in members and "Bo Observer" not in members
    assert "Bo Observer" in others.split("</ul>")[0]


def test_summary_page_has_no_also_present_heading_when_none_are_flagged(
    client_for, body, secretariat
):
    meeting = make_meeting(body=body, status=Meeting.Status.APPROVED)
    make_attendance(meeting, make_person(name="Ann Member"))
    page = client_for(secretariat).get(meeting.get_absolute_url()).content.decode()
    assert "Ann Member" in page and "Also present:" not in page
