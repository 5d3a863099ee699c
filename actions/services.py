"""Writes on action points: each one a keyword-only function inside one transaction.

Every change of status or due date leaves an ActionUpdate in the action's log, and every change
to an ActionPoint is a compare-and-swap on its `version`, so two people never silently overwrite
each other.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lib import due
from minutes.models import ActionPoint, ActionUpdate, Meeting
from participants.models import Organization, Person

Status = ActionPoint.Status


class StaleAction(Exception):
    """The action changed since the form was shown; nothing was written."""


class InvalidChange(ValueError):
    """A change that breaks a rule (e.g. dropping without a reason); nothing was written."""


def _save_fields(action: ActionPoint, expected_version: int | None, **fields) -> None:
    """Compare-and-swap on `version`, then save `fields` through the model (call in atomic()).

    The conditional UPDATE claims the row: of two concurrent edits from the same version only
    one matches. The save that follows writes the fields and leaves a history record, which a
    bare queryset update() would not.
    """
    version = action.version if expected_version is None else expected_version
    claimed = ActionPoint.objects.filter(pk=action.pk, version=version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleAction(
            f"{action.reference} was changed by someone else in the meantime. "
            "Reload it to see the change, then try again."
        )
    for name, value in fields.items():
        setattr(action, name, value)
    action.version = version + 1
    action.save()


def _status_fields(
    action: ActionPoint, status: str, meeting: Meeting | None, at: datetime.datetime
) -> dict:
    if status in ActionPoint.OPEN_STATUSES:
        return {"status": status, "closed_at": None, "closed_at_meeting": None}
    return {"status": status, "closed_at": at, "closed_at_meeting": meeting}


def action_update_add(
    *,
    action: ActionPoint,
    by,
    text: str,
    status: str | None = None,
    due_date: datetime.date | None = None,
    due_precision: str | None = None,
    meeting: Meeting | None = None,
    expected_version: int | None = None,
) -> ActionUpdate:
    """Log progress on an action, optionally changing its status or due date.

    Closing (done or dropped) records when and, if given, at which meeting. Dropping needs a
    reason: the entry's text. A new due date is stored as the end of its period.
    """
    text = (text or "").strip()
    if not text:
        raise InvalidChange("Say what was done (or why the action is dropped).")
    if status == action.status:
        status = None
    if status is not None and status not in Status.values:
        raise InvalidChange(f"Unknown status {status!r}.")
    if due_precision is not None and due_precision != due.NONE and due_date is None:
        raise InvalidChange("Give the new due date, or choose 'No date'.")
    now = timezone.now()
    fields: dict = {}
    if status is not None:
        fields.update(_status_fields(action, status, meeting, now))
    new_due = action.due_date
    if due_precision is not None:
        new_due = due.period_end(due_date, due_precision)
        if (new_due, due_precision) != (action.due_date, action.due_precision):
            fields.update(due_date=new_due, due_precision=due_precision)
    with transaction.atomic():
        old_status, old_due = action.status, action.due_date
        # Always bump the version: an entry written against a stale page is refused too.
        _save_fields(action, expected_version, **fields)
        return ActionUpdate.objects.create(
            action=action,
            author=by if getattr(by, "is_authenticated", False) else None,
            created_at=now,
            text=text,
            status_from=old_status if status is not None else "",
            status_to=status or "",
            due_date_from=old_due if new_due != old_due else None,
            due_date_to=new_due if new_due != old_due else None,
            reviewed_at_meeting=meeting,
        )


def action_point_close(
    *,
    action: ActionPoint,
    by,
    note: str,
    status: str = Status.DONE,
    meeting: Meeting | None = None,
    expected_version: int | None = None,
) -> ActionUpdate:
    """Close an action as done or dropped (a drop needs a reason in `note`)."""
    if status not in (Status.DONE, Status.DROPPED):
        raise InvalidChange("An action is closed as done or dropped.")
    if status == Status.DROPPED and not (note or "").strip():
        raise InvalidChange("Dropping an action needs a reason.")
    return action_update_add(
        action=action,
        by=by,
        text=note or "Marked done.",
        status=status,
        meeting=meeting,
        expected_version=expected_version,
    )


@dataclass(frozen=True)
class Review:
    """The outcome the secretariat records for one action at a follow-up meeting."""

    action: ActionPoint
    outcome: str  # one of REVIEW_OUTCOMES
    note: str
    due_date: datetime.date | None = None
    due_precision: str | None = None
    expected_version: int | None = None


REVIEW_DONE, REVIEW_PROGRESS, REVIEW_DROPPED, REVIEW_DEFERRED = (
    "done",
    "in_progress",
    "dropped",
    "deferred",
)
REVIEW_OUTCOMES = {
    REVIEW_DONE: "Done",
    REVIEW_PROGRESS: "In progress",
    REVIEW_DROPPED: "Dropped",
    REVIEW_DEFERRED: "Deferred to a new due date",
}


def follow_up_record(*, meeting: Meeting, by, reviews: Iterable[Review]) -> list[ActionUpdate]:
    """Record the review of several actions at `meeting`: all of them or, on any error, none."""
    written = []
    with transaction.atomic():
        for review in reviews:
            action, note = review.action, review.note.strip()
            if review.outcome == REVIEW_DONE:
                written.append(
                    action_point_close(
                        action=action,
                        by=by,
                        note=note or "Reported done at the meeting.",
                        meeting=meeting,
                        expected_version=review.expected_version,
                    )
                )
            elif review.outcome == REVIEW_DROPPED:
                if not note:
                    raise InvalidChange(f"{action.reference}: dropping needs a reason.")
                written.append(
                    action_point_close(
                        action=action,
                        by=by,
                        note=note,
                        status=Status.DROPPED,
                        meeting=meeting,
                        expected_version=review.expected_version,
                    )
                )
            elif review.outcome == REVIEW_PROGRESS:
                if not note:
                    raise InvalidChange(f"{action.reference}: say where the work stands.")
                written.append(
                    action_update_add(
                        action=action,
                        by=by,
                        text=note,
                        status=Status.IN_PROGRESS,
                        meeting=meeting,
                        expected_version=review.expected_version,
                    )
                )
            elif review.outcome == REVIEW_DEFERRED:
                if review.due_date is None or not review.due_precision:
                    raise InvalidChange(f"{action.reference}: give the new due date.")
                written.append(
                    action_update_add(
                        action=action,
                        by=by,
                        text=note
                        or f"Deferred to {due.format_due(review.due_date, review.due_precision)}.",
                        due_date=review.due_date,
                        due_precision=review.due_precision,
                        meeting=meeting,
                        expected_version=review.expected_version,
                    )
                )
            else:
                raise InvalidChange(f"Unknown outcome {review.outcome!r}.")
    return written


def actions_bulk_change(
    *,
    actions: dict[ActionPoint, int],
    by,
    status: str | None = None,
    organizations: Iterable[Organization] | None = None,
    people: Iterable[Person] | None = None,
    note: str = "",
) -> int:
    """Change the status and/or owners of several actions at once; all or nothing.

    `actions` maps each action to the version the user saw. Owners given replace the old ones.
    Every changed action gets a log entry, so a bulk close still records who and when.
    """
    if status is None and organizations is None and people is None:
        raise InvalidChange("Choose a new status or new owners.")
    if status == Status.DROPPED and not note.strip():
        raise InvalidChange("Dropping actions needs a reason.")
    organizations = list(organizations) if organizations is not None else None
    people = list(people) if people is not None else None
    with transaction.atomic():
        for action, version in actions.items():
            parts = []
            if organizations is not None or people is not None:
                if organizations is not None:
                    action.owner_organizations.set(organizations)
                if people is not None:
                    action.owner_people.set(people)
                owners = [o.label for o in organizations or []] + [p.name for p in people or []]
                parts.append(f"Owners set to {', '.join(owners) or 'nobody'}.")
            if status is not None and status != action.status:
                action_update_add(
                    action=action,
                    by=by,
                    text=" ".join([note.strip() or "Status changed in bulk.", *parts]),
                    status=status,
                    expected_version=version,
                )
            elif parts:
                action_update_add(
                    action=action,
                    by=by,
                    text=" ".join([note.strip(), *parts]).strip(),
                    expected_version=version,
                )
    return len(actions)


def action_point_edit(
    *,
    action: ActionPoint,
    by,
    expected_version: int,
    text: str,
    organizations: Iterable[Organization],
    people: Iterable[Person],
    owner_note: str,
    due_date: datetime.date | None,
    due_precision: str,
    topics: Iterable,
) -> ActionPoint:
    """Secretariat: correct an action's text, owners or due date; the log says what changed."""
    text = text.strip()
    if not text:
        raise InvalidChange("An action point needs its text.")
    if due_precision != due.NONE and due_date is None:
        raise InvalidChange("Give the due date, or choose 'No date'.")
    new_due = due.period_end(due_date, due_precision)
    organizations, people, topics = list(organizations), list(people), list(topics)
    changed = []
    if text != action.text:
        changed.append("text")
    if (
        {o.pk for o in organizations} != {o.pk for o in action.owner_organizations.all()}
        or {p.pk for p in people} != {p.pk for p in action.owner_people.all()}
        or owner_note != action.owner_note
    ):
        owners = [o.label for o in organizations] + [p.name for p in people]
        changed.append(f"owners ({', '.join(owners) or owner_note or 'none'})")
    old_due, old_display = action.due_date, action.due_display
    if (new_due, due_precision) != (action.due_date, action.due_precision):
        changed.append(f"due date ({old_display} → {due.format_due(new_due, due_precision)})")
    with transaction.atomic():
        _save_fields(
            action,
            expected_version,
            text=text,
            owner_note=owner_note,
            due_date=new_due,
            due_precision=due_precision,
        )
        action.owner_organizations.set(organizations)
        action.owner_people.set(people)
        action.topics.set(topics)
        if changed:
            ActionUpdate.objects.create(
                action=action,
                author=by if getattr(by, "is_authenticated", False) else None,
                text="Corrected by the secretariat: " + "; ".join(changed) + ".",
                due_date_from=old_due if new_due != old_due else None,
                due_date_to=new_due if new_due != old_due else None,
            )
    return action


def calendar_token_for(user):
    """The user's calendar token, created on first use."""
    from actions.models import CalendarToken

    token, _ = CalendarToken.objects.get_or_create(user=user)
    return token
