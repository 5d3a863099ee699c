"""PostgreSQL full-text behaviour: stemming, accents, web-search syntax, stored vectors, plans."""

from __future__ import annotations

import pytest
from django.db import connection

from minutes.models import AgendaItem, Meeting
from search import backend, fts
from search.models import SearchEntry
from tests.factories import make_decision, make_item, make_meeting, make_person
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


def test_every_kind_has_an_index_the_search_uses(approved, secretariat):
    make_item(approved, title="Budget", discussion="Regular pathways.")
    results = backend.search(user=secretariat, query="pathways")
    sql, params = results.ranked.query.get_compiler(connection=connection).as_sql()
    with connection.cursor() as cursor:
        # Tiny tables make a sequential scan cheapest; forbid it to see which index is usable.
        # Fresh statistics: what earlier tests left in the table must not steer the plan.
        cursor.execute("ANALYZE search_searchentry")
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Nor a whole-index walk of a foreign-key btree: only an index that answers the match
        # (a bitmap scan needs an index condition) may read the entries.
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)  # noqa: S608 - ORM-built SQL
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for kind in fts.DOCUMENTS:
        assert fts.index_name(kind) in plan
    assert "Seq Scan on search_searchentry" not in plan
