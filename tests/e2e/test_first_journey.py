from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_secretariat_opens_the_sample_meeting(login, demo_site):
    page = login("secretariat")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    page.locator("tr", has_text="20 Mar 2023").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Executive Committee Principals (Virtual) Meeting"
    )
    expect(page.get_by_text("Monday, 20 March 2023")).to_be_visible()
    participants = page.locator(".summary__participants li")
    expect(participants).to_have_count(10)
    expect(participants.first).to_contain_text("António Vitorino, Director General, IOM")
    expect(page.get_by_text("Develop a roadmap of the Regional Reviews process.")).to_be_visible()
    expect(page.locator(".action-points li")).to_have_count(4)
