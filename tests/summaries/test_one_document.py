"""The summary page, its print view and the .md and .docx exports say the same words.

Each is reduced to its text (markup dropped, whitespace collapsed): the page's document region
without its per-item links, the print view's, the Markdown as rendered, the Word paragraphs.
"""

from __future__ import annotations

import datetime
import io
import re

import markdown
import pytest
from django.core.cache import cache
from docx import Document as WordDocument
from lxml import html as lxml_html

from lib import due
from minutes.models import ActionUpdate, Attendance, Meeting
from tests.factories import (
    make_action,
    make_attendance,
    make_decision,
    make_item,
    make_meeting,
    make_person,
)

BLOCKS = {"p", "li", "ul", "ol", "div", "section", "header", "footer", "blockquote", "pre"}
BLOCKS |= {f"h{n}" for n in range(1, 7)}


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _text(element) -> str:
    """The element's text, with a space after each block so lines do not run together."""
    for block in element.iter(*BLOCKS):
        block.tail = " " + (block.tail or "")
    return _words(element.text_content())


def _region_text(page: str) -> str:
    tree = lxml_html.fromstring(page)
    (article,) = tree.xpath('//article[@id="summary"]')
    for controls in article.xpath('.//*[contains(@class, "summary__controls")]'):
        controls.drop_tree()
    return _text(article)


def _markdown_text(text: str) -> str:
    return _text(lxml_html.fromstring(f"<div>{markdown.markdown(text)}</div>"))


def _docx_text(data: bytes) -> str:
    return _words(" ".join(p.text for p in WordDocument(io.BytesIO(data)).paragraphs))


def four_texts(client, meeting: Meeting) -> dict[str, str]:
    cache.clear()
    return {
        "page": _region_text(client.get(meeting.get_absolute_url()).content.decode()),
        "print": _region_text(client.get(f"/meetings/{meeting.pk}/print/").content.decode()),
        "markdown": _markdown_text(
            client.get(f"/meetings/{meeting.pk}/export.md").content.decode()
        ),
        "docx": _docx_text(client.get(f"/meetings/{meeting.pk}/export.docx").content),
    }


def assert_same(texts: dict[str, str]) -> str:
    page = texts["page"]
    for name, text in texts.items():
        assert text == page, f"{name} differs from the page"
    return page


def test_the_sample_reads_the_same_on_every_channel(demo, client_for, demo_secretariat):
    text = assert_same(four_texts(client_for(demo_secretariat), demo))
    assert "Executive Committee Principals (Virtual) Meeting" in text
    assert "Participants:" in text and "Action Points:" in text
    assert "Follow-up on action points" in text


@pytest.fixture
def edge_meeting(body, member_org, other_org, secretariat):
    """No owner, no due date, an AOB item, a follow-up section, decisions without actions."""
    earlier = make_meeting(
        body=body,
        status=Meeting.Status.APPROVED,
        start=datetime.datetime(2023, 1, 10, 15, tzinfo=datetime.UTC),
    )
    earlier_item = make_item(earlier, title="Workplan")
    reviewed = make_action(earlier_item, text="Draft the workplan.", owners=[member_org])
    make_action(
        earlier_item,
        text="Map the regional processes.",
        due_day=datetime.date(2023, 6, 1),
        precision=due.MONTH,
    )
    meeting = make_meeting(body=body, opening_remarks="The Chair **opened** the meeting.")
    ActionUpdate.objects.create(
        action=reviewed,
        text="Shared with members.",
        status_to="done",
        status_from="open",
        reviewed_at_meeting=meeting,
    )
    chair = make_person(name="Ada Quist", organization=member_org, title="Chief")
    make_attendance(meeting, chair, role="Chair")
    make_attendance(meeting, make_person(name="Bo Ruiz", organization=other_org), also_present=True)
    make_attendance(
        meeting,
        make_person(name="Cy Tan", organization=other_org),
        status=Attendance.Status.APOLOGIES,
    )
    first = make_item(meeting, title="Regional reviews", discussion="Members met.\n\n- one\n- two")
    make_decision(first, kind="noted", text="The update was noted.")
    make_action(first, text="Keep the Network informed.")
    make_action(
        first,
        text="Share the roadmap.",
        owners=[member_org, other_org],
        due_day=datetime.date(2024, 6, 30),
    )
    decided = make_item(
        meeting, title="Budget", discussion="See [the note](https://example.org/n)."
    )
    make_decision(decided, kind="endorsed", text="The budget was endorsed.")
    make_item(meeting, title="AOB", kind="aob", discussion="Nothing else was raised.")
    return meeting


def test_edge_cases_read_the_same_on_every_channel(edge_meeting, client_for, secretariat):
    text = assert_same(four_texts(client_for(secretariat), edge_meeting))
    assert "Draft: not circulated" in text
    assert "Also present: Bo Ruiz" in text and "Cy Tan, Director, UNICEF (apologies)" in text
    # No stray separators or empty owners.
    assert "Keep the Network informed. [EXCOM/2023/03/A" in text
    assert "Share the roadmap. (Owner: UNHCR, UNICEF; due by 30 June 2024) [" in text
    assert "no date" not in text and " , " not in text and "·" not in text
    # AOB without a stray colon; a decision without actions.
    assert " AOB Nothing else was raised." in text and "AOB:" not in text
    assert "Endorsed: The budget was endorsed. [" in text
    # The follow-up section: the review at this meeting, and what is still open.
    assert "Follow-up on action points" in text
    assert "Done: Draft the workplan. (EXCOM/2023/01/A1, agreed 10 January 2023; Owner: UNHCR)" in (
        text
    )
    assert "Shared with members." in text
    assert "Still open, not reviewed at this meeting" in text
    assert (
        "Map the regional processes. (EXCOM/2023/01/A2, agreed 10 January 2023; due June 2023)"
        in (text)
    )


def test_a_principal_reads_the_same_circulated_summary_everywhere(
    edge_meeting, client_for, principal
):
    Meeting.objects.filter(pk=edge_meeting.pk).update(
        status=Meeting.Status.CIRCULATED,
        circulated_at=datetime.datetime(2023, 3, 21, tzinfo=datetime.UTC),
        review_deadline=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC),
    )
    text = assert_same(four_texts(client_for(principal), edge_meeting))
    assert "Draft circulated for review: not approved" in text
