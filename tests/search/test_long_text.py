"""A discussion too long for PostgreSQL's text-search vector is saved and indexed in part."""

from __future__ import annotations

from search import fts
from search.models import SearchEntry
from tests.factories import make_item, make_meeting


def test_a_discussion_over_the_vector_limit_is_saved_and_its_start_is_searchable(on_postgres, body):
    # 200,000 distinct words: a whole-text vector would be about 2.6 MB, over the 1 MB limit.
    words = " ".join(f"w{n}x" for n in range(200_000))
    item = make_item(make_meeting(body=body), discussion="needleword " + words)
    item.refresh_from_db()
    assert len(item.discussion) > 1_000_000
    entry = SearchEntry.objects.filter(item=item)
    assert entry.filter(vector="needleword").exists()
    # Past fts.INDEXED_CHARS the text is kept but not indexed.
    assert not entry.filter(vector="w199999x").exists()
    assert fts.INDEXED_CHARS == 100_000
