"""The follow-up feature's own writes. Every change to an action point or its log goes through
the record's services (`minutes.services`); only the private calendar tokens live here."""

from __future__ import annotations

from actions.models import CalendarToken


def calendar_token_for(user) -> CalendarToken:
    """The user's calendar token, created on first use."""
    token, _ = CalendarToken.objects.get_or_create(user=user)
    return token
