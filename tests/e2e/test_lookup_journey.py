"""With more bodies than a select holds, the officer finds one by typing part of its name."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from lib import lookups

pytestmark = pytest.mark.e2e


def test_officer_picks_a_body_from_the_suggestions(login, demo_site):
    from minutes.models import Meeting
    from tests.factories import make_body, make_meeting

    for n in range(lookups.LIST_AT_MOST):
        make_body(name=f"Working Group {n:02d}", short_name=f"WG{n:02d}", slug=f"wg-{n:02d}")
    board = make_body(name="Board of Auditors", short_name="BOA", slug="board-of-auditors")
    make_meeting(
        body=board,
        title="Audit planning meeting",
        status=Meeting.Status.APPROVED,
        start=datetime.datetime(2024, 2, 5, 14, tzinfo=datetime.UTC),
    )
    page = login("secretariat")
    page.goto(f"{demo_site}/meetings/")
    box = page.get_by_label("Body")
    expect(page.locator('select[name="body"]')).to_have_count(0)
    box.fill("audi")
    expect(page.locator("#id_body-suggestions option")).to_have_count(1)
    expect(page.locator("#id_body-suggestions option")).to_have_attribute(
        "value", "Board of Auditors"
    )
    box.fill("Board of Auditors")
    expect(page.locator("#id_body_id")).to_have_value(str(board.pk))
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(rf"[?&]body={board.pk}(&|$)"))
    expect(page.get_by_role("link", name="Audit planning meeting")).to_be_visible()
    expect(page.locator("table")).not_to_contain_text("Executive Committee")
    expect(page.get_by_label("Body")).to_have_value("Board of Auditors")
    # Typing something else forgets the picked id: the text is matched on the server.
    box = page.get_by_label("Body")
    box.fill("working")
    expect(page.locator("#id_body_id")).to_have_value("")
