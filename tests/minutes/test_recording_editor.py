"""Recording a meeting fast: the agenda and attendance with the meeting, the attendance order
by move buttons, outcome rows linked in one save, "Save and next item", topic changes in the
history."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from minutes import services
from minutes.models import ActionPoint, AgendaItem, Attendance, Decision, Meeting
from participants.models import BodyMembership
from tests.factories import (
    make_action,
    make_attendance,
    make_decision,
    make_item,
    make_meeting,
    make_organization,
    make_person,
    make_topic,
)

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def members(body, member_org, other_org):
    """Principals of four member organisations; one without an acronym, as the World Bank."""
    desa = make_organization(name="Department of Economic and Social Affairs", acronym="DESA")
    bank = make_organization(name="World Bank", acronym="")
    iom = make_organization(name="International Organization for Migration", acronym="IOM")
    for org in (desa, bank, iom):
        BodyMembership.objects.create(body=body, organization=org)
    return {
        "UNHCR": make_person(name="Gillian Triggs", organization=member_org),
        "UNICEF": make_person(name="Omar Abdi", organization=other_org),
        "DESA": make_person(name="John Wilmoth", organization=desa),
        "World Bank": make_person(name="Sonia Plaza", organization=bank),
        "IOM": make_person(name="António Vitorino", organization=iom, title="Director General"),
    }


def _names(meeting: Meeting) -> list[str]:
    return list(meeting.attendances.order_by("position").values_list("person__name", flat=True))


def _create_post(body, **extra) -> dict:
    return {
        "body": body.pk,
        "level": "Principals",
        "modality": "virtual",
        "date": "2023-03-20",
        "start_time": "10:00",
        "end_time": "11:30",
        "status": "draft",
        **extra,
    }


def test_a_meeting_is_created_with_its_agenda_and_proposed_attendance(
    client_for, body, secretariat, members
):
    response = client_for(secretariat).post(
        reverse("minutes:meeting_create"),
        _create_post(
            body,
            agenda="Regional Reviews framework\n\n  Complementarity of the two Compacts \nAOB\n",
            propose_attendance="on",
        ),
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("minutes:meeting_attendance", args=[meeting.pk])
    items = meeting.agenda_items.order_by("position")
    assert [(i.position, i.title, i.kind) for i in items] == [
        (1, "Regional Reviews framework", AgendaItem.Kind.REGULAR),
        (2, "Complementarity of the two Compacts", AgendaItem.Kind.REGULAR),
        (3, "AOB", AgendaItem.Kind.AOB),
    ]
    # No earlier meeting to take roles from: by organisation as printed, the acronym-less
    # World Bank after WHO-like acronyms rather than first.
    assert _names(meeting) == [
        "John Wilmoth",
        "António Vitorino",
        "Gillian Triggs",
        "Omar Abdi",
        "Sonia Plaza",
    ]
    assert list(meeting.attendances.values_list("position", flat=True).order_by("position")) == [
        0,
        1,
        2,
        3,
        4,
    ]


def test_a_meeting_created_without_agenda_or_proposal_has_neither(
    client_for, body, secretariat, members
):
    client_for(secretariat).post(reverse("minutes:meeting_create"), _create_post(body))
    meeting = Meeting.objects.get()
    assert not meeting.agenda_items.exists() and not meeting.attendances.exists()


def test_an_over_long_agenda_title_is_refused_and_nothing_is_created(client_for, body, secretariat):
    response = client_for(secretariat).post(
        reverse("minutes:meeting_create"), _create_post(body, agenda="x" * 501)
    )
    assert response.status_code == 200
    assert "An item title is at most 500 characters" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_proposal_puts_last_meetings_role_holders_first_with_their_roles(
    body, secretariat, members
):
    earlier = make_meeting(body=body, start=datetime.datetime(2023, 2, 1, 10, tzinfo=NEW_YORK))
    make_attendance(earlier, members["IOM"], role="Network Coordinator")
    make_attendance(earlier, members["DESA"])
    later = make_meeting(body=body, start=datetime.datetime(2023, 5, 1, 10, tzinfo=NEW_YORK))
    make_attendance(later, members["UNHCR"], role="Chair")  # after the meeting: not used
    meeting = make_meeting(body=body)

    services.attendance_add_members(meeting=meeting, by=secretariat)

    assert _names(meeting) == [
        "António Vitorino",
        "John Wilmoth",
        "Gillian Triggs",
        "Omar Abdi",
        "Sonia Plaza",
    ]
    roles = dict(meeting.attendances.values_list("person__name", "role"))
    assert roles["António Vitorino"] == "Network Coordinator"
    assert roles["Gillian Triggs"] == ""


def _attendance_post(meeting: Meeting, rows: list[Attendance], **extra) -> dict:
    data = {
        "attendance-TOTAL_FORMS": str(len(rows)),
        "attendance-INITIAL_FORMS": str(len(rows)),
    }
    for n, row in enumerate(rows):
        data.update(
            {
                f"attendance-{n}-id": row.pk,
                f"attendance-{n}-version": row.version,
                f"attendance-{n}-position": row.position,
                f"attendance-{n}-organization": row.organization_id or "",
                f"attendance-{n}-title": row.title,
                f"attendance-{n}-role": row.role,
                f"attendance-{n}-status": row.status,
            }
        )
    data.update(extra)
    return data


@pytest.fixture
def listed(body, secretariat, members):
    meeting = make_meeting(body=body)
    services.attendance_add_members(meeting=meeting, by=secretariat)
    return meeting, list(meeting.attendances.order_by("position"))


def test_a_move_button_saves_the_list_and_moves_the_row_without_scripts(
    client_for, secretariat, listed
):
    meeting, rows = listed
    url = reverse("minutes:meeting_attendance", args=[meeting.pk])
    # Vitorino is second: one move up, with a role typed in the same submit.
    response = client_for(secretariat).post(
        url,
        _attendance_post(
            meeting, rows, **{"attendance-1-role": "Network Coordinator", "move": "1:up"}
        ),
    )
    moved = Attendance.objects.get(person__name="António Vitorino")
    assert response.status_code == 302
    assert response["Location"] == f"{url}#attendance-{moved.pk}"
    assert _names(meeting)[:2] == ["António Vitorino", "John Wilmoth"]
    assert moved.role == "Network Coordinator" and moved.position == 0
    # Only the two rows that changed place were saved.
    assert sorted(Attendance.objects.filter(version=2).values_list("person__name", flat=True)) == [
        "António Vitorino",
        "John Wilmoth",
    ]
    page = client_for(secretariat).get(url).content.decode()
    assert "Moved António Vitorino up." in page


def test_the_order_posted_by_the_page_script_is_saved_as_places(client_for, secretariat, listed):
    meeting, rows = listed
    # The script renumbered the places after moving the last row to the top.
    places = {f"attendance-{n}-position": str((n + 1) % len(rows)) for n in range(len(rows))}
    client_for(secretariat).post(
        reverse("minutes:meeting_attendance", args=[meeting.pk]),
        _attendance_post(meeting, rows, **places),
    )
    assert _names(meeting) == [
        "Sonia Plaza",
        "John Wilmoth",
        "António Vitorino",
        "Gillian Triggs",
        "Omar Abdi",
    ]


def test_save_and_write_up_the_items_opens_the_first_item(client_for, secretariat, listed):
    meeting, rows = listed
    first = make_item(meeting, title="Regional Reviews")
    make_item(meeting, title="AOB")
    response = client_for(secretariat).post(
        reverse("minutes:meeting_attendance", args=[meeting.pk]),
        _attendance_post(meeting, rows, then="items"),
    )
    assert response["Location"] == reverse("minutes:item_edit", args=[meeting.pk, first.pk])


def test_a_stale_move_is_refused_with_409_and_moves_nothing(client_for, secretariat, listed):
    meeting, rows = listed
    services.attendance_update(
        attendance=rows[1], by=secretariat, version=rows[1].version, data={"role": "Chair"}
    )
    response = client_for(secretariat).post(
        reverse("minutes:meeting_attendance", args=[meeting.pk]),
        _attendance_post(meeting, rows, move="1:up"),
    )
    assert response.status_code == 409
    assert "Somebody else saved the attendance of António Vitorino" in response.content.decode()
    assert _names(meeting)[:2] == ["John Wilmoth", "António Vitorino"]


def test_the_attendance_editor_has_move_buttons_and_no_order_numbers(
    client_for, secretariat, listed
):
    meeting, rows = listed
    html = (
        client_for(secretariat)
        .get(reverse("minutes:meeting_attendance", args=[meeting.pk]))
        .content.decode()
    )
    assert 'name="attendance-0-position" value="0" id="id_attendance-0-position"' in html
    assert 'type="hidden" name="attendance-0-position"' in html
    assert html.count('name="move"') == 2 * len(rows)
    assert 'value="0:up" data-move="up" disabled' in html
    assert f'value="{len(rows) - 1}:down" data-move="down" disabled' in html
    assert 'tabindex="1' not in html and "Order" not in html


def _item_post(item, *, decisions=(), actions=(), **extra) -> dict:
    data = {
        "title": item.title,
        "kind": item.kind,
        "discussion": "Discussed.",
        "version": item.version,
        "decisions-TOTAL_FORMS": str(len(decisions)),
        "decisions-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": str(len(actions)),
        "actions-INITIAL_FORMS": "0",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }
    for n, (kind, text) in enumerate(decisions):
        data[f"decisions-{n}-kind"] = kind
        data[f"decisions-{n}-text"] = text
    for n, fields in enumerate(actions):
        data.update({f"actions-{n}-{k}": v for k, v in fields.items()})
        data.setdefault(f"actions-{n}-due_precision", "none")
        data.setdefault(f"actions-{n}-status", "open")
    data.update(extra)
    return data


def test_an_action_follows_from_a_decision_written_in_the_same_save(
    client_for, body, secretariat, member_org
):
    meeting = make_meeting(body=body)
    item = make_item(meeting)
    following = make_item(meeting, title="Complementarity")
    response = client_for(secretariat).post(
        reverse("minutes:item_edit", args=[meeting.pk, item.pk]),
        _item_post(
            item,
            decisions=[("endorsed", "The framework."), ("agreed", "Talk to the commissions.")],
            actions=[
                {"text": "Continue discussions.", "decision": "new-1"},
                {"text": "Develop a roadmap.", "owner_organizations": member_org.pk},
            ],
            then="next",
        ),
    )
    assert response["Location"] == reverse("minutes:item_edit", args=[meeting.pk, following.pk])
    talk = Decision.objects.get(text="Talk to the commissions.")
    assert ActionPoint.objects.get(text="Continue discussions.").decision == talk
    assert ActionPoint.objects.get(text="Develop a roadmap.").decision is None
    summary = client_for(secretariat).get(meeting.get_absolute_url()).content.decode()
    assert f'follows from <a href="#decision-{talk.pk}">decision 2</a>' in summary
    # The saved decision is offered by name next time, and is the one chosen.
    html = (
        client_for(secretariat)
        .get(reverse("minutes:item_edit", args=[meeting.pk, item.pk]))
        .content.decode()
    )
    assert (
        f'<option value="d{talk.pk}" selected>Decision 2: Talk to the commissions.</option>' in html
    )


def test_an_existing_action_is_linked_and_unlinked(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    item = make_item(meeting)
    decision = make_decision(item)
    action = make_action(item)
    url = reverse("minutes:item_edit", args=[meeting.pk, item.pk])
    row = {
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "1",
        "actions-0-id": action.pk,
        "actions-0-text": action.text,
        "actions-0-due_precision": "none",
        "actions-0-status": "open",
    }
    client = client_for(secretariat)
    client.post(
        url,
        {
            **_item_post(item),
            **row,
            "actions-0-version": 1,
            "actions-0-decision": f"d{decision.pk}",
        },
    )
    action.refresh_from_db()
    assert action.decision == decision and action.version == 2
    item.refresh_from_db()
    client.post(url, {**_item_post(item), **row, "actions-0-version": 2, "actions-0-decision": ""})
    action.refresh_from_db()
    assert action.decision is None
    history = client.get(reverse("minutes:meeting_history", args=[meeting.pk])).content.decode()
    assert f"action point {action.reference} decision" in history


def test_an_action_following_an_empty_new_decision_row_is_refused_and_nothing_is_saved(
    client_for, body, secretariat
):
    meeting = make_meeting(body=body)
    item = make_item(meeting)
    response = client_for(secretariat).post(
        reverse("minutes:item_edit", args=[meeting.pk, item.pk]),
        _item_post(
            item,
            decisions=[("agreed", "")],
            actions=[{"text": "Continue discussions.", "decision": "new-0"}],
        ),
    )
    assert response.status_code == 200
    assert "Action point 1 follows from a decision that is empty or removed" in (
        response.content.decode()
    )
    assert not ActionPoint.objects.exists() and not Decision.objects.exists()
    item.refresh_from_db()
    assert item.discussion == ""


def test_a_decision_of_another_item_cannot_be_chosen(client_for, body, secretariat):
    meeting = make_meeting(body=body)
    item, other = make_item(meeting), make_item(meeting)
    elsewhere = make_decision(other)
    response = client_for(secretariat).post(
        reverse("minutes:item_edit", args=[meeting.pk, item.pk]),
        _item_post(item, actions=[{"text": "Act.", "decision": f"d{elsewhere.pk}"}]),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ActionPoint.objects.exists()


def test_the_item_editor_shows_the_discussion_first_and_one_blank_row_of_each(
    client_for, body, secretariat
):
    meeting = make_meeting(body=body)
    item = make_item(meeting)
    following = make_item(meeting, title="AOB")
    html = (
        client_for(secretariat)
        .get(reverse("minutes:item_edit", args=[meeting.pk, item.pk]))
        .content.decode()
    )
    assert html.index('name="discussion"') < html.index('name="title"')
    assert 'name="decisions-TOTAL_FORMS" value="1"' in html
    assert 'name="actions-TOTAL_FORMS" value="1"' in html
    assert 'name="documents-TOTAL_FORMS" value="1"' in html
    assert 'Save and next item<span class="visually-hidden">: AOB</span>' in html
    assert '<option value="new-0">Decision 1 (new, written above)</option>' in html
    last = (
        client_for(secretariat)
        .get(reverse("minutes:item_edit", args=[meeting.pk, following.pk]))
        .content.decode()
    )
    assert "Save and next item" not in last


def test_the_history_lists_topic_changes_with_who_made_them(client_for, body, secretariat):
    secretariat.first_name, secretariat.last_name = "Sam", "Clerk"
    secretariat.save()
    gcm, sdg = make_topic(name="GCM"), make_topic(name="SDG Summit")
    meeting = make_meeting(body=body)
    item = make_item(meeting)
    client = client_for(secretariat)
    url = reverse("minutes:item_edit", args=[meeting.pk, item.pk])
    client.post(url, _item_post(item, topics=[gcm.pk, sdg.pk]))
    item.refresh_from_db()
    client.post(url, _item_post(item, topics=[gcm.pk]))
    history = client.get(reverse("minutes:meeting_history", args=[meeting.pk])).content.decode()
    assert "Changed by Sam Clerk" in history
    assert "agenda item 1 topics (added GCM, SDG Summit)" in history
    assert "agenda item 1 topics (removed SDG Summit)" in history


def test_no_template_or_script_sets_a_positive_tabindex():
    """The tab order is the page's order: nothing jumps the queue with tabindex > 0."""
    root = Path(__file__).resolve().parents[2]
    positive = re.compile(r"""tab[iI]ndex\s*=\s*["']?\s*[1-9]""")
    files = [*root.glob("templates/**/*.html"), *root.glob("static/js/*.js")]
    offenders = [str(f.relative_to(root)) for f in files if positive.search(f.read_text())]
    assert len(files) > 20
    assert offenders == []
