"""A user's private iCalendar feed: meetings as VEVENT, action points as VTODO (RFC 5545)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from icalendar import Calendar, Event, Todo

from minutes import access
from minutes.models import ActionPoint, Meeting
from participants import roles, zones

DOMAIN = "minutes-tracker"
TODO_STATUS = {
    ActionPoint.Status.OPEN: "NEEDS-ACTION",
    ActionPoint.Status.IN_PROGRESS: "IN-PROCESS",
    ActionPoint.Status.DONE: "COMPLETED",
    ActionPoint.Status.DROPPED: "CANCELLED",
}


def feed_actions(user):
    """The secretariat follows every action; anyone else the actions they or their org owe."""
    actions = access.actions_for(user)
    if not roles.is_secretariat(user):
        actions = actions.owned_by_user(user)
    return actions.select_related("agenda_item__meeting").order_by("due_date", "pk")


def build_feed(user, *, base_url: str) -> bytes:
    base_url = base_url.rstrip("/")
    now = timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//Minutes Tracker//Action points and meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Minutes Tracker")
    meetings = (
        access.meetings_for(user)
        .select_related("body")
        .prefetch_related("body__time_zones")
        .order_by("start")
    )
    for meeting in meetings:
        zone = zones.entry_zone(meeting.body)[0]
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{DOMAIN}")
        event.add("dtstamp", now)
        event.add("summary", f"{meeting.body.short_name}: {meeting.title}")
        if meeting.has_times:
            event.add("dtstart", meeting.start.astimezone(zone))
            end = meeting.end or meeting.start + datetime.timedelta(hours=1)
            event.add("dtend", end.astimezone(zone))
        else:
            day = meeting.start.astimezone(zone).date()
            event.add("dtstart", day)
            event.add("dtend", day + datetime.timedelta(days=1))
        if meeting.location:
            event.add("location", meeting.location)
        event.add("url", base_url + meeting.get_absolute_url())
        event.add(
            "status", "TENTATIVE" if meeting.status == Meeting.Status.PLANNED else "CONFIRMED"
        )
        event.add("last-modified", meeting.updated_at)
        cal.add_component(event)
    for action in feed_actions(user):
        todo = Todo()
        todo.add("uid", f"action-{action.pk}@{DOMAIN}")
        todo.add("dtstamp", now)
        todo.add("summary", f"{action.reference}: {action.text[:120]}")
        todo.add("description", f"{action.text}\n\nDue: {action.due_display}")
        if action.due_date:
            todo.add("due", action.due_date)
        todo.add("status", TODO_STATUS[action.status])
        if action.closed_at:
            todo.add("completed", action.closed_at)
        todo.add("url", base_url + action.get_absolute_url())
        todo.add("last-modified", action.updated_at)
        cal.add_component(todo)
    # One VTIMEZONE per zone used by a DTSTART/DTEND, as RFC 5545 asks.
    cal.add_missing_timezones()
    return cal.to_ical()
