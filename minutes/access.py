"""Who may read and who may act on the meeting record.

Views fetch records through these helpers so that the rule is written once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from minutes.models import Meeting
from participants import roles


def get_meeting_for_user(request: HttpRequest, pk: int, queryset=None) -> Meeting:
    """The meeting if this user may read it; 404 otherwise, so drafts do not even exist."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


def require_secretariat(user) -> None:
    """The one "secretariat only" rule: PermissionDenied (403) for anyone else.

    Views use the `secretariat_required` decorator; call this directly only where the check
    cannot come first (e.g. inside a helper shared by several views).
    """
    if not roles.is_secretariat(user):
        raise PermissionDenied("Only the secretariat may do this.")


def secretariat_required(view: Callable) -> Callable:
    """Writes are the secretariat's: 403 for everyone else, before anything is looked up."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        require_secretariat(request.user)
        return view(request, *args, **kwargs)

    return wrapped
