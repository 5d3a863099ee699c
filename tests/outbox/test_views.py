"""The notifications page, the unread count in the navigation, and the e-mail settings."""

from __future__ import annotations

import datetime

import time_machine
from django.urls import reverse

from outbox.models import DeliveryPreference, Notification
from outbox.services import Notice, notify


def _tell(user, subject: str, link: str = "/meetings/1/") -> None:
    notify([Notice(subject=subject, body=f"Body of {subject}.", link=link, user=user)])


def test_the_page_lists_my_notifications_newest_first_and_marks_them_read(
    client_for, principal, other_principal
):
    start = datetime.datetime(2023, 4, 3, 13, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        _tell(principal, "Summary for review: March meeting")
        clock.shift(datetime.timedelta(hours=1))
        _tell(principal, "Approved: March meeting")
        _tell(other_principal, "Someone else's notice")

    client = client_for(principal)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert '>2<span class="visually-hidden"> unread</span>' in dashboard

    page = client.get(reverse("outbox:notification_list")).content.decode()
    assert page.index("Approved: March meeting") < page.index("Summary for review: March meeting")
    assert page.count('<span class="badge">New</span>') == 2
    assert "Someone else" not in page
    assert not Notification.objects.filter(user=principal, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=other_principal, read_at__isnull=True).exists()

    again = client.get(reverse("outbox:notification_list")).content.decode()
    assert '<span class="badge">New</span>' not in again
    assert " unread</span>" not in client.get(reverse("dashboard")).content.decode()


def test_the_kept_unread_count_follows_every_change(
    client_for, principal, django_assert_num_queries
):
    client = client_for(principal)
    _tell(principal, "First notice")
    assert (
        '>1<span class="visually-hidden"> unread</span>'
        in client.get("/meetings/").content.decode()
    )
    # Kept between pages: the session, the user and their groups are all the list reads.
    with django_assert_num_queries(3):
        client.get("/meetings/")
    _tell(principal, "Second notice")
    assert (
        '>2<span class="visually-hidden"> unread</span>'
        in client.get("/meetings/").content.decode()
    )
    # A notification deleted one by one (the admin) counts too.
    Notification.objects.filter(subject="First notice").get().delete()
    assert (
        '>1<span class="visually-hidden"> unread</span>'
        in client.get("/meetings/").content.decode()
    )


def test_notifications_page_query_count_is_pinned(client_for, principal, django_assert_num_queries):
    for i in range(3):
        _tell(principal, f"Notice {i}")
    client = client_for(principal)
    client.get(reverse("outbox:notification_list"))  # marks them read
    _tell(principal, "Notice 4")
    # Session, user, the notifications, marking the unread one read (a savepoint around the
    # update: 3 queries), the role flags of the navigation (groups; the organisation is kept
    # from the first request by lib.readcache).
    with django_assert_num_queries(7):
        response = client.get(reverse("outbox:notification_list"))
    assert response.content.decode().count("Body of Notice") == 4


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("outbox:notification_list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_user_chooses_the_daily_digest(client_for, secretariat):
    client = client_for(secretariat)
    page = client.get(reverse("outbox:preferences")).content.decode()
    assert (
        'value="immediate" checked' in page or "checked" in page.split('value="immediate"')[1][:40]
    )

    response = client.post(reverse("outbox:preferences"), {"delivery": "daily"})
    assert response.status_code == 302
    assert DeliveryPreference.objects.get(user=secretariat).delivery == "daily"
    _tell(secretariat, "Comment on the summary")
    assert Notification.objects.get(user=secretariat).digest_pending is False  # no address


def test_an_unknown_choice_is_refused_with_a_message_and_saves_nothing(client_for, secretariat):
    response = client_for(secretariat).post(reverse("outbox:preferences"), {"delivery": "hourly"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not DeliveryPreference.objects.exists()
