"""What an agenda item produced: decisions, and the references outcomes are cited by."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.contrib.auth.models import User
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from minutes.models import AgendaItem, Decision, Meeting
from minutes.references import next_reference
from minutes.services.base import ServiceError, ensure_editable, written_by

Outcome = TypeVar("Outcome", bound=models.Model)


def with_fresh_reference(
    create: Callable[[str], Outcome], model: type[Outcome], meeting: Meeting, letter: str
) -> Outcome:
    """Allocate the next reference; retry if a concurrent save took the same one."""
    for _attempt in range(5):
        reference = next_reference(model, meeting, letter)
        try:
            with transaction.atomic():
                return create(reference)
        except IntegrityError:
            if not model.objects.filter(reference=reference).exists():
                raise
    raise ServiceError(_("Could not allocate a reference; please save again."))


def decision_add(
    *, item: AgendaItem, by: User, kind: str, text: str, topics: Iterable = ()
) -> Decision:
    ensure_editable(item.meeting)
    position = item.decisions.aggregate(m=Max("position"))["m"]

    def create(reference: str) -> Decision:
        decision = Decision(
            agenda_item=item,
            kind=kind,
            text=text,
            reference=reference,
            position=0 if position is None else position + 1,
        )
        written_by(decision, by).save()
        decision.topics.set(topics)
        return decision

    return with_fresh_reference(create, Decision, item.meeting, "D")


def decision_update(
    *, decision: Decision, by: User, kind: str, text: str, topics: Iterable
) -> Decision:
    with transaction.atomic():
        ensure_editable(decision.agenda_item.meeting)
        decision.kind, decision.text = kind, text
        written_by(decision, by).save()
        decision.topics.set(topics)
    return decision


def decision_remove(*, decision: Decision, by: User) -> None:
    """Its action points stay, unlinked from it."""
    with transaction.atomic():
        ensure_editable(decision.agenda_item.meeting)
        written_by(decision, by).delete()
