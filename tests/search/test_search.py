"""The search page, on whichever database the suite runs (SQLite by default, or PostgreSQL)."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import connection

from devtools.demo.build import SAMPLE_START
from minutes.models import ActionPoint, AgendaItem, Decision, Meeting
from tests.factories import make_item, make_meeting, make_person


def titles(html: str) -> list[str]:
    found = re.findall(r'<h2 class="search-result__title">(.*?)</h2>', html, re.S)
    return [re.sub(r"<[^>]+>", "", t).strip() for t in found]


def hrefs(html: str) -> list[str]:
    return re.findall(r'<h2 class="search-result__title"><a href="([^"]+)"', html)


def search(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_the_samples_agenda_item_for_regional_reviews(
    client_for, db, django_user_model
):
    call_command("load_demo", force=True, verbosity=0)
    principal = django_user_model.objects.get(username="principal")
    sample_item = AgendaItem.objects.get(
        meeting__start=SAMPLE_START, title__startswith="Framework on the preparation"
    )
    html = search(client_for(principal), q="regional reviews")
    assert f"/meetings/{sample_item.meeting_id}/#item-{sample_item.pk}" in hrefs(html)[:5]
    assert "Agenda item" in html


def test_results_are_labelled_by_kind_and_link_to_their_place(client_for, principal, archive):
    html = search(client_for(principal), q="roadmap")
    march = archive["march"]
    item = march.agenda_items.get(position=1)
    decision = Decision.objects.get(agenda_item=item)
    action = ActionPoint.objects.get(agenda_item=item)
    links = hrefs(html)
    assert f"{march.get_absolute_url()}#item-{item.pk}" in links
    assert f"/decisions/{decision.pk}/" in links
    assert f"/actions/{action.pk}/" in links
    for label in ["Agenda item", "Decision", "Action point", "Action progress"]:
        assert f'<span class="badge badge--kind">{label}</span>' in html
    assert "20 Mar 2023" in html and "Executive Committee" in html


def test_principal_never_finds_a_draft(client_for, principal, secretariat, archive):
    html = search(client_for(principal), q="secret roadmap")
    assert titles(html) == []
    assert "Nothing found" in html and "Confidential" not in html
    html = search(client_for(secretariat), q="secret roadmap")
    assert {"Confidential roadmap", archive["secret_decision"].reference} <= set(titles(html))


def test_exact_phrase_ranks_first(client_for, principal, body):
    meeting = make_meeting(body=body, status=Meeting.Status.APPROVED)
    make_item(meeting, title="Budget",
              discussion="Regional offices sent budgets; the reviews of the plans come later.")  # fmt: skip
    make_item(meeting, title="Calendar",
              discussion="The regional reviews come later this year, say the planners.")  # fmt: skip
    assert titles(search(client_for(principal), q="regional reviews"))[:2] == [
        "Calendar",
        "Budget",
    ]


def test_highlighting_escapes_html_around_the_match(client_for, principal, body):
    meeting = make_meeting(body=body, status=Meeting.Status.APPROVED)
    make_item(meeting, title="<b>Bold</b> roadmap",
              discussion="<script>alert('x')</script> The roadmap <img src=x onerror=alert(1)> "
                         "costs a < b & c.")  # fmt: skip
    html = search(client_for(principal), q="roadmap")
    assert "<script>alert" not in html and "<img src=x" not in html
    # The excerpt is the text a reader sees: markup the page would not render is gone, and what
    # is left is escaped.
    assert "onerror" not in html
    assert "<mark>roadmap</mark> costs" in html and "a < b & c" not in html
    # Titles are plain text: shown escaped, as typed.
    assert "&lt;b&gt;Bold&lt;/b&gt; <mark>roadmap</mark>" in html


def test_excerpts_show_plain_text_without_markdown(client_for, principal, body):
    meeting = make_meeting(body=body, status=Meeting.Status.APPROVED)
    make_item(
        meeting,
        title="Budget",
        discussion="## Remittances\n\n**Principals** agreed on the [remittances](https://example.org/r) "
        "plan:\n\n- first, the *corridor* study\n\n1. then `costs`",
    )
    html = search(client_for(principal), q="remittances")
    excerpt = re.search(r'<p class="search-result__excerpt">(.*?)</p>', html, re.S).group(1)
    assert re.sub(r"</?mark>", "", excerpt) == (
        "Remittances Principals agreed on the remittances plan: first, the corridor study "
        "then costs"
    )
    assert "<mark>Remittances</mark>" in excerpt
    for markup in ("**", "##", "](", "https://", "- first", "`", "*corridor*"):
        assert markup not in excerpt


def test_accents_are_folded(client_for, principal, db):
    make_person(name="António Vitorino")
    html = search(client_for(principal), q="Antonio")
    assert titles(html) == ["António Vitorino"]
    assert "<mark>António</mark>" in html
    assert titles(search(client_for(principal), q="antónio vitorino")) == ["António Vitorino"]


def test_excluded_words_and_alternatives(client_for, principal, archive):
    client = client_for(principal)
    found = titles(search(client, q="roadmap -regional"))
    assert "Draft key messages on the roadmap for COP." not in found  # an action: reference
    assert all("Regional" not in t for t in found)
    found = set(titles(search(client, q="climate OR networks", kind="item")))
    assert found == {"Climate change and human mobility"}


def test_filters_combine_with_the_query(client_for, principal, archive, other_org):
    client = client_for(principal)
    done = ActionPoint.objects.get(
        text__startswith="Draft key", agenda_item__meeting=archive["june"]
    )
    html = search(client, q="roadmap", kind="action", status="done")
    assert titles(html) == [done.reference, ActionPoint.objects.get(
        text__startswith="Draft key", agenda_item__meeting=archive["march"]).reference]  # fmt: skip
    html = search(client, q="roadmap", status="done", date_from="2023-06-01")
    assert titles(html) == [done.reference]
    html = search(client, q="roadmap", kind="decision", date_to="2023-04-01")
    assert titles(html) == [Decision.objects.get(agenda_item__meeting=archive["march"]).reference]
    html = search(client, q="roadmap", topic=archive["other_topic"].pk, kind="action")
    assert len(titles(html)) == 2 and "Circulate" not in html
    html = search(client, q="roadmap", organization=other_org.pk, kind="action")
    assert len(titles(html)) == 2
    assert 'value="roadmap"' in html  # the query and filters stay in the form


def test_bad_filter_shows_a_message(client_for, principal, archive):
    html = search(client_for(principal), q="roadmap", date_from="not a date")
    assert "Please correct the filters above." in html
    assert "Enter a valid date." in html


def test_results_are_paginated_and_the_url_keeps_the_query(client_for, principal, body):
    meeting = make_meeting(body=body, status=Meeting.Status.APPROVED)
    for n in range(25):
        make_item(meeting, title=f"Pathways update {n}", discussion="Regular pathways.")
    client = client_for(principal)
    html = search(client, q="pathways", kind="item")
    assert "25 results, page 1 of 2." in html and len(titles(html)) == 20
    assert 'href="?q=pathways&amp;kind=item&amp;page=2"' in html
    assert len(titles(search(client, q="pathways", kind="item", page=2))) == 5


def test_empty_query_shows_the_form_only(client_for, principal, archive):
    html = search(client_for(principal), q="")
    assert "<h1>Search</h1>" in html and "search-result" not in html


@pytest.mark.parametrize("user", ["secretariat", "principal", "other_principal", "admin"])
def test_every_role_can_search(client_for, archive, request, user):
    html = search(client_for(request.getfixturevalue(user)), q="roadmap")
    assert "Circulate the <mark>roadmap</mark>" in html


def test_search_requires_login(client, db):
    response = client.get("/search/?q=roadmap")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_search_page_query_count_is_pinned(
    client_for, principal, archive, django_assert_num_queries
):
    client = client_for(principal)
    # session, user, user's groups; count and one page of hits; one query per kind on the
    # page (item, decision, action, update); the user's organisation for the header; the
    # body, topic and organisation options of the filter form; the unread notifications count
    # in the navigation; on PostgreSQL two more: the query's parses before the search (with
    # the date of the recent rows), and every headline of the page (SQLite marks the excerpts
    # in Python).
    with django_assert_num_queries(16 if connection.vendor == "postgresql" else 14):
        html = search(client, q="roadmap")
    assert len(titles(html)) >= 8  # two of each kind matched, so an N+1 would show
    # Then the filter form and the results come from the cache until a record changes (or the
    # minute turns), the organisation and the unread count kept: session, user, groups.
    with django_assert_num_queries(3):
        again = search(client, q="roadmap")
    assert titles(again) == titles(html)
    # Another page of the same search is a search of its own (its filter form is the same, and
    # the organisation and the unread count are kept).
    with django_assert_num_queries(11 if connection.vendor == "postgresql" else 9):
        search(client, q="roadmap", page="2")


def test_count_is_capped_for_very_common_words(client_for, principal, archive, monkeypatch):
    from search import backend

    monkeypatch.setattr(backend, "COUNT_CAP", 3)
    monkeypatch.setattr("search.views.backend.COUNT_CAP", 3)
    html = search(client_for(principal), q="roadmap")
    assert "More than 3 results: the 3 most recent are ranked, best first" in html
