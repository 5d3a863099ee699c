"""Journey 1: the secretariat records a new meeting end to end and circulates it."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_secretariat_records_a_meeting_and_circulates_it(login, demo_site):
    page = login("secretariat")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="New meeting").click()

    # 1. Details, times in New York (the body's first zone), title left to its default.
    page.get_by_label("Body").select_option(label="Executive Committee")
    page.get_by_label("Level").fill("Principals")
    page.get_by_label("Modality").select_option("virtual")
    page.get_by_label("Date").fill("2023-03-27")
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("11:30")
    page.get_by_label("Opening remarks").fill(
        "In his opening remarks, the Coordinator welcomed all."
    )
    # This journey adds people by hand, one from the register and one new.
    page.get_by_label("Propose the attendance").uncheck()
    page.get_by_role("button", name="Create meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attendance")

    # 2. Attendance: one principal from the register, one newcomer with a new organisation.
    page.get_by_label("Find a person by name or organisation").fill("UNHCR")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("button", name="Add Gillian Triggs").click()
    expect(page.get_by_role("group", name="Gillian Triggs")).to_be_visible()
    page.get_by_label("Name:", exact=True).fill("Rola Dashti")
    page.get_by_label("Title:", exact=True).fill("Executive Secretary")
    page.get_by_label("Or a new organisation: name").fill(
        "Economic and Social Commission for Western Asia"
    )
    page.get_by_label("Acronym").fill("ESCWA")
    page.get_by_role("button", name="Add new person").click()
    page.get_by_label("Role for Gillian Triggs").fill("Chair")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()

    # 3. Agenda: two items, the first written up with a decision and an action point.
    editor = page.get_by_role("navigation", name="Meeting editor")
    editor.get_by_role("link", name="Agenda", exact=True).click()
    page.get_by_label("New item title").fill("Complementarity of the two Compacts")
    page.get_by_role("button", name="Add item", exact=True).click()
    page.get_by_label("New item title").fill("Regional Reviews framework")
    page.get_by_role("button", name="Add item", exact=True).click()
    page.get_by_role("button", name="Up Regional Reviews framework").click()
    rows = page.locator("tbody tr")
    expect(rows.first).to_contain_text("Regional Reviews framework")
    page.get_by_role("link", name="Edit Regional Reviews framework").click()

    page.get_by_label("Discussion").fill(
        "The [framework](https://example.org/framework) was endorsed."
    )
    # With JavaScript, outcome rows come as they are added; the second is a copy made in the page.
    expect(page.locator('[name="decisions-0-text"]')).to_be_hidden()
    page.get_by_role("button", name="Add a decision").click()
    page.locator('[name="decisions-0-kind"]').select_option("endorsed")
    page.locator('[name="decisions-0-text"]').fill("The framework on the Regional Reviews.")
    page.get_by_role("button", name="Add a decision").click()
    page.locator('[name="decisions-1-kind"]').select_option("agreed")
    page.locator('[name="decisions-1-text"]').fill("The timeframe should remain flexible.")
    page.get_by_role("button", name="Add an action point").click()
    page.locator('[name="actions-0-text"]').fill(
        "Develop a roadmap of the Regional Reviews process."
    )
    page.locator('[name="actions-0-owner_note"]').fill("the Network")
    page.locator('[name="actions-0-due_day"]').fill("2024-09-01")
    page.locator('[name="actions-0-due_precision"]').select_option("half")
    page.get_by_role("button", name="Save item", exact=True).click()

    # The summary reads like the sample, with New York and Geneva times a week after the switch.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Executive Committee Principals (Virtual) Meeting"
    )
    expect(page.get_by_text("Monday, 27 March 2023")).to_be_visible()
    expect(
        page.get_by_text("10.00 \u2013 11.30 (NY time)/16.00 \u2013 17.30 (GVA time)")
    ).to_be_visible()
    expect(page.locator(".participants li").first).to_contain_text(
        "Gillian Triggs, Assistant High Commissioner for Protection, UNHCR, Chair"
    )
    expect(page.get_by_text("Rola Dashti, Executive Secretary, ESCWA")).to_be_visible()
    expect(page.locator(".agenda li")).to_have_count(2)
    expect(page.get_by_role("link", name="framework", exact=True)).to_have_attribute(
        "href", "https://example.org/framework"
    )
    expect(page.locator(".decisions li")).to_have_count(2)
    expect(page.locator(".decisions li").first).to_contain_text(
        "The framework on the Regional Reviews."
    )
    expect(page.locator(".decisions li").last).to_contain_text("The timeframe should remain")
    expect(page.locator(".action-points li")).to_contain_text("second half of 2024")

    # 4. Circulate with a deadline a week from now.
    deadline = datetime.date.today() + datetime.timedelta(days=7)
    page.get_by_label("Deadline date").fill(deadline.isoformat())
    page.get_by_label("Deadline time (NY time)").fill("17:00")
    page.get_by_role("button", name="Circulate", exact=True).click()
    expect(page.get_by_text("Circulated to the principals for review.")).to_be_visible()
    expect(page.locator(".summary-status")).to_contain_text("Comments and objections until")
    page.get_by_role("link", name="History").click()
    expect(page.locator(".history")).to_contain_text("agenda item 1 discussion")
