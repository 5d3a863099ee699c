"""A principal asks "what did the Executive Committee agree about the Regional Reviews?"."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _role_groups(transactional_db):
    # An earlier transactional test flushes the tables, taking the groups the data migration
    # created with them; the demo needs them.
    from django.contrib.auth.models import Group

    from participants import roles

    for name in (roles.SECRETARIAT, roles.PRINCIPALS):
        Group.objects.get_or_create(name=name)


def test_principal_finds_a_decision_and_what_followed(login, demo_site):
    page = login("principal")
    page.get_by_label("Search minutes").fill('"regional reviews" framework')
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("regional reviews")
    first = page.locator(".search-result").first
    expect(first.locator("mark").first).to_be_visible()
    page.get_by_label("Kind").select_option("decision")
    page.locator("form.filter-form").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"kind=decision"))
    page.locator(".search-result__title a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Decision EXCOM/2023/03/D")
    expect(page.get_by_role("heading", name="Action points that followed")).to_be_visible()
    page.get_by_role("link", name="Regional Reviews", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regional Reviews")
    expect(page.locator(".topic-history__meeting").first).to_contain_text("2023")
