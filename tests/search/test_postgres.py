"""PostgreSQL full-text behaviour: stemming, accents, web-search syntax, stored vectors, plans."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from minutes.models import ActionPoint, AgendaItem, Meeting
from search import backend, fts
from search.models import SearchEntry
from tests.factories import (
    make_action,
    make_decision,
    make_item,
    make_meeting,
    make_person,
    make_update,
)
from tests.search.test_search import search, titles

pytestmark = pytest.mark.postgres


@pytest.fixture
def approved(on_postgres, body):
    return make_meeting(body=body, status=Meeting.Status.APPROVED)


def test_english_stemming_finds_other_forms(client_for, principal, approved):
    item = make_item(approved, title="Budget", discussion="The review was postponed.")
    make_decision(item, text="Reviewing the pledges was agreed.")
    found = titles(search(client_for(principal), q="reviews"))
    assert "Budget" in found and len(found) == 2


def test_accents_fold_both_ways_and_headline_keeps_them(client_for, principal, on_postgres, db):
    make_person(name="António Vitorino")
    make_person(name="Antonio Banderas")
    html = search(client_for(principal), q="António")
    assert set(titles(html)) == {"António Vitorino", "Antonio Banderas"}
    assert "<mark>António</mark> Vitorino" in html


def test_quoted_phrase_requires_adjacent_words(client_for, principal, approved):
    make_item(approved, title="One", discussion="Regular pathways for admission.")
    make_item(approved, title="Two", discussion="Pathways that are regular.")
    assert titles(search(client_for(principal), q='"regular pathways"')) == ["One"]
    assert set(titles(search(client_for(principal), q="regular pathways"))) == {"One", "Two"}


def test_stored_vectors_follow_edits_and_deletes(approved, secretariat):
    item = make_item(approved, title="Budget", discussion="Nothing yet.")
    assert SearchEntry.objects.filter(kind="item", item=item).exists()
    AgendaItem.objects.filter(pk=item.pk).update(discussion="Remittances were discussed.")
    hits = backend.search(user=secretariat, query="remittances")
    assert [(k, pk) for k, pk, _r, _d in hits.ranked] == [("item", item.pk)]
    item.delete()
    assert not SearchEntry.objects.filter(kind="item", item_id=item.pk).exists()


def _search_sql(user, query: str) -> list[tuple[str, list]]:
    """The statements on the search rows that one search and its first page run."""
    with CaptureQueriesContext(connection) as captured:
        results = backend.search(user=user, query=query)
        results.count()
        list(results.ranked[:20])
    return [(q["sql"], []) for q in captured if 'FROM "search_searchentry"' in q["sql"]]


@pytest.mark.parametrize("recent_rows", [30_000, 1])
def test_the_search_reads_the_vector_index_and_no_record_table(
    approved, secretariat, principal, monkeypatch, recent_rows
):
    # With a window of one row the search looks at the most recent rows first (through the
    # date index), as it does at scale; otherwise it reads the text index at once.
    monkeypatch.setattr(backend, "RECENT_ROWS", recent_rows)
    make_item(approved, title="Budget", discussion="Regular pathways.")
    for user in (secretariat, principal):
        statements = _search_sql(user, "pathways")
        assert len(statements) >= 2  # the candidates, then the ranked page
        with connection.cursor() as cursor:
            # Tiny tables make a sequential scan cheapest; forbid it to see which index is usable.
            # Fresh statistics: what earlier tests left in the table must not steer the plan.
            cursor.execute("ANALYZE search_searchentry")
            cursor.execute("SET LOCAL enable_seqscan = off")
            for sql, _params in statements:
                cursor.execute(f"EXPLAIN {sql}")  # noqa: S608 - ORM-built SQL, parameters inlined
                plan = "\n".join(row[0] for row in cursor.fetchall())
                indexes = (
                    fts.INDEX_NAME,
                    "search_entry_day_idx",
                    "search_entry_kind_day_idx",
                    "search_searchentry_pkey",
                )
                assert any(name in plan for name in indexes), plan
                assert "Seq Scan on search_searchentry" not in plan
                # Filtering and visibility read the copies on the search rows, not the record
                # tables (a principal's rule for people and organisations still reads
                # attendance and actions).
                if user == secretariat:
                    for table in ("minutes_meeting", "minutes_agendaitem", "actions_actionpoint"):
                        assert table not in sql


@pytest.mark.parametrize("query", ["pathways", '"regular pathways"', "migrants"])
def test_the_recent_rows_first_find_what_the_whole_archive_finds(
    approved, secretariat, principal, monkeypatch, query
):
    for n in range(3):
        day = approved.start + datetime.timedelta(days=7 * n + 1)
        en = make_meeting(body=approved.body, status=Meeting.Status.APPROVED, start=day)
        fr = make_meeting(body=approved.body, status=Meeting.Status.APPROVED, language="fr",
                          start=day + datetime.timedelta(days=3))  # fmt: skip
        make_item(en, title=f"Item {n}", discussion="Regular pathways for migrants.")
        make_item(fr, title=f"Point {n}", discussion="Les voies régulières des migrantes.")
    make_person(name="Pathways Regular")
    windows = []
    recent_matches = backend._recent_matches

    def spy(*args):
        windows.append(len(found := recent_matches(*args)))
        return found

    monkeypatch.setattr(backend, "_recent_matches", spy)
    for user in (secretariat, principal):
        whole = backend.search(user=user, query=query)
        expected = (whole.count(), list(whole.ranked))
        assert expected[0] >= 3 and not windows  # fewer rows than the window: no window
        # A window of two rows holds fewer matches than the cap: the whole archive is read.
        monkeypatch.setattr(backend, "RECENT_ROWS", 2)
        small = backend.search(user=user, query=query)
        assert (small.count(), list(small.ranked)) == expected
        # A cap the window reaches: the same most recent matches (undated first) are ranked.
        monkeypatch.setattr(backend, "RECENT_ROWS", 10)
        monkeypatch.setattr(backend, "COUNT_CAP", 2)
        capped = backend.search(user=user, query=query)
        assert windows[-1] == 3 and capped.capped
        monkeypatch.setattr(backend, "RECENT_ROWS", 30_000)
        unwindowed = backend.search(user=user, query=query)
        assert unwindowed.capped and list(capped.ranked) == list(unwindowed.ranked)
        monkeypatch.setattr(backend, "COUNT_CAP", 1_000)
        windows.clear()


def test_rows_follow_their_meetings_status_body_and_language(approved, principal, secretariat):
    item = make_item(approved, title="Budget", discussion="Les décisions des migrants.")
    entry = SearchEntry.objects.get(item=item)
    assert (entry.meeting_status, entry.body_id, entry.config) == (
        "approved", approved.body_id, fts.CONFIG,
    )  # fmt: skip
    Meeting.objects.filter(pk=approved.pk).update(language="fr")
    entry.refresh_from_db()
    assert entry.config == "fr_unaccent" and entry.day == approved.start
    # Stemmed in French now: "décisions" is the lexeme 'decis', "migrants" is 'migr'.
    assert "'decis':3B" in entry.vector and "'migr':5B" in entry.vector
    action = make_action(item, text="Map the route.")
    make_update(action, text="Route mapped.")
    ActionPoint.objects.filter(pk=action.pk).update(
        status="done", closed_at=approved.start + datetime.timedelta(days=3)
    )
    assert set(
        SearchEntry.objects.filter(Q(action=action) | Q(update__action=action)).values_list(
            "action_status", flat=True
        )
    ) == {"done"}


def test_french_stems_find_a_french_meeting_and_english_still_works(
    client_for, principal, body, on_postgres
):
    french = make_meeting(
        body=body, status=Meeting.Status.APPROVED, language="fr", title="Comité exécutif"
    )
    make_item(french, title="Voies régulières",
              discussion="Les principaux ont adopté une décision sur les migrants.")  # fmt: skip
    english = make_meeting(body=body, status=Meeting.Status.APPROVED, title="Executive Committee")
    make_item(english, title="Regular pathways",
              discussion="Principals adopted decisions on migrants' pathways.")  # fmt: skip
    client = client_for(principal)
    # "decision" without its accent, in the singular: the French stem of "décisions".
    assert "Voies régulières" in titles(search(client, q="decision", kind="item"))
    html = search(client, q="décisions principaux", kind="item")
    assert titles(html) == ["Voies régulières"]
    assert "<mark>décision</mark>" in html
    # English stemming is unchanged for English minutes.
    found = titles(search(client, q="pathway", kind="item"))
    assert found == ["Regular pathways"]


def test_an_english_query_finds_spanish_forms(client_for, principal, body, on_postgres):
    spanish = make_meeting(body=body, status=Meeting.Status.APPROVED, language="es")
    make_item(spanish, title="Rutas", discussion="Las personas migrantes y el migrante.")
    html = search(client_for(principal), q="migrants", kind="item")
    assert titles(html) == ["Rutas"]
    assert "<mark>migrantes</mark>" in html


def test_did_you_mean_offers_the_closest_indexed_words(client_for, principal, approved):
    make_item(approved, title="Remittances", discussion="Regular pathways for migrants.")
    html = search(client_for(principal), q="remitances pathweys", kind="item")
    assert "Nothing found" in html
    assert (
        'Did you mean <a href="?q=remittances+pathways&amp;kind=item">remittances pathways</a>?'
        in html
    )
    assert titles(search(client_for(principal), q="remittances pathways")) == ["Remittances"]


def test_did_you_mean_never_suggests_what_the_reader_cannot_see(
    client_for, principal, secretariat, body, on_postgres
):
    draft = make_meeting(body=body, status=Meeting.Status.DRAFT)
    make_item(draft, title="Confidential", discussion="Zanzibarian corridor.")
    assert "Did you mean" not in search(client_for(principal), q="zanzibarien")
    assert "Did you mean" in search(client_for(secretariat), q="zanzibarien")


def test_no_result_page_query_count_is_pinned(
    client_for, principal, approved, django_assert_num_queries
):
    make_item(approved, title="Remittances", discussion="Regular pathways.")
    client = client_for(principal)
    # session, user, user's groups; the query's parses and the candidates (none, so no page
    # and no headlines); the vocabulary look-up and the corrected search's parses and
    # candidates; the user's organisation for the header; the body, topic and organisation
    # options of the filter form; the unread notifications count.
    with django_assert_num_queries(13):
        html = search(client, q="remitances")
    assert "Did you mean" in html
    # The same search again, from the cache (the organisation and the unread count kept too):
    # session, user, groups.
    with django_assert_num_queries(3):
        assert "Did you mean" in search(client, q="remitances")
