"""Keyboard alone: log in, skip to the content, reach the meetings and open a summary.

Every step goes through ``a11y.KeyboardUser``, which fails when the element that gets focus
shows no focus indicator. The recording and review journeys reuse it the same way.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import KeyboardUser
from tests.e2e.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


def keyboard_login(page, base: str, username: str) -> KeyboardUser:
    """Log in with Tab, typing and Enter only; returns the keyboard user for what follows."""
    page.goto(f"{base}/accounts/login/")
    kb = KeyboardUser(page)
    focus_username(kb)
    kb.type(username)
    kb.press("Tab")
    kb.type(DEMO_PASSWORD)
    kb.press("Enter", navigates=True)
    page.wait_for_url(f"{base}/")
    return kb


def focus_username(kb: KeyboardUser) -> None:
    """The login form focuses the username on load (autofocus); Tab there if it did not."""
    if kb.focused().get("id") != "id_username":
        kb.tab_to(kb.page.get_by_label("Username"))


def test_the_login_page_starts_in_the_username_field(page, demo_site):
    page.goto(f"{demo_site}/accounts/login/")
    assert KeyboardUser(page).focused()["id"] == "id_username"


def test_the_skip_link_is_first_visible_on_focus_and_moves_to_the_content(page, demo_site):
    keyboard_login(page, demo_site, "secretariat")
    page.goto(f"{demo_site}/meetings/")
    kb = KeyboardUser(page)
    first = kb.press("Tab")
    assert first["label"] == "Skip to main content"
    skip = page.get_by_role("link", name="Skip to main content")
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["width"] > 0  # on screen while focused
    kb.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab lands inside the content, past the header's links and search box.
    after = kb.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert after["tag"] == "a", after


def test_a_keyboard_user_logs_in_and_opens_a_summary(page, demo_site):
    kb = keyboard_login(page, demo_site, "principal")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    presses = kb.tab_to(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings")
    )
    assert presses <= 6, kb.trail  # the nav comes right after the skip link and the brand
    kb.press("Enter", navigates=True)
    page.wait_for_url(f"{demo_site}/meetings/")
    kb.tab_to(page.locator("tr", has_text="20 Mar 2023").get_by_role("link"))
    kb.press("Enter", navigates=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Executive Committee Principals (Virtual) Meeting"
    )
    expect(page.get_by_text("Develop a roadmap of the Regional Reviews process.")).to_be_visible()


def test_a_wrong_password_is_announced_and_focus_stays_usable(page, demo_site):
    page.goto(f"{demo_site}/accounts/login/")
    kb = KeyboardUser(page)
    focus_username(kb)
    kb.type("principal")
    kb.press("Tab")
    kb.type("not the password")
    kb.press("Enter", navigates=True)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Please enter a correct username and password")
    # Still keyboard-usable: the fields are reachable again and keep the username.
    kb.tab_to(page.get_by_label("Password"))
    expect(page.get_by_label("Username")).to_have_value("principal")


def test_logging_out_works_from_the_keyboard(page, demo_site):
    kb = keyboard_login(page, demo_site, "secretariat")
    kb.tab_to(page.get_by_role("button", name="Log out"))
    kb.press("Enter", navigates=True)
    # LOGOUT_REDIRECT_URL is the login page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
