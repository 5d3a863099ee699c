from __future__ import annotations

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from minutes import services
from minutes.models import Meeting, ReviewComment, SummaryEvent
from tests.factories import (
    make_action,
    make_attendance,
    make_decision,
    make_item,
    make_meeting,
    make_person,
)

# Review deadlines are counted from now: run on a pinned clock.
pytestmark = pytest.mark.clock


@pytest.fixture
def circulated(body, secretariat):
    meeting = make_meeting(body=body)
    make_item(meeting, title="Regional Reviews")
    make_item(meeting, title="Complementarity")
    return services.meeting_circulate(
        meeting=meeting, by=secretariat, deadline=timezone.now() + datetime.timedelta(days=3)
    )


def test_secretariat_circulates_from_the_summary_page(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    make_item(meeting)
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)
    response = client_for(secretariat).post(
        reverse("minutes:meeting_circulate", args=[meeting.pk]),
        {"deadline_date": tomorrow.isoformat(), "deadline_time": "17:00"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CIRCULATED
    # 17.00 typed in New York is stored as 17.00 New York, whatever the server's zone.
    local = meeting.review_deadline.astimezone(ZoneInfo("America/New_York"))
    assert (local.date(), local.hour) == (tomorrow, 17)
    page = client_for(secretariat).get(meeting.get_absolute_url()).content.decode()
    assert "Circulated to the principals for review." in page
    assert "17.00 (NY time)" in page


def test_circulating_an_empty_draft_is_refused_with_a_message(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)
    client = client_for(secretariat)
    response = client.post(
        reverse("minutes:meeting_circulate", args=[meeting.pk]),
        {"deadline_date": tomorrow.isoformat(), "deadline_time": "17:00"},
        follow=True,
    )
    assert "Record at least one agenda item" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_principal_comments_on_an_item_and_sees_its_status(
    client_for, circulated, principal, secretariat, other_principal
):
    item = circulated.agenda_items.get(title="Complementarity")
    client = client_for(principal)
    response = client.post(
        reverse("minutes:comment_add", args=[circulated.pk]),
        {"agenda_item": item.pk, "kind": "comment", "text": "Please add the GCR link."},
    )
    comment = ReviewComment.objects.get()
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert (comment.agenda_item, comment.author) == (item, principal)
    page = client.get(circulated.get_absolute_url()).content.decode()
    assert "Please add the GCR link." in page and "Open" in page
    assert f'href="?on={item.pk}#review"' in page
    preselected = client.get(circulated.get_absolute_url(), {"on": item.pk}).content.decode()
    assert f'<option value="{item.pk}" selected>' in preselected
    # Another principal does not see it.
    client.force_login(other_principal)
    assert (
        "Please add the GCR link." not in client.get(circulated.get_absolute_url()).content.decode()
    )
    # The secretariat resolves it with a reply; the author sees both.
    client.force_login(secretariat)
    client.post(reverse("minutes:comment_resolve", args=[comment.pk]), {"reply": "Added."})
    client.force_login(principal)
    mine = client.get(reverse("minutes:my_comments")).content.decode()
    assert "Resolved" in mine and "Added." in mine


def test_objection_through_the_page_returns_the_summary(
    client_for, circulated, principal, secretariat
):
    client = client_for(principal)
    objection = {"agenda_item": "", "kind": "objection", "text": "Not what was agreed."}
    asked = client.post(reverse("minutes:comment_add", args=[circulated.pk]), objection)
    # First a confirmation page saying what an objection does; nothing is written yet.
    assert asked.status_code == 200
    assert "returns to the secretariat" in asked.content.decode()
    assert not ReviewComment.objects.exists()
    response = client.post(
        reverse("minutes:comment_add", args=[circulated.pk]), {**objection, "confirmed": "yes"}
    )
    comment = ReviewComment.objects.get()
    assert response["Location"] == f"{circulated.get_absolute_url()}#comment-{comment.pk}"
    circulated.refresh_from_db()
    assert circulated.status == Meeting.Status.DRAFT
    # The objector still reads the summary as circulated, marked returned, with the objection.
    page = client.get(circulated.get_absolute_url())
    assert page.status_code == 200
    assert "Returned to the secretariat" in page.content.decode()
    assert "Not what was agreed." in page.content.decode()
    assert (
        "back with the secretariat" in client.get(reverse("minutes:my_comments")).content.decode()
    )
    client.force_login(secretariat)
    page = client.get(circulated.get_absolute_url()).content.decode()
    assert "Objection from UNHCR" in page and "Not what was agreed." in page
    assert "Silence broken by an objection" in page


def test_nobody_comments_after_the_deadline(client_for, circulated, principal):
    Meeting.objects.filter(pk=circulated.pk).update(
        review_deadline=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client_for(principal).post(
        reverse("minutes:comment_add", args=[circulated.pk]),
        {"kind": "objection", "text": "Too late"},
    )
    assert response.status_code == 302
    assert not ReviewComment.objects.exists()
    assert "no longer open" in str(list(response.wsgi_request._messages))
    circulated.refresh_from_db()
    assert circulated.effective_status == Meeting.Status.APPROVED
    assert circulated.status == Meeting.Status.CIRCULATED  # the scheduled command records it


def test_viewing_a_summary_after_the_deadline_shows_it_approved_without_writing(
    client_for, circulated, principal
):
    deadline = timezone.now() - datetime.timedelta(minutes=1)
    Meeting.objects.filter(pk=circulated.pk).update(review_deadline=deadline)
    response = client_for(principal).get(circulated.get_absolute_url())
    assert response.status_code == 200  # no redirect: nothing to apply first
    html = response.content.decode()
    assert "Approved by silence on" in html
    assert "Comment on the summary or object to it" not in html
    circulated.refresh_from_db()
    assert circulated.status == Meeting.Status.CIRCULATED
    assert not circulated.events.filter(kind=SummaryEvent.Kind.APPROVED).exists()
    call_command("apply_review_deadlines", stdout=StringIO())
    circulated.refresh_from_db()
    assert circulated.approved_at == deadline
    assert circulated.events.filter(kind=SummaryEvent.Kind.APPROVED, by=None).count() == 1


def test_secretariat_approves_explicitly_then_corrects(client_for, circulated, secretariat):
    client = client_for(secretariat)
    client.post(reverse("minutes:meeting_approve", args=[circulated.pk]))
    circulated.refresh_from_db()
    assert circulated.approval_method == Meeting.ApprovalMethod.EXPLICIT
    response = client.post(reverse("minutes:meeting_reopen", args=[circulated.pk]), {"reason": ""})
    circulated.refresh_from_db()
    assert circulated.status == Meeting.Status.APPROVED
    client.post(
        reverse("minutes:meeting_reopen", args=[circulated.pk]),
        {"reason": "A participant's title was wrong."},
    )
    circulated.refresh_from_db()
    assert circulated.status == Meeting.Status.DRAFT
    response = client.get(circulated.get_absolute_url())
    assert "A participant&#x27;s title was wrong." in response.content.decode()


def test_principal_cannot_approve_or_reopen(client_for, circulated, principal):
    client = client_for(principal)
    assert client.post(reverse("minutes:meeting_approve", args=[circulated.pk])).status_code == 403
    circulated.refresh_from_db()
    assert circulated.status == Meeting.Status.CIRCULATED


def test_summary_page_query_count_for_a_reviewing_principal(
    client_for, body, member_org, secretariat, principal, django_assert_num_queries
):
    meeting = make_meeting(body=body)

    def fill(n):
        for _ in range(n):
            make_attendance(meeting, make_person(organization=member_org))
            item = make_item(meeting)
            for _ in range(2):
                make_decision(item)
                make_action(item, owners=[member_org], people=[make_person()])
            ReviewComment.objects.create(
                meeting=meeting, agenda_item=item, author=principal, text="x"
            )

    fill(2)
    meeting = services.meeting_circulate(
        meeting=meeting, by=secretariat, deadline=timezone.now() + datetime.timedelta(days=3)
    )
    client = client_for(principal)
    client.get(meeting.get_absolute_url())
    # session, user, groups, meeting+body, zones, membership check, attendances, items, item
    # documents, decisions, actions, owner orgs, owner people, meeting documents, follow-up
    # reviews at this meeting and earlier open actions. The user's organisation, the unread
    # notifications count, who may open the meeting, the reader's review comments, and the
    # pieces that show its circulations and its versions in other languages are kept from the
    # first request (lib.readcache).
    with django_assert_num_queries(16) as ctx:
        client.get(meeting.get_absolute_url())
    counted = len(ctx.captured_queries)
    fill(3)
    client.get(meeting.get_absolute_url())  # the writes started lib.readcache's answers again
    with django_assert_num_queries(counted):
        response = client.get(meeting.get_absolute_url())
    html = response.content.decode()
    assert html.count("Action Points:") == 5
    assert html.count('class="comment comment--comment"') == 5


def test_an_approved_summary_reads_its_page_from_the_cache_and_follows_a_reply(
    client_for, circulated, secretariat, principal, django_assert_num_queries
):
    comment = services.review_comment_add(
        meeting=circulated, by=principal, text="Please name the regional focal points."
    )
    meeting = services.meeting_approve(meeting=circulated, by=secretariat)
    client = client_for(principal)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Please name the regional focal points." in html
    # Once the review is over, the principal's own comments, the export and language links
    # and the changes since the last circulation come from the cache with the document: the
    # session, user, groups, the meeting and its body's zones.
    with django_assert_num_queries(5):
        again = client.get(meeting.get_absolute_url()).content.decode()
    assert "Please name the regional focal points." in again
    services.review_comment_resolve(comment=comment, by=secretariat, reply="Added in item 2.")
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Added in item 2." in html
