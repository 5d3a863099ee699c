"""The agenda: adding, moving, editing and removing items."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from minutes.models import AgendaItem, Meeting
from minutes.services.base import ServiceError, claim_version, ensure_editable, written_by


def agenda_item_add(
    *, meeting: Meeting, by: User, title: str, kind: str, discussion: str = ""
) -> AgendaItem:
    with transaction.atomic():
        ensure_editable(meeting)
        last = meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0
        item = AgendaItem(
            meeting=meeting, position=last + 1, title=title, kind=kind, discussion=discussion
        )
        written_by(item, by).save()
        return item


def agenda_item_move(*, item: AgendaItem, by: User, direction: str) -> bool:
    """Swap an item with its neighbour; False when it is already first or last.

    Positions are unique per meeting, so the item is parked on a free position first.
    """
    with transaction.atomic():
        ensure_editable(item.meeting)
        siblings = AgendaItem.objects.select_for_update().filter(meeting_id=item.meeting_id)
        if direction == "up":
            other = siblings.filter(position__lt=item.position).order_by("-position").first()
        else:
            other = siblings.filter(position__gt=item.position).order_by("position").first()
        if other is None:
            return False
        item = siblings.get(pk=item.pk)
        parking = (siblings.aggregate(m=Max("position"))["m"] or 0) + 1
        mine, theirs = item.position, other.position
        # update() so the parking step does not show in the history as a change.
        AgendaItem.objects.filter(pk=item.pk).update(position=parking)
        other.position = mine
        written_by(other, by).save()
        item.position = theirs
        written_by(item, by).save()
    return True


def agenda_item_remove(*, item: AgendaItem, by: User) -> None:
    """Remove an item and close the gap; refused while decisions or actions hang on it."""
    with transaction.atomic():
        ensure_editable(item.meeting)
        if item.decisions.exists() or item.action_points.exists():
            raise ServiceError(
                _(
                    "Remove this item's decisions and action points first: they may be "
                    "referenced elsewhere."
                )
            )
        meeting_id, position = item.meeting_id, item.position
        written_by(item, by).delete()
        # Ascending, so each item moves into the place just freed.
        for later in AgendaItem.objects.filter(
            meeting_id=meeting_id, position__gt=position
        ).order_by("position"):
            later.position -= 1
            written_by(later, by).save()


def agenda_item_update(
    *,
    item: AgendaItem,
    by: User,
    data: dict[str, Any],
    topics: Iterable,
    version: int,
) -> AgendaItem:
    with transaction.atomic():
        ensure_editable(item.meeting)
        new_version = claim_version(AgendaItem, item.pk, version, _("this agenda item"))
        fresh = AgendaItem.objects.get(pk=item.pk)
        for field, value in data.items():
            setattr(fresh, field, value)
        fresh.version = new_version
        written_by(fresh, by).save()
        fresh.topics.set(topics)
    return fresh
