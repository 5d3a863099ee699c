from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from devtools.demo.build import SAMPLE_START
from minutes.models import ActionPoint, AgendaItem, Decision, Meeting
from participants.models import Organization


def _sample():
    return Meeting.objects.get(start=SAMPLE_START)


def test_load_demo_builds_the_sample_meeting_as_the_document_reads(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    meeting = _sample()
    assert meeting.title == "Executive Committee Principals (Virtual) Meeting"
    assert meeting.status == Meeting.Status.APPROVED
    assert [(z.zone, z.label) for z in meeting.body.time_zones.all()] == [
        ("America/New_York", "NY time"),
        ("Europe/Zurich", "GVA time"),
    ]
    attendances = list(meeting.attendances.select_related("person", "organization"))
    assert len(attendances) == 10
    rows = {(a.person.name, a.title, a.organization.label, a.role) for a in attendances}
    assert ("Sukti Dasgupta", "Conditions of Work and Equality Department", "ILO", "") not in rows
    assert (
        "Sukti Dasgupta",
        "Director, Conditions of Work and Equality Department",
        "ILO",
        "",
    ) in rows
    assert ("António Vitorino", "Director General", "IOM", "Network Coordinator") in rows
    items = list(meeting.agenda_items.order_by("position"))
    assert [i.kind for i in items] == ["regular", "regular", "regular", "aob"]
    assert items[0].title.startswith("Framework on the preparation and organization")
    assert "GCM Talks" in items[0].discussion
    actions = ActionPoint.objects.filter(agenda_item__meeting=meeting)
    assert [a.agenda_item.position for a in actions.order_by("agenda_item__position")] == [
        1,
        1,
        2,
        3,
    ]
    decisions = Decision.objects.filter(agenda_item__meeting=meeting)
    assert decisions.filter(kind="endorsed").count() == 2
    assert decisions.filter(kind="welcomed").count() == 3
    assert decisions.order_by("reference").first().reference == "EXCOM/2023/03/D1"


def test_the_networks_secretariat_is_in_the_registry_but_no_member_of_the_body(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    body = _sample().body
    secretariat = Organization.objects.get(name="Network Secretariat")
    members = set(body.memberships.values_list("organization__name", flat=True))
    assert secretariat.name not in members
    assert "World Bank" in members and len(members) == 11


def test_load_demo_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    counts = (Meeting.objects.count(), AgendaItem.objects.count(), ActionPoint.objects.count())
    call_command("load_demo")
    assert (
        Meeting.objects.count(),
        AgendaItem.objects.count(),
        ActionPoint.objects.count(),
    ) == counts


def test_load_demo_has_history_in_every_status(db, settings):
    settings.DEBUG = True
    call_command("load_demo")
    assert set(Meeting.objects.values_list("status", flat=True)) == set(Meeting.Status.values)
    assert set(ActionPoint.objects.values_list("status", flat=True)) == set(
        ActionPoint.Status.values
    )
    assert ActionPoint.objects.overdue().exists()


def test_load_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo")
    assert not Meeting.objects.exists()
