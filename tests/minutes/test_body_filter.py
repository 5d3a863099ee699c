"""The body filter of the meeting list, the register, search and the tracker: a select while a
reader's bodies are few, a search box with suggestions once they are many, the same bodies
(those the reader may read) either way, and a page that does not grow with their number."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from lib import lookups
from minutes.models import Meeting
from tests.factories import make_action, make_body, make_decision, make_item, make_meeting

NY = ZoneInfo("America/New_York")
PAGES = ["/meetings/", "/decisions/", "/search/", "/actions/"]
LOOKUP = "/bodies/lookup/"


@pytest.fixture
def record(body, member_org):
    """An approved meeting of the principal's body and one of a body without their seat."""
    board = make_body(name="Board of Auditors", short_name="BOA", slug="board-of-auditors")
    meetings = {}
    for seat, day in ((body, 20), (board, 21)):
        meeting = make_meeting(
            body=seat,
            title=f"{seat.name} meeting",
            status=Meeting.Status.APPROVED,
            start=datetime.datetime(2023, 3, day, 10, tzinfo=NY),
        )
        item = make_item(meeting)
        make_decision(item, text=f"The {seat.short_name} decided to meet again.")
        make_action(item, text=f"The {seat.short_name} action.", owners=[member_org])
        meetings[seat.short_name] = meeting
    return meetings


def _options(html: str) -> list[str]:
    select = re.search(r'<select name="body"[^>]*>(.*?)</select>', html, re.S)
    assert select, "no body select on the page"
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def _many_open_bodies(count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        make_body(
            name=f"Working Group {n:03d}",
            short_name=f"WG{n:03d}",
            slug=f"working-group-{n:03d}",
            open_to_all_principals=True,
        )


@pytest.mark.parametrize("url", PAGES)
def test_a_few_bodies_are_a_select_of_those_the_reader_may_read(
    client_for, principal, secretariat, record, url
):
    principal_html = client_for(principal).get(url).content.decode()
    assert _options(principal_html)[1:] == ["Executive Committee"]
    assert "Board of Auditors" not in principal_html
    secretariat_html = client_for(secretariat).get(url).content.decode()
    assert _options(secretariat_html)[1:] == ["Board of Auditors", "Executive Committee"]
    assert 'name="body_text"' not in secretariat_html


@pytest.mark.parametrize("url", PAGES)
def test_many_bodies_are_a_search_box_and_the_page_does_not_grow(
    client_for, secretariat, record, url
):
    _many_open_bodies(lookups.LIST_AT_MOST)
    client = client_for(secretariat)
    html = client.get(url).content.decode()
    assert '<select name="body"' not in html
    assert 'name="body_text"' in html
    assert f'data-lookup-url="{LOOKUP}" data-lookup-for="id_body_id"' in html
    assert '<input type="hidden" name="body" id="id_body_id" value="">' in html
    assert "Working Group" not in html
    _many_open_bodies(100, start=lookups.LIST_AT_MOST)
    cache.clear()
    assert len(client.get(url).content.decode()) == len(html)


def test_a_body_chosen_by_its_id_shows_its_name_and_filters(client_for, secretariat, record):
    _many_open_bodies(lookups.LIST_AT_MOST)
    excom = record["EXCOM"].body
    html = client_for(secretariat).get(f"/meetings/?body={excom.pk}").content.decode()
    assert 'name="body_text" id="id_body" value="Executive Committee"' in html
    assert f'<input type="hidden" name="body" id="id_body_id" value="{excom.pk}">' in html
    assert "Executive Committee meeting" in html
    assert "Board of Auditors meeting" not in html


@pytest.mark.parametrize(
    ("typed", "shown", "hidden"),
    [
        ("boa", "Board of Auditors meeting", "Executive Committee meeting"),
        ("executive committee", "Executive Committee meeting", "Board of Auditors meeting"),
        ("auditors board", "Board of Auditors meeting", "Executive Committee meeting"),
    ],
)
def test_typed_text_without_javascript_picks_the_one_body_it_names(
    client_for, secretariat, record, typed, shown, hidden
):
    _many_open_bodies(lookups.LIST_AT_MOST)
    # A name held by another body's name: the body named exactly is the one meant.
    make_body(name="Executive Committee Bureau", short_name="BOARD", slug="bureau")
    response = client_for(secretariat).get("/meetings/", {"body_text": typed})
    html = response.content.decode()
    assert shown in html
    assert hidden not in html


def test_typed_text_naming_none_or_several_says_so_and_writes_nothing(
    client_for, secretariat, record
):
    _many_open_bodies(lookups.LIST_AT_MOST)
    client = client_for(secretariat)
    for url in PAGES:
        several = client.get(url, {"body_text": "working group"})
        assert several.status_code == 200
        text = several.content.decode()
        assert "Several match “working group”: Working Group 000, Working Group 001" in text
        assert "type more of the name" in text
        none = client.get(url, {"body_text": "<script>x</script>"})
        assert none.status_code == 200
        assert "Nothing here matches “&lt;script&gt;x&lt;/script&gt;”." in none.content.decode()
        assert "<script>x</script>" not in none.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_a_body_the_reader_may_not_read_is_refused_by_id_and_by_name(
    client_for, principal, record, url
):
    board = record["BOA"].body
    client = client_for(principal)
    by_id = client.get(url, {"body": board.pk})
    assert by_id.status_code == 200
    assert "Select a valid choice" in by_id.content.decode()
    _many_open_bodies(lookups.LIST_AT_MOST)
    by_name = client.get(url, {"body_text": "Board of Auditors"})
    assert "Nothing here matches “Board of Auditors”." in by_name.content.decode()


def test_suggestions_are_the_bodies_the_reader_may_read(
    client_for, principal, secretariat, record, django_assert_num_queries
):
    _many_open_bodies(3)
    client = client_for(principal)
    assert client.get(LOOKUP, {"q": "o"}).json() == {"results": []}
    excom = record["EXCOM"].body
    assert client.get(LOOKUP, {"q": "excom"}).json() == {
        "results": [{"id": excom.pk, "label": "Executive Committee"}]
    }
    assert client.get(LOOKUP, {"q": "board"}).json() == {"results": []}
    labels = [row["label"] for row in client.get(LOOKUP, {"q": "group wg00"}).json()["results"]]
    assert labels == ["Working Group 000", "Working Group 001", "Working Group 002"]
    secretariat_client = client_for(secretariat)
    board = record["BOA"].body
    assert secretariat_client.get(LOOKUP, {"q": "BOA"}).json() == {
        "results": [{"id": board.pk, "label": "Board of Auditors"}]
    }
    # The same term again is answered from the cache: the session, the user and their groups.
    with django_assert_num_queries(3):
        assert secretariat_client.get(LOOKUP, {"q": "boa"}).json()["results"][0]["id"] == board.pk


def test_suggestions_need_a_login(client, record):
    response = client.get(LOOKUP, {"q": "excom"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
