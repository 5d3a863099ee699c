"""The summary as a reading page: objections confirmed, returned summaries, cached renderings."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from lib import due
from minutes import access, services
from minutes import document as summary_doc
from minutes.models import Meeting, ReviewComment
from tests.factories import (
    PRINCIPALS,
    make_action,
    make_item,
    make_meeting,
    make_organization,
    make_person,
    make_user,
)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def circulated(body, secretariat):
    meeting = make_meeting(body=body)
    item = make_item(meeting, title="Regional Reviews", discussion="The framework was presented.")
    make_action(item, text="Develop a roadmap.")
    return services.meeting_circulate(
        meeting=meeting, by=secretariat, deadline=timezone.now() + datetime.timedelta(days=3)
    )


@pytest.fixture
def outsider(db):
    """A principal whose organisation has no seat on the body."""
    person = make_person(name="Ann Outside", organization=make_organization(acronym="WMO"))
    return make_user("outsider", group=PRINCIPALS, person=person)


def _object(client, meeting, text="Not what was agreed.", **extra):
    return client.post(
        reverse("minutes:comment_add", args=[meeting.pk]),
        {"agenda_item": "", "kind": "objection", "text": text, **extra},
    )


def test_an_objection_asks_for_confirmation_and_writes_nothing(client_for, circulated, principal):
    response = _object(client_for(principal), circulated)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Object to the summary of" in page and "Not what was agreed." in page
    assert "returns to the secretariat" in page
    assert "other principals can no longer comment" in page
    assert "you will be told when a revision is circulated" in page
    assert 'name="confirmed" value="yes"' in page
    assert not ReviewComment.objects.exists()
    circulated.refresh_from_db()
    assert circulated.status == Meeting.Status.CIRCULATED


def test_a_comment_needs_no_confirmation(client_for, circulated, principal):
    response = client_for(principal).post(
        reverse("minutes:comment_add", args=[circulated.pk]),
        {"agenda_item": "", "kind": "comment", "text": "Add the GCR link."},
    )
    assert response.status_code == 302
    assert ReviewComment.objects.get().text == "Add the GCR link."


def test_the_summary_page_offers_the_objection_dialog(client_for, circulated, principal):
    page = client_for(principal).get(circulated.get_absolute_url()).content.decode()
    assert "data-objection-confirm" in page and "<dialog" in page
    assert "Object and return the summary" in page


def test_after_an_objection_each_role_reads_what_it_may(
    client_for, circulated, principal, other_principal, outsider, secretariat
):
    from django.test import Client

    _object(client_for(principal), circulated, confirmed="yes")
    circulated.refresh_from_db()
    assert circulated.status == Meeting.Status.DRAFT
    # The secretariat edits the draft: nothing of the edit may reach a principal.
    item = circulated.agenda_items.get()
    services.agenda_item_update(
        item=item,
        by=secretariat,
        data={"title": item.title, "kind": item.kind, "discussion": "A REVISED DRAFT TEXT."},
        topics=[],
        version=item.version,
    )
    url = circulated.get_absolute_url()

    objector = client_for(principal).get(url)
    assert objector.status_code == 200
    page = objector.content.decode()
    assert "Returned to the secretariat" in page
    assert "The framework was presented." in page  # the text as circulated
    assert "Not what was agreed." in page  # their objection, in place
    assert "A REVISED DRAFT TEXT." not in page

    colleague = client_for(other_principal).get(url)
    assert colleague.status_code == 200
    page = colleague.content.decode()
    assert "Returned to the secretariat" in page and "The framework was presented." in page
    assert "Not what was agreed." not in page  # another principal's comment stays theirs
    assert "A REVISED DRAFT TEXT." not in page

    assert client_for(outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # anonymous: to the login page
    # The exports stay closed: they would be the draft.
    assert client_for(principal).get(f"{url}export.md").status_code == 404
    assert client_for(principal).get(f"{url}print/").status_code == 404

    page = client_for(secretariat).get(url).content.decode()
    assert "A REVISED DRAFT TEXT." in page and "Objection from UNHCR" in page


def test_an_objector_whose_seat_ended_still_reads_the_returned_summary(
    client_for, circulated, principal, member_org
):
    _object(client_for(principal), circulated, confirmed="yes")
    circulated.body.memberships.filter(organization=member_org).update(
        end=datetime.date(2000, 1, 1)
    )
    assert access.returned_summary_for(principal, circulated.pk) is not None
    assert client_for(principal).get(circulated.get_absolute_url()).status_code == 200


def test_a_draft_never_circulated_stays_hidden(client_for, body, principal):
    meeting = make_meeting(body=body)
    make_item(meeting)
    assert client_for(principal).get(meeting.get_absolute_url()).status_code == 404


def test_document_comes_first_and_tools_sit_beside_it(client_for, circulated, secretariat):
    page = client_for(secretariat).get(circulated.get_absolute_url()).content.decode()
    tools, summary = page.index('class="reading__tools'), page.index('<article class="summary"')
    # The tools are one compact menu before the document (beside it on a wide screen).
    assert tools < summary
    menu = page[tools:summary]
    assert "<details" in menu and "Secretariat tools" in menu
    assert "Take back to draft" in menu and "Word (.docx)" in menu


# Cached renderings --------------------------------------------------------------------------


@pytest.fixture
def approved(body, member_org):
    meeting = make_meeting(body=body, status=Meeting.Status.APPROVED)
    item = make_item(meeting, title="Regional Reviews")
    make_action(item, text="Develop a roadmap.", owners=[member_org])
    return meeting


def test_a_principal_never_gets_the_secretariat_rendering(client_for, approved, principal):
    meeting = Meeting.objects.get(pk=approved.pk)
    cache.set(summary_doc.cache_key(meeting, "secretariat"), "SECRETARIAT ONLY", 60)
    page = client_for(principal).get(meeting.get_absolute_url()).content.decode()
    assert "SECRETARIAT ONLY" not in page and "Develop a roadmap." in page
    assert cache.get(summary_doc.cache_key(meeting, "content")) is not None


def test_a_write_through_the_services_drops_the_cached_rendering(client_for, approved, secretariat):
    client = client_for(secretariat)
    assert "Develop a roadmap." in client.get(approved.get_absolute_url()).content.decode()
    action = approved.agenda_items.get().action_points.get()
    services.action_point_update(action=action, by=secretariat, text="Publish the roadmap.")
    page = client.get(approved.get_absolute_url()).content.decode()
    assert "Publish the roadmap." in page and "Develop a roadmap." not in page


def test_a_progress_note_keeps_the_cached_rendering_and_a_new_due_date_drops_it(
    client_for, approved, secretariat
):
    client = client_for(secretariat)
    client.get(approved.get_absolute_url())
    action = approved.agenda_items.get().action_points.get()
    stamp = Meeting.objects.get(pk=approved.pk).updated_at
    # An approved summary lists no progress: a note alone leaves it as cached.
    services.action_update_add(action=action, by=secretariat, text="Consultations started.")
    assert Meeting.objects.get(pk=approved.pk).updated_at == stamp
    meeting = Meeting.objects.get(pk=approved.pk)
    assert cache.get(summary_doc.cache_key(meeting, "secretariat")) is not None
    services.action_update_add(
        action=action,
        by=secretariat,
        text="Postponed.",
        due_date=datetime.date(2031, 5, 14),
        due_precision=due.DAY,
    )
    assert Meeting.objects.get(pk=approved.pk).updated_at > stamp
    page = client.get(approved.get_absolute_url()).content.decode()
    assert "14 May 2031" in page


def test_reopening_drops_the_cached_rendering(client_for, approved, secretariat, principal):
    client_for(principal).get(approved.get_absolute_url())
    services.meeting_reopen(meeting=approved, by=secretariat, reason="Typo.")
    page = client_for(secretariat).get(approved.get_absolute_url()).content.decode()
    assert "Draft: not circulated" in page
    # Never circulated after the correction began: the principal reads the last circulated
    # text (none was kept by the factory), or nothing.
    assert client_for(principal).get(approved.get_absolute_url()).status_code == 404


def test_a_draft_is_never_cached(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    make_item(meeting)
    client_for(secretariat).get(meeting.get_absolute_url())
    assert cache.get(summary_doc.cache_key(meeting, "secretariat")) is None
