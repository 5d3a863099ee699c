from __future__ import annotations

from django import template

from search.backend import _action_url

register = template.Library()


@register.simple_tag
def action_url(action) -> str:
    """The action's own page once the tracker provides one, else its place in the summary."""
    url = _action_url(action)
    if url:
        return url
    return f"{action.agenda_item.meeting.get_absolute_url()}#action-{action.pk}"
