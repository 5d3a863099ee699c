"""Turning a parsed (and corrected) summary into records, in one transaction."""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from minutes import services as minutes_services
from minutes.models import ActionPoint, AgendaItem, Attendance, Decision, Meeting
from minutes.services.base import written_by
from participants import zones
from participants.models import Body, Organization, Person, Position
from summaries import parser
from summaries.parser.confidence import unknown_zones
from summaries.parser.zones import zone_name

log = logging.getLogger(__name__)


class Registry:
    """The organisations and people a summary names, looked up once per import."""

    def __init__(self, names: list[str] | None = None) -> None:
        self.organizations: dict[str, Organization] = {}
        for org in Organization.objects.all():
            self.organizations[org.name.lower()] = org
            if org.acronym:
                self.organizations[org.acronym.lower()] = org
        self.people: dict[str, Person | None] = {}
        wanted = {n.strip() for n in names or () if n.strip()}
        if wanted:
            lowered = {n.lower() for n in wanted}
            # One query for everyone named; exact spelling or any letter case.
            found = Person.objects.annotate(lname=Lower("name")).filter(
                Q(name__in=wanted) | Q(lname__in=lowered)
            )
            for person in found.order_by("pk"):
                self.people.setdefault(person.name.lower(), person)
            for name in lowered:
                self.people.setdefault(name, None)

    def labels(self) -> list[str]:
        return list(self.organizations)

    def organization(self, label: str) -> Organization | None:
        return self.organizations.get(label.strip().lower()) if label.strip() else None

    def person(self, name: str) -> Person | None:
        key = name.strip().lower()
        if key not in self.people:
            self.people[key] = Person.objects.filter(name__iexact=name.strip()).first()
        return self.people[key]


def known_organization_labels() -> list[str]:
    return [
        label
        for pair in Organization.objects.values_list("acronym", "name")
        for label in pair
        if label
    ]


@dataclass
class Proposals:
    """What saving would create: shown in the preview, confirmed before it happens."""

    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.people or self.organizations)


def proposals_for(participants: list[parser.Participant], registry: Registry) -> Proposals:
    found = Proposals()
    for p in participants:
        for name in (p.name, p.represented_by):
            if name and registry.person(name) is None and name not in found.people:
                found.people.append(name)
        org = p.organization.strip()
        if org and registry.organization(org) is None and org not in found.organizations:
            found.organizations.append(org)
    return found


def zone_for(body: Body, label: str):
    """The body's time zone a label names ("GVA time"), or None."""
    wanted = label.strip().lower()
    for zone in body.time_zones.all():
        if zone.label.lower() == wanted or (wanted and wanted in zone.zone.lower()):
            return zone
    return None


def _tzinfo(label: str, body: Body) -> datetime.tzinfo | None:
    """The zone a label names: one of the body's, else one the parser knows, else None."""
    if (zone := zone_for(body, label)) is not None:
        return zone.tzinfo
    name = zone_name(label) if label else None
    if name is None:
        return None
    if m := re.fullmatch(r"UTC([+-])(\d{2}):(\d{2})", name):
        offset = datetime.timedelta(hours=int(m[2]), minutes=int(m[3]))
        return datetime.timezone(-offset if m[1] == "-" else offset)
    return ZoneInfo(name)


def meeting_times(
    summary: parser.Summary, body: Body
) -> tuple[datetime.datetime | None, datetime.datetime | None, list[str]]:
    """Start and end from the parsed date and labelled times, with notes on what was guessed.

    A time whose zone is unknown or unwritten is read in the body's first zone, and the
    note says so: the caller flags it, never saves it as if it were known.
    """
    if summary.date is None:
        return None, None, [_("No date found.")]
    default, default_label = zones.entry_zone(body)
    if not summary.times:
        return None, None, [_("No start or end time found.")]
    notes: list[str] = []
    chosen = next(
        ((span, tz) for span in summary.times if (tz := _tzinfo(span.label, body)) is not None),
        None,
    )
    if chosen is None:
        span = summary.times[0]
        if span.label:
            note = _("The time zone “%(label)s” is not known; the times were read as %(zone)s.")
        else:
            note = _("No time zone; the times were read as %(zone)s.")
        notes.append(note % {"label": span.label, "zone": default_label} + " " + _("Check them."))
        chosen = (span, default)
    span, tz = chosen
    start = datetime.datetime.combine(
        summary.date, datetime.time.fromisoformat(span.start), tzinfo=tz
    )
    end = None
    if span.end:
        end = datetime.datetime.combine(
            summary.date, datetime.time.fromisoformat(span.end), tzinfo=tz
        )
        if end < start:
            end += datetime.timedelta(days=1)
    return start, end, notes


def summary_flags(summary: parser.Summary, body: Body) -> list[parser.Flag]:
    """The parser's flags and the body's: a zone label the body and the parser both miss."""
    labels = {z.label.lower() for z in body.time_zones.all()}
    return parser.flags(summary) + unknown_zones(summary, labels)


def _owner_parts(owner: str) -> list[str]:
    return [p.strip() for p in re.split(r",|;|&|/|\band\b", owner) if p.strip()]


