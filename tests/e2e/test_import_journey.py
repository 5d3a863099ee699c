"""The secretariat imports the sample's Word export, corrects a title, saves, finds the draft."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def role_groups(transactional_db):
    """The groups the data migration made: an earlier live-server test flushed them away."""
    from django.contrib.auth.models import Group

    from participants import roles

    for name in (roles.SECRETARIAT, roles.PRINCIPALS):
        Group.objects.get_or_create(name=name)


def test_secretariat_imports_a_word_summary_and_finds_the_draft(
    role_groups, login, demo_site, tmp_path
):
    from minutes.models import Meeting

    sample = Meeting.objects.get(start__date="2023-03-20", status="approved")
    page = login("secretariat")
    exported = page.request.get(f"{demo_site}/meetings/{sample.pk}/export.docx")
    assert exported.ok
    docx = tmp_path / "excom-principals-2023-03-20.docx"
    docx.write_bytes(exported.body())

    page.goto(f"{demo_site}/meetings/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a summary")
    page.get_by_label("Summary file").set_input_files(str(docx))
    page.get_by_role("button", name="Read the summary").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check the imported summary")
    expect(page.get_by_text("Found 10 participants, 4 items")).to_be_visible()
    page.get_by_text("Correct participant 2").click()
    expect(page.get_by_label("Title (participant 2)")).to_have_value("Director")
    unit = page.get_by_label("Unit (participant 2)")
    expect(unit).to_have_value("Population Division")
    unit.fill("Population Division (acting)")
    # The demo holds this meeting already: the preview says so, and saving needs a tick.
    expect(page.get_by_role("heading", name="already has a meeting on that day")).to_be_visible()
    page.get_by_label("Save it although the body already has a meeting on that day").check()
    page.get_by_role("button", name="Save as draft").click()

    expect(page.get_by_role("status")).to_contain_text("as a draft")
    expect(page.locator(".badge--draft")).to_have_text("Draft")
    expect(page.locator(".summary__participants li").nth(1)).to_have_text(
        "John Wilmoth, Director, Population Division (acting), DESA"
    )

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    row = page.locator("tr", has_text="20 Mar 2023").filter(has_text="Draft")
    expect(row).to_have_count(1)
    row.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Executive Committee Principals (Virtual) Meeting"
    )
    expect(page.locator(".action-points li")).to_have_count(4)
    assert Meeting.objects.filter(start__date="2023-03-20").count() == 2
