"""Who took part in a meeting: adding people, editing and removing their rows."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from minutes.models import Attendance, Meeting
from minutes.services.base import ServiceError, claim_version, ensure_editable, written_by
from participants import zones
from participants.models import Organization, Person, Position


def _next_position(meeting: Meeting) -> int:
    last = meeting.attendances.aggregate(m=Max("position"))["m"]
    return 0 if last is None else last + 1


def _create(by: User, **fields) -> Attendance:
    attendance = written_by(Attendance(**fields), by)
    attendance.save()
    return attendance


def attendance_add(*, meeting: Meeting, person: Person, by: User) -> Attendance:
    """Add somebody with the title and organisation they held on the day of the meeting."""
    with transaction.atomic():
        ensure_editable(meeting)
        if meeting.attendances.filter(person=person).exists():
            raise ServiceError(_("%(name)s is already on the list.") % {"name": person.name})
        day = zones.local_date(meeting.start, meeting.body)
        held = person.position_on(day) or person.positions.select_related("organization").first()
        return _create(
            by,
            meeting=meeting,
            person=person,
            organization=held.organization if held else None,
            title=held.title if held else "",
            position=_next_position(meeting),
        )


def attendance_add_members(*, meeting: Meeting, by: User) -> list[Attendance]:
    """Add the principal of every member organisation not yet listed: the usual attendance.

    In the order summaries list them: whoever held a role at the body's previous meeting (the
    Network Coordinator, a chair) first, with that role, then by organisation as the summary
    prints it (the acronym where there is one), so "World Bank" comes after "WHO".
    """
    day = zones.local_date(meeting.start, meeting.body)
    members = Organization.objects.members_of(meeting.body, on=day)
    positions = (
        Position.objects.on(day)
        .filter(is_principal=True, organization__in=members)
        .exclude(person__attendances__meeting=meeting)
        .select_related("person", "organization")
    )
    roles = _roles_at_previous_meeting(meeting)
    chosen: dict[int, Position] = {}
    for held in positions:  # newest position first: a person keeps their current title
        chosen.setdefault(held.person_id, held)
    ordered = sorted(
        chosen.values(),
        key=lambda held: (
            held.person_id not in roles,
            held.organization.label.casefold(),
            held.person.name,
        ),
    )
    added = []
    with transaction.atomic():
        ensure_editable(meeting)
        next_position = _next_position(meeting)
        for held in ordered:
            added.append(
                _create(
                    by,
                    meeting=meeting,
                    person=held.person,
                    organization=held.organization,
                    title=held.title,
                    role=roles.get(held.person_id, ""),
                    position=next_position,
                )
            )
            next_position += 1
    return added


def _roles_at_previous_meeting(meeting: Meeting) -> dict[int, str]:
    """Person id to the role they held at the body's latest earlier meeting with attendance."""
    previous = (
        Meeting.objects.filter(
            body=meeting.body, start__lt=meeting.start, attendances__isnull=False
        )
        .exclude(pk=meeting.pk)
        .order_by("-start")
        .values_list("pk", flat=True)
        .first()
    )
    if previous is None:
        return {}
    return dict(
        Attendance.objects.filter(meeting_id=previous)
        .exclude(role="")
        .values_list("person_id", "role")
    )


def person_create_and_attend(
    *,
    meeting: Meeting,
    by: User,
    name: str,
    email: str = "",
    title: str = "",
    organization: Organization | None = None,
    new_organization_name: str = "",
    new_organization_acronym: str = "",
) -> Attendance:
    """A newcomer: their organisation (new if need be), person, position and attendance at once."""
    with transaction.atomic():
        ensure_editable(meeting)
        if organization is None and new_organization_name:
            organization = written_by(
                Organization(
                    name=new_organization_name.strip(), acronym=new_organization_acronym.strip()
                ),
                by,
            )
            organization.save()
        person = written_by(Person(name=name.strip(), email=email), by)
        person.save()
        if organization is not None and title:
            written_by(Position(person=person, organization=organization, title=title), by).save()
        return _create(
            by,
            meeting=meeting,
            person=person,
            organization=organization,
            title=title,
            position=_next_position(meeting),
        )


def attendance_record(*, meeting: Meeting, by: User, **fields: Any) -> Attendance:
    """Add a row exactly as given (an imported summary's list), after the rows already there."""
    with transaction.atomic():
        ensure_editable(meeting)
        return _create(by, meeting=meeting, position=_next_position(meeting), **fields)


def _what(attendance: Attendance) -> str:
    return _("the attendance of %(name)s") % {"name": attendance.person.name}


def attendance_update(
    *, attendance: Attendance, by: User, version: int, data: dict[str, Any]
) -> Attendance:
    """Save one row of the attendance list if nobody else saved it since the form was opened."""
    with transaction.atomic():
        ensure_editable(attendance.meeting)
        new_version = claim_version(Attendance, attendance.pk, version, _what(attendance))
        fresh = Attendance.objects.get(pk=attendance.pk)
        for field, value in data.items():
            setattr(fresh, field, value)
        fresh.version = new_version
        written_by(fresh, by).save()
    return fresh


def attendance_remove(*, attendance: Attendance, by: User, version: int) -> None:
    """Take somebody off the list, unless their row changed since the form was opened."""
    with transaction.atomic():
        ensure_editable(attendance.meeting)
        claim_version(Attendance, attendance.pk, version, _what(attendance))
        written_by(Attendance.objects.get(pk=attendance.pk), by).delete()
