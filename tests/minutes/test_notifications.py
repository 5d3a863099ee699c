"""Who is told what at each step of the review, in the app and by e-mail."""

from __future__ import annotations

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from minutes import notifications, services
from minutes.models import Meeting, ReviewComment
from outbox.models import Notification, OutboxMessage
from outbox.sending import send_due
from tests.factories import (
    SECRETARIAT,
    make_item,
    make_meeting,
    make_organization,
    make_person,
    make_user,
)

NY = ZoneInfo("America/New_York")
# Monday 3 April 2023, 09.00 in New York.
NOW = datetime.datetime(2023, 4, 3, 9, 0, tzinfo=NY)
# Friday 7 April 2023, 18.00 in New York: midnight in Geneva.
DEADLINE = datetime.datetime(2023, 4, 7, 18, 0, tzinfo=NY)


@pytest.fixture(autouse=True)
def _pinned_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def people(body, secretariat, principal, other_principal):
    """Addresses for everyone, a second secretariat member, and a principal of a non-member."""
    for user, email in (
        (secretariat, "secretariat@example.org"),
        (principal, "triggs@unhcr.example.org"),
        (other_principal, "abdi@unicef.example.org"),
    ):
        user.email = email
        user.save()
    colleague = make_user("colleague", group=SECRETARIAT, email="colleague@example.org")
    outsider_org = make_organization(name="World Health Organization", acronym="WHO")
    make_person(name="Not A Member", organization=outsider_org, email="who@example.org")
    return {"colleague": colleague}


def _sent_to() -> dict[str, str]:
    """Recipient -> subject of every e-mail in the outbox, sending what is due first."""
    send_due()
    return {m.to[0]: m.subject for m in mail.outbox}


def _draft(body) -> Meeting:
    meeting = make_meeting(body=body, title="Executive Committee Principals Meeting")
    make_item(meeting, title="Regional Reviews")
    return meeting


def test_circulation_emails_each_member_principal_with_the_deadline_in_the_body_zones(
    body, secretariat, principal, other_principal, people
):
    meeting = services.meeting_circulate(meeting=_draft(body), by=secretariat, deadline=DEADLINE)

    sent = _sent_to()
    assert set(sent) == {"triggs@unhcr.example.org", "abdi@unicef.example.org"}
    assert sent["triggs@unhcr.example.org"].startswith("Summary for review:")
    text = mail.outbox[0].body
    assert (
        "Friday, 7 April 2023, 18.00 (NY time) / Saturday, 8 April 2023, 00.00 (GVA time)" in text
    )
    assert f"http://127.0.0.1:8000/meetings/{meeting.pk}/" in text
    assert Notification.objects.filter(user=principal, link=f"/meetings/{meeting.pk}/").exists()
    assert not Notification.objects.filter(user=secretariat).exists()


def test_a_failed_circulation_writes_no_notification(body, secretariat, people):
    empty = make_meeting(body=body)
    with pytest.raises(services.ServiceError):
        services.meeting_circulate(meeting=empty, by=secretariat, deadline=DEADLINE)
    assert OutboxMessage.objects.count() == 0
    assert Notification.objects.count() == 0


def test_a_comment_is_sent_to_the_secretariat_at_once(
    body, secretariat, principal, people, django_capture_on_commit_callbacks
):
    meeting = services.meeting_circulate(meeting=_draft(body), by=secretariat, deadline=DEADLINE)
    mail.outbox.clear()
    OutboxMessage.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_comment_add(meeting=meeting, by=principal, text="Add the GCM reference.")

    # Sent by the commit hook: no scheduled run needed.
    assert {m.to[0] for m in mail.outbox} == {"secretariat@example.org", "colleague@example.org"}
    assert mail.outbox[0].subject.startswith("Comment on the summary:")
    assert "Gillian Triggs (UNHCR) commented" in mail.outbox[0].body
    assert "Add the GCM reference." in mail.outbox[0].body
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 2


def test_an_objection_tells_the_secretariat_that_silence_is_broken(
    body, secretariat, principal, other_principal, people
):
    meeting = services.meeting_circulate(meeting=_draft(body), by=secretariat, deadline=DEADLINE)
    send_due()
    mail.outbox.clear()
    services.meeting_object(meeting=meeting, by=principal, text="Item 1 misstates our position.")

    sent = _sent_to()
    assert set(sent) == {"secretariat@example.org", "colleague@example.org"}
    assert sent["secretariat@example.org"].startswith("Objection:")
    assert "Silence is broken" in mail.outbox[0].body
    assert Notification.objects.filter(user=secretariat, subject__startswith="Objection").exists()


