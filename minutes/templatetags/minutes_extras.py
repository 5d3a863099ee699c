from __future__ import annotations

import datetime

from django import template
from django.templatetags.tz import do_timezone
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from lib import readcache, timefmt
from minutes import access
from minutes.markup import render_markdown
from participants import zones

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3


@register.simple_tag
def meeting_day(meeting) -> str:
    return timefmt.format_day(meeting.start, zones.entry_zone(meeting.body)[0])


@register.simple_tag
def meeting_times(meeting) -> str:
    return timefmt.format_span(meeting.start, meeting.end, zones.body_zones(meeting.body))


@register.simple_tag
def local_time(meeting, moment) -> str:
    """A moment as the body's entry zone shows it: "27 March 2023, 17.00 (NY time)"."""
    if moment is None:
        return ""
    return timefmt.format_moment(moment, *zones.entry_zone(meeting.body))


@register.filter
def body_time(moment: datetime.datetime | None, body=None):
    """`moment` on the body's clock, for `date` to format: {{ m.start|body_time:m.body|date }}.

    Without a body (or for a plain date) the deployment's zone applies, as `participants.zones`
    documents; the result is never converted again to the server's zone.
    """
    if not isinstance(moment, datetime.datetime):
        return moment
    return do_timezone(moment, zones.entry_zone(body)[0] if body else zones.fallback_zone()[0])


@register.filter
def spans(entry) -> str:
    """A line of `minutes.document`: its runs, linked or bold (a badge) as the document says."""
    parts = []
    for span in entry.spans:
        if span.badge:
            html = format_html('<strong class="badge badge--{}">{}</strong>', span.badge, span.text)
        elif span.strong:
            html = format_html("<strong>{}</strong>", span.text)
        else:
            html = conditional_escape(span.text)
        if span.href:
            html = format_html('<a href="{}">{}</a>', span.href, html)
        parts.append(html)
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


@register.tag("cachedfragment")
def do_cachedfragment(parser, token):
    """{% cachedfragment "name" part ... [by_minute] [no_actions] %}…{% endcachedfragment %}:
    the enclosed piece, rendered once and then read from the cache until a record it shows
    changes (lib.readcache).

    The key holds the name and parts given (whatever else the piece depends on: the page's
    query, its page number) and, always, the reader (`access.reader_parts`), the language and
    the deployment's day, so no reader is served what another may not see and "overdue" is
    right after midnight. A piece that shows a meeting's effective status (which changes when
    its review deadline passes) says `by_minute`: it is then kept for the minute only. A piece
    that shows no action point and no progress entry says `no_actions`: it keeps through
    writes to them. Querysets the piece iterates are not read at all when it is cached.
    """
    bits = token.split_contents()[1:]
    flags = set()
    while bits and bits[-1] in FRAGMENT_FLAGS:
        flags.add(bits.pop())
    if not bits:
        raise template.TemplateSyntaxError("cachedfragment needs a name")
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits], flags)


FRAGMENT_FLAGS = ("by_minute", "no_actions")


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, parts, flags: set[str]) -> None:
        self.nodelist = nodelist
        self.parts = parts
        self.by_minute = "by_minute" in flags
        self.actions = "no_actions" not in flags

    def render(self, context) -> str:
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        parts = access.reader_parts(
            request.user,
            translation.get_language(),
            *(str(part.resolve(context)) for part in self.parts),
            by_minute=self.by_minute,
        )
        return readcache.fragment(
            parts, lambda: self.nodelist.render(context), actions=self.actions
        )
