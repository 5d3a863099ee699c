"""Small factory functions for test data: make_meeting(**kwargs) and friends."""

from __future__ import annotations

import datetime
import itertools
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, User

from lib import due
from minutes.models import (
    ActionPoint,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Topic,
)
from minutes.references import next_reference
from participants import roles
from participants.models import Body, BodyMembership, BodyTimeZone, Organization, Person, Position

_seq = itertools.count(1)


def make_organization(**kwargs) -> Organization:
    n = next(_seq)
    kwargs.setdefault("name", f"Organization {n}")
    kwargs.setdefault("acronym", f"ORG{n}")
    return Organization.objects.create(**kwargs)


def make_person(*, organization: Organization | None = None, title: str = "Director", **kwargs):
    kwargs.setdefault("name", f"Person {next(_seq)}")
    person = Person.objects.create(**kwargs)
    if organization is not None:
        Position.objects.create(
            person=person, organization=organization, title=title, is_principal=True
        )
    return person


def make_body(**kwargs) -> Body:
    n = next(_seq)
    kwargs.setdefault("name", f"Committee {n}")
    kwargs.setdefault("short_name", f"C{n}")
    kwargs.setdefault("slug", f"committee-{n}")
    zones = kwargs.pop("zones", [("America/New_York", "NY time"), ("Europe/Zurich", "GVA time")])
    members = kwargs.pop("members", [])
    body = Body.objects.create(**kwargs)
    for position, (zone, label) in enumerate(zones):
        BodyTimeZone.objects.create(body=body, position=position, zone=zone, label=label)
    for org in members:
        BodyMembership.objects.create(body=body, organization=org)
    return body


def make_meeting(**kwargs) -> Meeting:
    if "body" not in kwargs:
        kwargs["body"] = make_body()
    kwargs.setdefault("title", "Executive Committee Principals (Virtual) Meeting")
    start = kwargs.setdefault(
        "start", datetime.datetime(2023, 3, 20, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    )
    kwargs.setdefault("end", start + datetime.timedelta(minutes=90))
    status = kwargs.setdefault("status", Meeting.Status.DRAFT)
    if status in (Meeting.Status.CIRCULATED, Meeting.Status.APPROVED):
        kwargs.setdefault("circulated_at", start + datetime.timedelta(days=1))
        kwargs.setdefault("review_deadline", start + datetime.timedelta(days=10))
    if status == Meeting.Status.APPROVED:
        kwargs.setdefault("approved_at", start + datetime.timedelta(days=10))
        kwargs.setdefault("approval_method", Meeting.ApprovalMethod.EXPLICIT)
    return Meeting.objects.create(**kwargs)


def make_item(meeting: Meeting, **kwargs) -> AgendaItem:
    kwargs.setdefault("position", meeting.agenda_items.count() + 1)
    kwargs.setdefault("title", f"Agenda item {kwargs['position']}")
    return AgendaItem.objects.create(meeting=meeting, **kwargs)


def make_decision(item: AgendaItem, **kwargs) -> Decision:
    kwargs.setdefault("text", "The framework was endorsed.")
    kwargs.setdefault("kind", Decision.Kind.ENDORSED)
    kwargs.setdefault("reference", next_reference(Decision, item.meeting, "D"))
    return Decision.objects.create(agenda_item=item, **kwargs)


def make_action(
    item: AgendaItem, *, owners=(), people=(), due_day=None, precision=due.DAY, **kwargs
) -> ActionPoint:
    kwargs.setdefault("text", "Develop a roadmap of the Regional Reviews process.")
    kwargs.setdefault("reference", next_reference(ActionPoint, item.meeting, "A"))
    if due_day is not None:
        kwargs["due_date"] = due.period_end(due_day, precision)
        kwargs["due_precision"] = precision
    status = kwargs.setdefault("status", ActionPoint.Status.OPEN)
    if status in (ActionPoint.Status.DONE, ActionPoint.Status.DROPPED):
        kwargs.setdefault("closed_at", item.meeting.start + datetime.timedelta(days=30))
    action = ActionPoint.objects.create(agenda_item=item, **kwargs)
    action.owner_organizations.set(owners)
    action.owner_people.set(people)
    return action


def make_update(action: ActionPoint, **kwargs) -> ActionUpdate:
    kwargs.setdefault("text", "Draft shared with focal points.")
    return ActionUpdate.objects.create(action=action, **kwargs)


def make_attendance(meeting: Meeting, person: Person, **kwargs) -> Attendance:
    position = person.positions.first()
    kwargs.setdefault("organization", position.organization if position else None)
    kwargs.setdefault("title", position.title if position else "")
    kwargs.setdefault("position", meeting.attendances.count())
    return Attendance.objects.create(meeting=meeting, person=person, **kwargs)


def make_topic(**kwargs) -> Topic:
    n = next(_seq)
    kwargs.setdefault("name", f"Topic {n}")
    kwargs.setdefault("slug", f"topic-{n}")
    return Topic.objects.create(**kwargs)


def make_user(
    username: str, *, group: str | None = None, person: Person | None = None, **kwargs
) -> User:
    user = User.objects.create_user(username=username, password="correct-horse-battery", **kwargs)
    if group:
        user.groups.add(Group.objects.get(name=group))
    if person is not None:
        person.user = user
        person.save()
    return user


SECRETARIAT, PRINCIPALS = roles.SECRETARIAT, roles.PRINCIPALS
