"""Exporting a meeting and importing the export gives back the same meeting."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from lib import due
from minutes.models import Attendance, Meeting
from summaries import parser, services
from summaries.export_docx import meeting_docx
from summaries.export_markdown import meeting_markdown
from summaries.readers import read_document
from tests.factories import (
    make_action,
    make_attendance,
    make_body,
    make_decision,
    make_item,
    make_meeting,
    make_organization,
    make_person,
)


def snapshot(meeting: Meeting) -> dict:
    """What must survive the round trip, independent of primary keys and references."""
    meeting = Meeting.objects.with_summary().get(pk=meeting.pk)
    return {
        "title": meeting.title,
        "start": meeting.start,
        "end": meeting.end,
        "has_times": meeting.has_times,
        "participants": [
            (
                a.person.name,
                # The line reads the same whether the unit is kept in the title or apart.
                ", ".join(x for x in (a.title, a.unit) if x),
                a.organization.label if a.organization else "",
                a.role,
                a.status,
                a.represented_by.name if a.represented_by else "",
            )
            for a in meeting.attendances.all()
        ],
        "opening_remarks": meeting.opening_remarks,
        "items": [
            {
                "title": i.title,
                "kind": i.kind,
                "discussion": i.discussion,
                "decisions": [(d.kind, d.text) for d in i.decisions.all()],
                "actions": [
                    (
                        a.text,
                        sorted(o.label for o in a.owner_organizations.all()),
                        sorted(p.name for p in a.owner_people.all()),
                        a.owner_note,
                        a.due_date,
                        a.due_precision,
                    )
                    for a in i.action_points.all()
                ],
            }
            for i in meeting.agenda_items.all()
        ],
    }


def reimport(meeting: Meeting, fmt: str) -> Meeting:
    meeting = Meeting.objects.with_summary().get(pk=meeting.pk)
    if fmt == "docx":
        text = read_document("export.docx", meeting_docx(meeting), max_bytes=10_000_000)
    else:
        text = meeting_markdown(meeting)
    parsed = parser.parse(text, known_organizations=services.known_organization_labels())
    start, end, notes = services.meeting_times(parsed, meeting.body)
    assert notes == []
    return services.summary_import_save(
        parsed=parsed, body=meeting.body, by=None, start=start, end=end, has_times=True
    )


@pytest.mark.parametrize("fmt", ["docx", "markdown"])
def test_the_sample_survives_export_and_import(demo, fmt):
    copy = reimport(demo, fmt)
    assert copy.pk != demo.pk
    assert copy.status == Meeting.Status.DRAFT
    assert snapshot(copy) == snapshot(demo)


def _generated_meeting(seed: int) -> Meeting:
    """A meeting unlike the sample: other zones, apologies, representations, owners, due dates."""
    body = make_body(
        zones=[("Europe/Zurich", "GVA time"), ("Asia/Bangkok", "BKK time")],
    )
    org_a = make_organization(name=f"Alpha Agency {seed}", acronym=f"AA{seed}")
    org_b = make_organization(name=f"Beta Bureau {seed}", acronym="")
    start = datetime.datetime(2024, 5, 6 + seed, 9, 30, tzinfo=ZoneInfo("Europe/Zurich"))
    meeting = make_meeting(
        body=body,
        title=f"Working Group (Hybrid) Meeting {seed}",
        start=start,
        end=start + datetime.timedelta(hours=2, minutes=15),
        location="Palais des Nations",
        opening_remarks="The Chair opened the meeting and welcomed new members.",
    )
    chair = make_person(name=f"Ada Quist {seed}", organization=org_a, title="Head, Policy Unit")
    member = make_person(name=f"Bo Ruiz {seed}", organization=org_b, title="Adviser")
    absent = make_person(name=f"Cy Tan {seed}", organization=org_a, title="Director")
    deputy = make_person(name=f"Di Wong {seed}", organization=org_a, title="Officer")
    away = make_person(name=f"Ed Vale {seed}", organization=org_b, title="Chief")
    make_attendance(meeting, chair, role="Chair")
    make_attendance(meeting, member)
    make_attendance(meeting, absent, status=Attendance.Status.APOLOGIES)
    make_attendance(meeting, away, status=Attendance.Status.REPRESENTED, represented_by=deputy)
    first = make_item(
        meeting,
        title="Budget outlook for 2025",
        discussion="The secretariat presented the outlook.\n\n- Income is stable\n- Costs rise",
    )
    make_decision(first, kind="noted", text="The budget outlook was noted.")
    make_decision(first, kind="requested", text="The secretariat was requested to revise it.")
    make_action(
        first,
        text="Revise the budget outlook.",
        owners=[org_a],
        people=[member],
        due_day=datetime.date(2025, 3, 1),
        precision=due.QUARTER,
    )
    make_action(
        first,
        text="Share the figures with members.",
        owner_note="the Network",
        due_day=datetime.date(2025, 6, 12),
        precision=due.DAY,
    )
    second = make_item(meeting, title="Workplan", discussion="Members discussed the workplan.")
    make_decision(second, kind="endorsed", text="The workplan was endorsed.")
    make_action(
        second,
        text="Publish the workplan.",
        owners=[org_b],
        due_day=datetime.date(2025, 9, 1),
        precision=due.HALF,
    )
    make_action(second, text="Circulate a timeline.", precision=due.NONE)
    aob = make_item(meeting, title="AOB", kind="aob", discussion="No other business was raised.")
    assert aob.kind == "aob"
    return meeting


@pytest.mark.parametrize("fmt", ["docx", "markdown"])
@pytest.mark.parametrize("seed", [1, 2])
def test_generated_meetings_survive_export_and_import(db, fmt, seed):
    meeting = _generated_meeting(seed)
    copy = reimport(meeting, fmt)
    assert snapshot(copy) == snapshot(meeting)
