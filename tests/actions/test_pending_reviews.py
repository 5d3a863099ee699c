"""A review at a meeting whose summary is not circulated waits for the circulation."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lib import due
from minutes import services
from minutes.models import ActionUpdate
from tests.factories import make_item

NOW = datetime.datetime(2030, 5, 4, 12, 0, tzinfo=datetime.UTC)

OUTCOMES = [
    ("overdue_unhcr", services.REVIEW_DONE, "Roadmap presented.", {}),
    ("unowned", services.REVIEW_DROPPED, "Overtaken by the workplan.", {}),
    ("in_progress_both", services.REVIEW_PROGRESS, "Pledge follow-up under way.", {}),
    (
        "future_unicef",
        services.REVIEW_DEFERRED,
        "More time needed.",
        {"due_date": datetime.date(2031, 8, 15), "due_precision": due.QUARTER},
    ),
]


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _review(world, secretariat, name, outcome, note, extra):
    action = getattr(world, name)
    services.follow_up_record(
        meeting=world.next,
        by=secretariat,
        reviews=[services.Review(action=action, outcome=outcome, note=note, **extra)],
    )
    return action


def _circulate(meeting, secretariat):
    make_item(meeting)
    return services.meeting_circulate(
        meeting=meeting, by=secretariat, deadline=timezone.now() + datetime.timedelta(days=10)
    )


@pytest.mark.parametrize(("name", "outcome", "note", "extra"), OUTCOMES)
def test_review_at_an_uncirculated_meeting_leaves_the_action_unchanged(
    clock, world, secretariat, principal, client_for, name, outcome, note, extra
):
    action = _review(world, secretariat, name, outcome, note, extra)
    saved = action.__class__.objects.get(pk=action.pk)
    assert (saved.status, saved.due_date, saved.closed_at, saved.closed_at_meeting) == (
        action.status,
        action.due_date,
        action.closed_at,
        action.closed_at_meeting,
    )
    entry = ActionUpdate.objects.get(reviewed_at_meeting=world.next)
    assert entry.applied_at is None and entry.is_pending

    client = client_for(principal)
    pages = [
        reverse("actions:action_list") + "?status=all",
        reverse("actions:action_export"),
        action.get_absolute_url(),
        reverse("search:search") + "?q=" + note.split()[0],
        *(
            reverse("reports:organization_detail", args=[org.pk])
            for org in action.owner_organizations.all()
        ),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert note not in response.content.decode(), url
    if action.is_open:
        tracker = client.get(reverse("actions:action_export")).content.decode()
        assert "Done" not in tracker.split(action.reference)[-1].split("\n")[0]


def test_circulating_applies_every_pending_review_without_a_second_entry(clock, world, secretariat):
    for name, outcome, note, extra in OUTCOMES:
        _review(world, secretariat, name, outcome, note, extra)
    entries_before = ActionUpdate.objects.count()

    clock.shift(datetime.timedelta(days=1))
    _circulate(world.next, secretariat)

    assert ActionUpdate.objects.count() == entries_before
    assert not ActionUpdate.objects.pending().exists()
    for action in (world.overdue_unhcr, world.unowned, world.in_progress_both, world.future_unicef):
        action.refresh_from_db()
    done_entry = world.overdue_unhcr.updates.get(reviewed_at_meeting=world.next)
    assert world.overdue_unhcr.status == "done"
    assert world.overdue_unhcr.closed_at == done_entry.created_at == NOW
    assert world.overdue_unhcr.closed_at_meeting == world.next
    assert done_entry.applied_at == NOW + datetime.timedelta(days=1)
    assert (world.unowned.status, world.unowned.closed_at_meeting) == ("dropped", world.next)
    assert world.in_progress_both.status == "in_progress"
    assert world.future_unicef.due_date == datetime.date(2031, 9, 30)
    assert world.future_unicef.due_display == "Q3 2031"


def test_an_action_changed_meanwhile_is_skipped_with_a_note(clock, world, secretariat):
    _review(world, secretariat, "overdue_unhcr", services.REVIEW_DONE, "Presented.", {})
    services.action_point_close(
        action=world.overdue_unhcr, by=secretariat, note="Dropped by the chair.", status="dropped"
    )

    _circulate(world.next, secretariat)

    world.overdue_unhcr.refresh_from_db()
    assert world.overdue_unhcr.status == "dropped"
    assert world.overdue_unhcr.closed_at_meeting is None
    note = world.overdue_unhcr.updates.order_by("pk").last()
    assert "was not applied when its summary was circulated" in note.text
    assert not note.status_to
    review = world.overdue_unhcr.updates.get(reviewed_at_meeting=world.next)
    assert review.applied_at is None and not review.is_pending


def test_review_at_a_circulated_meeting_applies_at_once(clock, world, secretariat):
    _circulate(world.next, secretariat)
    world.next.refresh_from_db()

    _review(world, secretariat, "overdue_unhcr", services.REVIEW_DONE, "Presented.", {})

    world.overdue_unhcr.refresh_from_db()
    assert world.overdue_unhcr.status == "done"
    assert world.overdue_unhcr.closed_at_meeting == world.next
    assert world.overdue_unhcr.updates.get(reviewed_at_meeting=world.next).applied_at == NOW


def test_withdrawing_the_summary_does_not_undo_an_applied_review(clock, world, secretariat):
    _review(world, secretariat, "overdue_unhcr", services.REVIEW_DONE, "Presented.", {})
    _circulate(world.next, secretariat)
    services.meeting_withdraw(meeting=world.next, by=secretariat, reason="A typo.")

    world.overdue_unhcr.refresh_from_db()
    assert world.overdue_unhcr.status == "done"
    assert not ActionUpdate.objects.pending().exists()


def test_follow_up_page_shows_a_pending_closing_review_as_reviewed(
    clock, world, secretariat, client_for
):
    _review(world, secretariat, "overdue_unhcr", services.REVIEW_DONE, "Roadmap presented.", {})

    html = client_for(secretariat).get(reverse("actions:follow_up", args=[world.next.pk]))
    html = html.content.decode()

    assert f'id="review-{world.overdue_unhcr.pk}"' not in html
    assert "Roadmap presented." in html
    assert "pending until the summary of this meeting is circulated" in html
