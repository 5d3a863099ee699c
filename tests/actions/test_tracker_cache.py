"""The tracker's table and filters are rendered once and then served from the cache: never to a
reader who may not see them, never after a record changed, never after the day turned."""

from __future__ import annotations

import datetime

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from minutes.models import ActionPoint
from minutes.services.actions import action_update_add
from participants import zones
from tests.factories import make_decision

TRACKER = "/actions/"


def test_a_cached_table_is_served_without_reading_its_rows(
    client_for, secretariat, world, django_assert_max_num_queries
):
    client = client_for(secretariat)
    first = client.get(TRACKER).content.decode()
    # The rows, their owners, meetings, zones and progress are not read again: what is left is
    # the session, user, groups, the cached count, the organisation and notifications.
    with django_assert_max_num_queries(7):
        again = client.get(TRACKER).content.decode()
    for action in (world.overdue_unhcr, world.draft_action, world.done_unhcr):
        assert action.reference in first
        assert action.reference in again


def test_no_reader_is_served_another_readers_table(client_for, secretariat, principal, world):
    draft_text = world.draft_action.text
    assert draft_text in client_for(secretariat).get(TRACKER).content.decode()
    html = client_for(principal).get(TRACKER).content.decode()
    assert draft_text not in html  # a principal never sees a draft's action
    assert 'name="rows"' not in html  # nor the secretariat's selection boxes
    assert world.overdue_unhcr.reference in html
    # And the other way round, with the principal's table cached first.
    assert draft_text in client_for(secretariat).get(TRACKER).content.decode()


def test_a_change_shows_on_the_next_request(client_for, secretariat, world):
    client = client_for(secretariat)
    assert "Drafting has started." not in client.get(TRACKER).content.decode()
    action_update_add(
        action=world.future_unicef,
        by=secretariat,
        text="Drafting has started.",
        status=ActionPoint.Status.IN_PROGRESS,
    )
    html = client.get(TRACKER).content.decode()
    assert "Drafting has started." in html


def test_overdue_days_follow_the_calendar_without_any_write(client_for, secretariat, world):
    # Two minutes before and one after midnight where the deployment counts days: well within
    # the cache's lifetime, with no write in between.
    zone = zones.fallback_zone()[0]
    evening = datetime.datetime.combine(zones.today(), datetime.time(23, 58), tzinfo=zone)
    with time_machine.travel(evening, tick=False) as traveller:
        client = client_for(secretariat)
        days = world.overdue_unhcr.days_overdue()
        assert f"{days} days overdue" in client.get(TRACKER).content.decode()
        traveller.shift(datetime.timedelta(minutes=3))
        html = client.get(TRACKER).content.decode()
    assert f"{days + 1} days overdue" in html


def test_each_language_has_its_own_rendering(client_for, secretariat, world):
    client = client_for(secretariat)
    assert "Latest progress" in client.get(TRACKER).content.decode()
    with translation.override("fr"):
        html = client.get(TRACKER, headers={"accept-language": "fr"}).content.decode()
    assert "Latest progress" not in html


def test_a_cached_page_builds_no_query_for_its_list(
    client_for, secretariat, world, django_assert_num_queries
):
    client = client_for(secretariat)
    for url in (TRACKER, "/meetings/", "/decisions/"):
        client.get(url)
        # Neither the filters, nor the count, nor the rows, nor the unread notifications
        # count: the session, the user and their groups are all that is read.
        with django_assert_num_queries(3):
            assert client.get(url).status_code == 200


def test_progress_keeps_what_reads_no_action_and_renews_what_does(
    client_for, secretariat, world, django_assert_num_queries
):
    make_decision(world.overdue_unhcr.agenda_item, text="The roadmap is endorsed.")
    client = client_for(secretariat)
    assert "The roadmap is endorsed." in client.get("/decisions/").content.decode()
    for url in (TRACKER, "/meetings/", "/decisions/"):
        client.get(url)
    action_update_add(action=world.future_unicef, by=secretariat, text="Drafting has started.")
    # The meeting list and the register show no action point: still served from the cache.
    for url in ("/meetings/", "/decisions/"):
        with django_assert_num_queries(3):
            client.get(url)
    # The tracker shows them: it is read again.
    assert "Drafting has started." in client.get(TRACKER).content.decode()


def test_a_meeting_write_renews_what_reads_no_action(client_for, secretariat, world):
    client = client_for(secretariat)
    assert "Spring retreat" not in client.get("/meetings/").content.decode()
    world.march.title = "Spring retreat"
    world.march.save()
    assert "Spring retreat" in client.get("/meetings/").content.decode()


def test_who_may_open_a_record_is_kept_per_reader_and_follows_writes(
    client_for, secretariat, principal, world
):
    url = world.draft.get_absolute_url()
    assert client_for(secretariat).get(url).status_code == 200
    # The secretariat's answer is not the principal's: a draft does not exist for them.
    assert client_for(principal).get(url).status_code == 404
    world.draft.status = world.draft.Status.CIRCULATED
    world.draft.review_deadline = timezone.now() + datetime.timedelta(days=3)
    world.draft.save()
    assert client_for(principal).get(url).status_code == 200
    world.draft.status = world.draft.Status.DRAFT
    world.draft.review_deadline = None
    world.draft.save()
    assert client_for(principal).get(url).status_code == 404


def test_lists_settle_for_others_and_show_a_writer_their_own_write(
    secretariat, principal, world, settings
):
    settings.READCACHE_SETTLE_SECONDS = 10
    reader, writer = Client(), Client()
    reader.force_login(principal)
    writer.force_login(secretariat)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for client in (reader, writer):
            assert "Drafting has started." not in client.get(TRACKER).content.decode()
        response = writer.post(
            reverse("actions:action_update", args=[world.future_unicef.pk]),
            {"text": "Drafting has started.", "status": "", "due_date": "",
             "due_precision": "", "version": world.future_unicef.version},
        )  # fmt: skip
        assert response.status_code == 302
        # The writer reads their own write at once.
        assert "Drafting has started." in writer.get(TRACKER).content.decode()
        # Another reader is served the list as it settled, for a few seconds at most.
        traveller.shift(datetime.timedelta(seconds=5))
        assert "Drafting has started." not in reader.get(TRACKER).content.decode()
        traveller.shift(datetime.timedelta(seconds=6))
        assert "Drafting has started." in reader.get(TRACKER).content.decode()
        # What reads no action point is never held back.
        world.march.title = "Spring retreat"
        world.march.save()
        assert "Spring retreat" in reader.get("/meetings/").content.decode()


def test_a_row_is_rendered_again_when_what_it_shows_changes(client_for, secretariat, world):
    client = client_for(secretariat)
    assert "First draft circulated to focal points." in client.get(TRACKER).content.decode()
    # The latest entry corrected in the admin (no change to the action itself), then an owner
    # renamed: each row is kept under what it shows, so each change appears at once.
    latest = world.overdue_unhcr.updates.order_by("-created_at", "-pk").first()
    latest.text = "First draft sent to the regional focal points."
    latest.save()
    html = client.get(TRACKER).content.decode()
    assert "First draft sent to the regional focal points." in html
    organization = world.future_unicef.owner_organizations.get()
    organization.name, organization.acronym = "Children's Fund", "CF"
    organization.save()
    assert ">CF</a>" in client.get(TRACKER).content.decode()
