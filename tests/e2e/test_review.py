"""Journeys 2 and 3: a principal comments and objects; the deadline passes in silence."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from minutes.models import Meeting, ReviewComment, SummaryEvent

pytestmark = pytest.mark.e2e


def _open_circulated(page):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    page.get_by_label("Status").select_option("circulated")
    page.get_by_role("button", name="Filter").click()
    page.locator("tbody tr").first.get_by_role("link").click()


def test_principal_comments_on_an_item_and_objects(login, demo_site):
    meeting = Meeting.objects.get(status=Meeting.Status.CIRCULATED)
    first_item = meeting.agenda_items.order_by("position").first()
    page = login("principal")
    _open_circulated(page)
    expect(page.locator(".summary-status")).to_contain_text("Comments and objections until")

    page.get_by_label("On:", exact=True).select_option(label=f"1. {first_item.title}")
    page.get_by_label("Comment", exact=True).check()
    page.get_by_label("Your comment").fill("Please name the regional commissions consulted.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Your comment was sent to the secretariat.")).to_be_visible()
    comment = page.locator(".comment").first
    expect(comment).to_contain_text(f"on {first_item.title}")
    expect(comment).to_contain_text("Open")

    page.get_by_label("Objection (breaks silence)").check()
    page.get_by_label("Your comment").fill("UNHCR's position on item 1 is misrepresented.")
    page.get_by_role("button", name="Send").click()
    # A dialog says what an objection does before anything is sent.
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("returns to the secretariat")
    assert not ReviewComment.objects.filter(meeting=meeting, kind="objection").exists()
    dialog.get_by_role("button", name="Object and return the summary").click()
    expect(page.get_by_text("Silence is broken")).to_be_visible()
    # The objector still reads the summary as circulated, marked returned, objection in place.
    expect(page.locator(".summary-status")).to_contain_text("Returned to the secretariat")
    expect(page.locator(".comment--objection")).to_contain_text("misrepresented")

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT
    assert ReviewComment.objects.filter(meeting=meeting, kind="objection").count() == 1
    assert meeting.events.filter(kind=SummaryEvent.Kind.OBJECTED).exists()
    page.goto(f"{demo_site}/comments/mine/")
    expect(page.locator("tbody tr")).to_have_count(2)
    expect(page.get_by_text("back with the secretariat").first).to_be_visible()

    # The secretariat sees the objection on the draft.
    page.context.clear_cookies()
    login("secretariat")
    page.goto(f"{demo_site}{meeting.get_absolute_url()}")
    expect(page.get_by_role("alert")).to_contain_text("misrepresented")
    page.locator(".comment--objection").get_by_label("Reply (optional)").fill("Corrected.")
    page.locator(".comment--objection").get_by_role("button", name="Resolve").click()
    expect(page.get_by_text("Comment resolved.")).to_be_visible()
    expect(page.locator(".comment--objection")).to_contain_text("Resolved")


def test_deadline_passes_and_the_summary_shows_as_approved(login, demo_site):
    meeting = Meeting.objects.get(status=Meeting.Status.CIRCULATED)
    # Time passes: the deadline is now a minute ago and nobody objected.
    deadline = timezone.now() - datetime.timedelta(minutes=1)
    Meeting.objects.filter(pk=meeting.pk).update(review_deadline=deadline)
    page = login("principal2")
    page.goto(f"{demo_site}{meeting.get_absolute_url()}")
    expect(page.locator(".summary-status .badge")).to_have_text("Approved")
    expect(page.locator(".summary-status")).to_contain_text("Approved by silence on")
    expect(page.get_by_label("Your comment")).to_have_count(0)
    # Showing it wrote nothing: the scheduled sweep records the approval.
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CIRCULATED
    call_command("apply_review_deadlines")
    meeting.refresh_from_db()
    assert meeting.approval_method == Meeting.ApprovalMethod.SILENCE
    assert meeting.approved_at == deadline
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    row = page.locator("tr", has=page.locator(f'a[href="{meeting.get_absolute_url()}"]'))
    expect(row).to_contain_text("Approved")