def test_explicit_approval_tells_the_principals_and_the_other_secretariat_members(
    body, secretariat, principal, other_principal, people
):
    meeting = services.meeting_circulate(meeting=_draft(body), by=secretariat, deadline=DEADLINE)
    send_due()
    mail.outbox.clear()
    services.meeting_approve(meeting=meeting, by=secretariat)

    sent = _sent_to()
    assert set(sent) == {
        "colleague@example.org",
        "triggs@unhcr.example.org",
        "abdi@unicef.example.org",
    }
    assert all(s.startswith("Approved:") for s in sent.values())
    assert "approved by the secretariat on Monday, 3 April 2023, 09.00 (NY time)" in (
        mail.outbox[0].body
    )


def test_approval_by_silence_tells_everyone(body, secretariat, principal, other_principal, people):
    meeting = services.meeting_circulate(meeting=_draft(body), by=secretariat, deadline=DEADLINE)
    send_due()
    mail.outbox.clear()
    with time_machine.travel(DEADLINE + datetime.timedelta(minutes=1), tick=False):
        call_command("apply_review_deadlines", stdout=StringIO())
        sent = _sent_to()

    assert set(sent) == {
        "secretariat@example.org",
        "colleague@example.org",
        "triggs@unhcr.example.org",
        "abdi@unicef.example.org",
    }
    assert "under the silence procedure" in mail.outbox[0].body
    meeting.refresh_from_db()
    assert meeting.approval_method == Meeting.ApprovalMethod.SILENCE


def test_reopening_tells_the_secretariat_and_recirculation_tells_principals_of_a_revision(
    body, secretariat, principal, other_principal, people
):
    meeting = services.meeting_circulate(meeting=_draft(body), by=secretariat, deadline=DEADLINE)
    services.meeting_approve(meeting=meeting, by=secretariat)
    send_due()
    mail.outbox.clear()

    services.meeting_reopen(meeting=meeting, by=secretariat, reason="UNICEF's title was wrong.")
    sent = _sent_to()
    # A draft is never shown to principals: they hear of the revision when it is circulated.
    assert set(sent) == {"colleague@example.org"}
    assert "UNICEF's title was wrong." in mail.outbox[0].body

    mail.outbox.clear()
    services.meeting_circulate(
        meeting=meeting, by=secretariat, deadline=DEADLINE + datetime.timedelta(days=3)
    )
    sent = _sent_to()
    assert set(sent) == {"triggs@unhcr.example.org", "abdi@unicef.example.org"}
    assert all(s.startswith("Revised summary for review:") for s in sent.values())


def test_a_principal_without_a_login_is_emailed_and_one_without_an_address_only_in_the_app(
    body, member_org, secretariat, principal, people
):
    make_person(name="Deputy Without Login", organization=member_org, email="deputy@example.org")
    services.meeting_circulate(meeting=_draft(body), by=secretariat, deadline=DEADLINE)
    principal.email = ""
    principal.save()
    assert "deputy@example.org" in _sent_to()
    # The principal had an address when it was circulated: the row keeps it.
    assert Notification.objects.filter(user=principal).count() == 1


def test_reminder_time_is_two_working_days_before_in_the_body_zone():
    friday = datetime.datetime(2023, 4, 7, 18, 0, tzinfo=NY)
    monday = datetime.datetime(2023, 4, 10, 12, 0, tzinfo=NY)
    assert notifications.reminder_time(friday, NY) == datetime.datetime(
        2023, 4, 5, 18, 0, tzinfo=NY
    )
    assert notifications.reminder_time(monday, NY) == datetime.datetime(
        2023, 4, 6, 12, 0, tzinfo=NY
    )


def test_the_reminder_goes_once_to_principals_who_have_not_responded(
    body, secretariat, principal, other_principal, people
):
    meeting = services.meeting_circulate(meeting=_draft(body), by=secretariat, deadline=DEADLINE)
    services.review_comment_add(meeting=meeting, by=principal, text="Fine by UNHCR.")
    send_due()
    mail.outbox.clear()

    # Tuesday: more than two working days before Friday's deadline.
    with time_machine.travel(datetime.datetime(2023, 4, 4, 9, 0, tzinfo=NY), tick=False):
        assert notifications.send_review_reminders(now=datetime.datetime.now(tz=NY)) == 0
    # Wednesday 18.00: two working days before.
    with time_machine.travel(datetime.datetime(2023, 4, 5, 18, 0, tzinfo=NY), tick=False):
        call_command("send_review_reminders", stdout=StringIO())
        call_command("send_review_reminders", stdout=StringIO())
        sent = _sent_to()

    assert sent == {"abdi@unicef.example.org": sent["abdi@unicef.example.org"]}
    assert sent["abdi@unicef.example.org"].startswith("Reminder: comments on")
    assert "approved by silence" in mail.outbox[0].body
    assert ReviewComment.objects.count() == 1
