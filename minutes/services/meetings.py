"""Creating a meeting and editing its details."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from lib.agenda import is_aob_title
from minutes.models import AgendaItem, Meeting
from minutes.services.agenda import agenda_item_add
from minutes.services.attendance import attendance_add_members
from minutes.services.base import claim_version, ensure_editable, written_by


def default_title(*, body, level: str, modality: str) -> str:
    """'Executive Committee Principals (Virtual) Meeting', as the sample heads it."""
    label = Meeting.Modality(modality).label if modality else ""
    parts = [body.name, level.strip()]
    title = " ".join(p for p in parts if p)
    if label:
        title += f" ({label})"
    return f"{title} Meeting"


def meeting_create(
    *,
    by: User,
    data: dict[str, Any],
    agenda: Iterable[str] = (),
    propose_attendance: bool = False,
) -> Meeting:
    """A new meeting, with its agenda titled in order and, if asked, the members' principals
    proposed as its attendance: one step instead of one page per item."""
    with transaction.atomic():
        meeting = Meeting(**data)
        meeting.full_clean()
        written_by(meeting, by).save()
        for title in agenda:
            # "AOB" or "Any other business" is that item.
            kind = AgendaItem.Kind.AOB if is_aob_title(title) else AgendaItem.Kind.REGULAR
            agenda_item_add(meeting=meeting, by=by, title=title, kind=kind)
        if propose_attendance:
            attendance_add_members(meeting=meeting, by=by)
    return meeting


def meeting_update(*, meeting: Meeting, by: User, data: dict[str, Any], version: int) -> Meeting:
    """Save the editor's fields if nobody else saved the meeting since the form was opened."""
    with transaction.atomic():
        ensure_editable(meeting)
        new_version = claim_version(Meeting, meeting.pk, version, _("this meeting"))
        fresh = Meeting.objects.get(pk=meeting.pk)
        for field, value in data.items():
            setattr(fresh, field, value)
        fresh.version = new_version
        fresh.full_clean()
        written_by(fresh, by).save()
    return fresh
