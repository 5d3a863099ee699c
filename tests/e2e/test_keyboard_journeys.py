"""Keyboard alone through the recording and review journeys: Tab, typing, arrows and Enter.

Every focus move goes through ``a11y.KeyboardUser``, which fails when the focused element
shows no focus indicator or is off screen.
"""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from minutes.models import AgendaItem, Meeting, ReviewComment
from tests.e2e.test_keyboard import keyboard_login

pytestmark = pytest.mark.e2e


def test_secretariat_records_an_item_and_circulates_by_keyboard(page, demo_site):
    kb = keyboard_login(page, demo_site, "secretariat")
    kb.tab_to(page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings"))
    kb.press("Enter", navigates=True)
    kb.tab_to(page.get_by_role("link", name="New meeting"))
    kb.press("Enter", navigates=True)

    # Details: the body select takes typed letters; the date and time inputs take digits.
    kb.tab_to(page.get_by_label("Body"))
    kb.type("Exec")
    kb.tab_to(page.get_by_label("Level"))
    kb.type("Principals")
    kb.tab_to(page.get_by_label("Date"))
    kb.type("03272023")
    kb.tab_to(page.get_by_label("Start time"))
    kb.type("1000AM")
    kb.tab_to(page.get_by_label("End time"))
    kb.type("1130AM")
    kb.tab_to(page.get_by_role("button", name="Create meeting"))
    kb.press("Enter", navigates=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Attendance")
    meeting = Meeting.objects.order_by("-pk").first()
    assert meeting.start == datetime.datetime(2023, 3, 27, 14, 0, tzinfo=datetime.UTC)

    # Agenda: add an item and write it up.
    editor = page.get_by_role("navigation", name="Meeting editor")
    kb.tab_to(editor.get_by_role("link", name="Agenda", exact=True))
    kb.press("Enter", navigates=True)
    kb.tab_to(page.get_by_label("New item title"))
    kb.type("Regional Reviews framework")
    kb.tab_to(page.get_by_role("button", name="Add item", exact=True))
    kb.press("Enter", navigates=True)
    kb.tab_to(page.get_by_role("link", name="Edit Regional Reviews framework"))
    kb.press("Enter", navigates=True)
    kb.tab_to(page.get_by_label("Discussion"))
    kb.type("The framework was endorsed.")
    kb.tab_to(page.get_by_role("button", name="Add a decision"))
    kb.press("Enter")
    kb.tab_to(page.locator('[name="decisions-0-text"]'))
    kb.type("The framework on the Regional Reviews was endorsed.")
    kb.tab_to(page.get_by_role("button", name="Save item", exact=True))
    kb.press("Enter", navigates=True)
    expect(page.locator(".decisions li")).to_contain_text("The framework on the Regional Reviews")
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.discussion == "The framework was endorsed."

    # Circulate with a deadline next week.
    deadline = datetime.date.today() + datetime.timedelta(days=7)
    kb.tab_to(page.get_by_label("Deadline date"))
    kb.type(deadline.strftime("%m%d%Y"))
    kb.tab_to(page.get_by_label("Deadline time (NY time)"))
    kb.type("0500PM")
    kb.tab_to(page.get_by_role("button", name="Circulate", exact=True))
    kb.press("Enter", navigates=True)
    expect(page.get_by_text("Circulated to the principals for review.")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CIRCULATED


def test_principal_comments_and_objects_by_keyboard(page, demo_site):
    meeting = Meeting.objects.get(status=Meeting.Status.CIRCULATED)
    kb = keyboard_login(page, demo_site, "principal")
    kb.tab_to(page.get_by_role("link", name=f"{meeting.title}, {meeting.start:%-d %b %Y}"))
    kb.press("Enter", navigates=True)

    kb.tab_to(page.get_by_label("Your comment"))
    kb.type("Please name the regional commissions consulted.")
    kb.tab_to(page.get_by_role("button", name="Send"))
    kb.press("Enter", navigates=True)
    expect(page.get_by_text("Your comment was sent to the secretariat.")).to_be_visible()

    # The kind is a radio group: Tab into it, then the arrow key moves to "Objection".
    kb.tab_to(page.get_by_label("Comment", exact=True))
    kb.press("ArrowDown")
    expect(page.get_by_label("Objection (breaks silence)")).to_be_checked()
    kb.tab_to(page.get_by_label("Your comment"))
    kb.type("UNHCR's position on item 1 is misrepresented.")
    kb.tab_to(page.get_by_role("button", name="Send"))
    kb.press("Enter")
    # The confirmation dialog takes the focus; Enter on its first button sends the objection.
    expect(page.get_by_role("dialog")).to_be_visible()
    send = page.get_by_role("button", name="Object and return the summary")
    if not page.evaluate("(el) => el === document.activeElement", send.element_handle()):
        kb.tab_to(send)
    kb.press("Enter", navigates=True)
    expect(page.get_by_text("Silence is broken")).to_be_visible()
    kinds = set(ReviewComment.objects.filter(meeting=meeting).values_list("kind", flat=True))
    assert kinds == {"comment", "objection"}
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT
