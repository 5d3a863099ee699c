from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from minutes import timefmt
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
