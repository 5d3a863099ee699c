from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from lib import timefmt
from minutes.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3


@register.simple_tag
def meeting_day(meeting) -> str:
    zones = list(meeting.body.time_zones.all())
    return timefmt.format_day(meeting.start, zones[0].tzinfo if zones else _default_zone())


@register.simple_tag
def meeting_times(meeting) -> str:
    zones = [(z.tzinfo, z.label) for z in meeting.body.time_zones.all()]
    return timefmt.format_span(meeting.start, meeting.end, zones or [(_default_zone(), "")])


def _default_zone():
    from django.utils import timezone

    return timezone.get_default_timezone()


@register.simple_tag
def local_time(meeting, moment) -> str:
    """A moment as the body's primary zone shows it: "27 March 2023 17.00 (NY time)"."""
    if moment is None:
        return ""
    zones = list(meeting.body.time_zones.all())
    zone, label = (zones[0].tzinfo, zones[0].label) if zones else (_default_zone(), "")
    local = moment.astimezone(zone)
    text = f"{local.day} {local:%B %Y}, {timefmt.format_clock(local)}"
    return f"{text} ({label})" if label else text


@register.filter
def owner_names(action) -> str:
    """The owners as the summary names them: "DESA, UNDP (at the working level)", or ""."""
    names = [org.label for org in action.owner_organizations.all()]
    names += [person.name for person in action.owner_people.all()]
    text = ", ".join(names)
    if action.owner_note:
        text = f"{text} ({action.owner_note})" if text else action.owner_note
    return text