@transaction.atomic
def summary_import_save(
    *,
    parsed: parser.Summary,
    body: Body,
    by,
    start: datetime.datetime,
    end: datetime.datetime | None = None,
    has_times: bool = True,
    level: str = "",
) -> Meeting:
    """Create the draft meeting with its attendance, items, decisions and action points.

    Every record is written through the record's own service, as the editor writes it.
    Unknown organisations and people are created here: the preview has proposed them and
    the secretariat has confirmed. Any failure rolls everything back.
    """
    names = [p.name for p in parsed.participants] + [
        p.represented_by for p in parsed.participants if p.represented_by
    ]
    registry = Registry(names)
    meeting = minutes_services.meeting_create(
        by=by,
        data={
            "body": body,
            "title": parsed.title[:300] or "Imported meeting",
            "level": level[:100],
            "modality": parsed.modality if parsed.modality in Meeting.Modality.values else "",
            "location": parsed.location[:200],
            "start": start,
            "end": end,
            "has_times": has_times,
            "status": Meeting.Status.DRAFT,
            "opening_remarks": parsed.opening_remarks,
        },
    )
    newcomers = _Newcomers(registry, by=by, day=start.date())
    first_names = _save_attendance(meeting, parsed.participants, newcomers, by=by)
    _save_items(meeting, parsed.items, registry, first_names, by=by)
    log.info(
        "Imported %s (meeting %s) for %s: %d participants, %d items",
        parsed.title,
        meeting.pk,
        by or "a command",
        len(parsed.participants),
        len(parsed.items),
    )
    return meeting


class _Newcomers:
    """The registry's organisations and people, creating those it does not know yet."""

    def __init__(self, registry: Registry, *, by, day: datetime.date) -> None:
        self.registry, self.by, self.day = registry, by, day

    def organization(self, label: str) -> Organization | None:
        label = label.strip()
        if not label:
            return None
        found = self.registry.organization(label)
        if found is None:
            is_acronym = bool(re.fullmatch(r"[A-Z][A-Z0-9&/\-]{1,11}", label))
            found = Organization(
                name=label[:200],
                acronym=label[:40] if is_acronym else "",
                kind=Organization.Kind.OTHER,
            )
            written_by(found, self.by).save()
            self.registry.organizations[label.lower()] = found
        return found

    def person(self, name: str, org: Organization | None = None, title: str = "") -> Person:
        found = self.registry.person(name)
        if found is None:
            found = Person(name=name.strip()[:200])
            written_by(found, self.by).save()
            self.registry.people[name.strip().lower()] = found
            if org is not None and title:
                held = Position(person=found, organization=org, title=title[:300], start=self.day)
                written_by(held, self.by).save()
        return found


def _save_attendance(
    meeting: Meeting, participants: list[parser.Participant], newcomers: _Newcomers, *, by
) -> dict[str, Person | None]:
    """The attendance rows in the summary's order; returns who each unique first name is."""
    seen: set[int] = set()
    first_names: dict[str, Person | None] = {}
    for p in participants:
        org = newcomers.organization(p.organization)
        who = newcomers.person(p.name, org, p.title)
        if who.pk in seen:
            continue
        seen.add(who.pk)
        first = who.name.split()[0].lower() if who.name.split() else ""
        first_names[first] = None if first in first_names else who
        status = p.status if p.status in Attendance.Status.values else Attendance.Status.PRESENT
        representative = None
        if status == Attendance.Status.REPRESENTED:
            representative = newcomers.person(p.represented_by) if p.represented_by else None
            if representative is None or representative.pk == who.pk:
                status = Attendance.Status.APOLOGIES
                representative = None
        minutes_services.attendance_record(
            meeting=meeting,
            by=by,
            person=who,
            organization=org,
            title=p.title[:300],
            unit=p.unit[:300],
            representing=p.representing[:200],
            mode=p.mode if p.mode in ("in_person", "online") else "",
            also_present=p.also_present,
            role=p.role[:100],
            status=status,
            represented_by=representative,
        )
    return first_names


def _save_items(meeting: Meeting, items, registry: Registry, first_names, *, by) -> None:
    for position, spec in enumerate(items, start=1):
        item = minutes_services.agenda_item_add(
            meeting=meeting,
            by=by,
            title=spec.title[:500] or f"Item {position}",
            kind=AgendaItem.Kind.AOB if spec.kind == parser.AOB else AgendaItem.Kind.REGULAR,
            discussion=spec.discussion,
        )
        for decision in spec.decisions:
            minutes_services.decision_add(
                item=item,
                by=by,
                kind=decision.kind if decision.kind in Decision.Kind.values else "other",
                text=decision.text,
            )
        for action in spec.actions:
            _save_action(item, action, registry, first_names, by=by)


def _save_action(item, action, registry, first_names, *, by) -> ActionPoint:
    due_date, precision = parser.parse_due(action.due)
    text = action.text
    if action.due.strip() and due_date is None and action.due.strip().lower() != "no date":
        # Kept with the text rather than lost: "Next week" is not a date the tracker can use.
        text = f"{text} (Due: {action.due.strip()})"
    orgs, people, note = [], [], []
    for part in _owner_parts(action.owner):
        if (org := registry.organization(part)) is not None:
            orgs.append(org)
        elif (who := registry.person(part)) is not None or (
            who := first_names.get(part.lower())
        ) is not None:
            people.append(who)
        else:
            note.append(part)
    return minutes_services.action_point_add(
        item=item,
        by=by,
        text=text,
        owner_organizations=orgs,
        owner_people=people,
        owner_note=", ".join(note)[:200],
        due_day=due_date,
        due_precision=precision,
    )
