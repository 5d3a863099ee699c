from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ACTION = "To implement the actions and recommendations for greater complementarity"


def test_principal_closes_an_overdue_action_and_the_next_meeting_follows_it_up(
    login, demo_site, page
):
    page = login("principal")
    owed = page.get_by_role("region", name=re.compile("What UNHCR owes"))
    row = owed.locator("li", has_text=ACTION)
    expect(row).to_contain_text("overdue")
    row.get_by_role("link", name=re.compile("^To implement")).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(ACTION)
    page.get_by_label("What was done").fill(
        "Complementarity recommendations implemented; report shared."
    )
    page.get_by_label("Status").select_option("done")
    page.get_by_role("button", name="Save entry").click()

    expect(page.get_by_role("status")).to_contain_text("recorded")
    log = page.get_by_role("region", name="Progress log")
    expect(log).to_contain_text("Complementarity recommendations implemented; report shared.")
    expect(page.locator(".facts")).to_contain_text("Done")

    page.get_by_role("button", name="Log out").click()
    page = login("secretariat")
    page.get_by_role("link", name="Prepare its follow-up on action points").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Follow-up on action points")
    closed = page.get_by_role("region", name="Closed since the previous meeting")
    expect(closed).to_contain_text(ACTION)
    expect(closed).to_contain_text("Complementarity recommendations implemented")
    # It is no longer among the actions the meeting still has to review.
    expect(page.locator("form.follow-up-form")).not_to_contain_text(ACTION)
