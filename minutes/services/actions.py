"""Action points and their log: the one write path for every change to an action.

`action_point_update` is the rule every screen goes through (the item editor, the action page,
the follow-up review, the bulk change, the admin): a compare-and-swap on `version`, closing
fields kept consistent with the status both ways, and an entry in the action's log, written by
`by`, for every change of status or due date (and of text or owners, and for any note given).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lib import due, readcache
from minutes.models import ActionPoint, ActionUpdate, AgendaItem, Decision, Meeting
from minutes.services.base import (
    InvalidChange,
    ServiceError,
    StaleEdit,
    author,
    claim_version,
    ensure_editable,
    written_by,
)
from minutes.services.outcomes import with_fresh_reference
from participants import zones
from participants.models import Organization, Person

Status = ActionPoint.Status
# An argument left out: keep what is saved (where None is a value of its own).
KEEP = object()


def _due_fields(due_day: datetime.date | None, precision: str) -> dict[str, Any]:
    if precision == due.NONE:
        return {"due_date": None, "due_precision": due.NONE}
    if due_day is None:
        raise InvalidChange(_("Give the due date, or choose 'No date'."))
    return {"due_date": due.period_end(due_day, precision), "due_precision": precision}


def _status_label(status: str) -> str:
    return Status(status).label


def action_point_add(
    *,
    item: AgendaItem,
    by: User | None,
    text: str,
    owner_organizations: Iterable = (),
    owner_people: Iterable = (),
    owner_note: str = "",
    due_day: datetime.date | None = None,
    due_precision: str = due.NONE,
    status: str = Status.OPEN,
    decision: Decision | None = None,
    topics: Iterable = (),
) -> ActionPoint:
    """A new action under `item`; one recorded as already under way or closed says so in its log."""
    ensure_editable(item.meeting)
    if status not in Status.values:
        raise InvalidChange(_("Unknown status %(status)s.") % {"status": f"{status!r}"})
    due_fields = _due_fields(due_day, due_precision)
    position = item.action_points.aggregate(m=Max("position"))["m"]

    def create(reference: str) -> ActionPoint:
        now = timezone.now()
        action = ActionPoint(
            agenda_item=item,
            decision=decision,
            reference=reference,
            text=text,
            owner_note=owner_note,
            status=status,
            position=0 if position is None else position + 1,
            closed_at=None if status in ActionPoint.OPEN_STATUSES else now,
            **due_fields,
        )
        written_by(action, by).save()
        action.owner_organizations.set(owner_organizations)
        action.owner_people.set(owner_people)
        action.topics.set(topics)
        if status != Status.OPEN:
            ActionUpdate.objects.create(
                action=action,
                author=author(by),
                created_at=now,
                text=f"Recorded as {_status_label(status).lower()} when the action was added.",
                status_from=Status.OPEN,
                status_to=status,
            )
        return action

    return with_fresh_reference(create, ActionPoint, item.meeting, "A")


def _pks(objects: Iterable) -> set[int]:
    return {o.pk for o in objects}


def action_point_update(
    *,
    action: ActionPoint,
    by: User | None,
    version: int | None = None,
    text: str | None = None,
    owner_organizations: Iterable[Organization] | None = None,
    owner_people: Iterable[Person] | None = None,
    owner_note: str | None = None,
    topics: Iterable | None = None,
    decision: Decision | None | object = KEEP,
    status: str | None = None,
    due_day: datetime.date | None = None,
    due_precision: str | None = None,
    meeting: Meeting | None = None,
    note: str = "",
    applying: ActionUpdate | None = None,
) -> ActionPoint:
    """Change an action point; every argument left as None keeps what is saved.

    `version` is the one the user saw (default: the one on `action`); if somebody saved since,
    StaleEdit and nothing is written. `decision` is the decision the action follows from
    (None unlinks it; left out, the link stays). `due_day` with `due_precision` sets the due date (any day
    of the period; the period's last day is stored). `meeting` is where the change was decided:
    closing there records it as the closing meeting, and the log entry as reviewed there.
    `note` is the log entry's text; without one the entry describes the change.

    Closing sets `closed_at` (and `closed_at_meeting` when `meeting` is known); reopening clears
    both. A log entry is written, authored by `by`, whenever the status, due date, text or owners
    change or a note is given. The entry written, if any, is left on the result as `logged`.
    Progress on actions of an approved (locked) summary is still follow-up, so it is allowed.

    A change decided at a meeting whose summary is not circulated yet (draft or planned) is
    pending: only its log entry is written, and the action keeps its status and due date until
    the circulation applies the entry (`action_updates_apply`). That call passes the entry as
    `applying`: the action changes, closing at the entry's time, and the entry is marked
    applied instead of a second one being written.
    """
    if status is not None and status not in Status.values:
        raise InvalidChange(_("Unknown status %(status)s.") % {"status": f"{status!r}"})
    if text is not None and not text.strip():
        raise InvalidChange(_("An action point needs its text."))
    new_due = _due_fields(due_day, due_precision) if due_precision is not None else None
    note = (note or "").strip()
    now = timezone.now()
    with transaction.atomic():
        expected = action.version if version is None else version
        pending = applying is None and meeting is not None and _unreleased(meeting)
        if pending and (
            any(v is not None for v in (text, owner_organizations, owner_people, owner_note))
            or decision is not KEEP
        ):
            raise InvalidChange(
                _(
                    "A review at a meeting changes the status and due date only; "
                    "edit the text and owners on their own."
                )
            )
        fresh, new_version = _claim(action, expected, pending=pending)
        change = _Change.of(
            fresh,
            text=text,
            organizations=list(owner_organizations) if owner_organizations is not None else None,
            people=list(owner_people) if owner_people is not None else None,
            owner_note=owner_note,
            new_due=new_due,
            status=status,
        )
        fresh.logged = None
        # A progress note alone (nothing of the action changed, no meeting) shows in no
        # summary that is cached: an approved summary lists no progress.
        if (
            change.describes
            or meeting is not None
            or decision is not KEEP
            or topics is not None
            or applying is not None
        ):
            _summaries_changed(fresh, meeting, at=now)
        if pending:
            if change.describes or note:
                fresh.logged = change.log(fresh, by=by, at=now, note=note, meeting=meeting)
            return fresh
        # An applied review closes the action when the meeting recorded it.
        change.apply(fresh, meeting=meeting, closed_at=applying.created_at if applying else now)
        if decision is not KEEP:
            fresh.decision = decision
        fresh.version = new_version
        written_by(fresh, by).save()
        if change.organizations is not None:
            fresh.owner_organizations.set(change.organizations)
        if change.people is not None:
            fresh.owner_people.set(change.people)
        if topics is not None:
            fresh.topics.set(topics)
        if applying is not None:
            applying.applied_at = now
            written_by(applying, by).save(update_fields=["applied_at"])
            fresh.logged = applying
        elif change.describes or note:
            fresh.logged = change.log(
                fresh, by=by, at=now, note=note, meeting=meeting, applied=True
            )
    return fresh


def _summaries_changed(action: ActionPoint, meeting: Meeting | None, *, at) -> None:
    """Move `updated_at` of every summary that shows this action: the one that agreed it, the
    one where this change is decided, and those whose follow-up section reviewed it. Rendered
    summaries are cached under a key holding it (`minutes.document.cache_key`)."""
    shown_in = Q(agenda_items__action_points=action) | Q(action_reviews__action=action)
    if meeting is not None:
        shown_in |= Q(pk=meeting.pk)
    Meeting.objects.filter(pk__in=Meeting.objects.filter(shown_in).values("pk")).update(
        updated_at=at
    )
    # update() sends no signal: what was kept of these meetings is read again.
    readcache.forget()


def _claim(action: ActionPoint, expected: int, *, pending: bool) -> tuple[ActionPoint, int]:
    """The action as saved now, and the version the save will carry; StaleEdit if it moved.

    A pending review changes nothing of the action yet, so its version stays; the check still
    stops a review recorded against a stale page.
    """
    what = _("action point %(reference)s") % {"reference": action.reference}
    if pending:
        fresh = ActionPoint.objects.select_for_update().filter(pk=action.pk).first()
        if fresh is None or fresh.version != expected:
            raise StaleEdit(what, model=ActionPoint, pk=action.pk)
        return fresh, expected
    new_version = claim_version(ActionPoint, action.pk, expected, what)
    fresh = ActionPoint.objects.prefetch_related("owner_organizations", "owner_people").get(
        pk=action.pk
    )
    return fresh, new_version


@dataclass
class _Change:
    """What one call changes of an action, and how its log entry describes it."""

    old_status: str
    old_due: datetime.date | None
    old_precision: str
    text: str | None
    organizations: list | None
    people: list | None
    owner_note: str | None
    new_due: dict[str, Any] | None
    status: str | None
    describes: list[str]

    @classmethod
    def of(cls, fresh: ActionPoint, **values) -> _Change:
        change = cls(
            old_status=fresh.status,
            old_due=fresh.due_date,
            old_precision=fresh.due_precision,
            describes=[],
            **values,
        )
        change.describe(fresh)
        return change

    @property
    def due_changed(self) -> bool:
        if self.new_due is None:
            return False
        new = (self.new_due["due_date"], self.new_due["due_precision"])
        return new != (self.old_due, self.old_precision)

    @property
    def status_changed(self) -> bool:
        return self.status is not None and self.status != self.old_status

    def describe(self, fresh: ActionPoint) -> None:
        if self.text is not None and self.text != fresh.text:
            self.describes.append("text")
        if self._owners_changed(fresh):
            orgs = (
                self.organizations
                if self.organizations is not None
                else fresh.owner_organizations.all()
            )
            people = self.people if self.people is not None else fresh.owner_people.all()
            note_text = self.owner_note if self.owner_note is not None else fresh.owner_note
            names = [o.label for o in orgs] + [p.name for p in people]
            self.describes.append(f"owners ({', '.join(names) or note_text or 'none'})")
        if self.due_changed:
            shown = due.format_due(self.new_due["due_date"], self.new_due["due_precision"])
            self.describes.append(f"due date ({fresh.due_display} → {shown})")
        if self.status_changed:
            self.describes.append(
                f"status ({_status_label(self.old_status)} → {_status_label(self.status)})"
            )

    def _owners_changed(self, fresh: ActionPoint) -> bool:
        return (
            (
                self.organizations is not None
                and _pks(self.organizations) != _pks(fresh.owner_organizations.all())
            )
            or (self.people is not None and _pks(self.people) != _pks(fresh.owner_people.all()))
            or (self.owner_note is not None and self.owner_note != fresh.owner_note)
        )

    def apply(self, fresh: ActionPoint, *, meeting: Meeting | None, closed_at) -> None:
        """Set the new values on `fresh`: closing sets the closing fields, reopening clears
        both."""
        if self.text is not None:
            fresh.text = self.text
        if self.owner_note is not None:
            fresh.owner_note = self.owner_note
        if self.due_changed:
            fresh.due_date = self.new_due["due_date"]
            fresh.due_precision = self.new_due["due_precision"]
        if self.status_changed:
            fresh.status = self.status
            if self.status in ActionPoint.OPEN_STATUSES:
                fresh.closed_at, fresh.closed_at_meeting = None, None
            elif self.old_status in ActionPoint.OPEN_STATUSES:
                fresh.closed_at, fresh.closed_at_meeting = closed_at, meeting
            elif meeting is not None:
                fresh.closed_at_meeting = meeting

    def log(
        self,
        fresh: ActionPoint,
        *,
        by: User | None,
        at: datetime.datetime,
        note: str,
        meeting: Meeting | None,
        applied: bool = False,
    ) -> ActionUpdate:
        """The log entry: an applied one records what the action became, a pending one what the
        review asks for."""
        due_moved = self.due_changed and (not applied or fresh.due_date != self.old_due)
        new_due_date = self.new_due["due_date"] if self.due_changed else None
        return ActionUpdate.objects.create(
            action=fresh,
            author=author(by),
            created_at=at,
            text=self._entry_text(note, applied=applied),
            status_from=self.old_status if self.status_changed else "",
            status_to=self.status if self.status_changed else "",
            due_date_from=self.old_due if due_moved else None,
            due_date_to=new_due_date if due_moved else None,
            due_precision_to=self.new_due["due_precision"] if self.due_changed else "",
            reviewed_at_meeting=meeting,
            applied_at=at if applied else None,
        )

    def _entry_text(self, note: str, *, applied: bool) -> str:
        if not note:
            return f"Changed: {'; '.join(self.describes)}."
        if not applied:
            return note
        # Status and due date have their own columns in the entry; text and owners do not.
        corrections = [c for c in self.describes if not c.startswith(("status", "due date"))]
        return f"{note} Changed: {'; '.join(corrections)}." if corrections else note


def _unreleased(meeting: Meeting) -> bool:
    """Whether principals cannot read the meeting's summary yet, read under a lock.

    The lock orders this write with a concurrent circulation: the entry is either applied by
    it or written after it, at once.
    """
    status = Meeting.objects.select_for_update().values_list("status", flat=True).get(pk=meeting.pk)
    return status in Meeting.UNRELEASED_STATUSES


def action_point_remove(*, action: ActionPoint, by: User | None, version: int) -> None:
    """Remove an action recorded by mistake; one with a progress log is dropped instead."""
    with transaction.atomic():
        ensure_editable(action.agenda_item.meeting)
        claim_version(
            ActionPoint,
            action.pk,
            version,
            _("action point %(reference)s") % {"reference": action.reference},
        )
        if action.updates.exists():
            # Its progress log is the follow-up record; dropping keeps it.
            raise ServiceError(
                _(
                    "Action point %(reference)s has progress updates: set its status to Dropped instead of removing it."
                )
                % {"reference": action.reference}
            )
        written_by(ActionPoint.objects.get(pk=action.pk), by).delete()


# Progress and follow-up: each a use of action_point_update ----------------------------------


def action_update_add(
    *,
    action: ActionPoint,
    by: User | None,
    text: str,
    status: str | None = None,
    due_date: datetime.date | None = None,
    due_precision: str | None = None,
    meeting: Meeting | None = None,
    expected_version: int | None = None,
) -> ActionUpdate:
    """Log progress on an action, optionally changing its status or due date.

    Dropping needs a reason: the entry's text. An entry written against a stale page is
    refused like any other stale change.
    """
    text = (text or "").strip()
    if not text:
        raise InvalidChange(_("Say what was done (or why the action is dropped)."))
    if due_precision is not None and due_precision != due.NONE and due_date is None:
        raise InvalidChange(_("Give the new due date, or choose 'No date'."))
    changed = action_point_update(
        action=action,
        by=by,
        version=expected_version,
        status=status,
        due_day=due_date,
        due_precision=due_precision,
        meeting=meeting,
        note=text,
    )
    _refresh(action, changed)
    return changed.logged


def _refresh(action: ActionPoint, changed: ActionPoint) -> None:
    """Bring the caller's instance up to date with what was saved, so it can be read on."""
    for field in (
        "status",
        "due_date",
        "due_precision",
        "closed_at",
        "closed_at_meeting_id",
        "text",
        "owner_note",
        "version",
        "updated_at",
    ):
        setattr(action, field, getattr(changed, field))


def action_point_close(
    *,
    action: ActionPoint,
    by: User | None,
    note: str,
    status: str = Status.DONE,
    meeting: Meeting | None = None,
    expected_version: int | None = None,
) -> ActionUpdate:
    """Close an action as done or dropped (a drop needs a reason in `note`)."""
    if status not in (Status.DONE, Status.DROPPED):
        raise InvalidChange(_("An action is closed as done or dropped."))
    if status == Status.DROPPED and not (note or "").strip():
        raise InvalidChange(_("Dropping an action needs a reason."))
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
    REVIEW_DONE: gettext_lazy("Done"),
    REVIEW_PROGRESS: gettext_lazy("In progress"),
    REVIEW_DROPPED: gettext_lazy("Dropped"),
    REVIEW_DEFERRED: gettext_lazy("Deferred to a new due date"),
}


def follow_up_record(
    *, meeting: Meeting, by: User | None, reviews: Iterable[Review]
) -> list[ActionUpdate]:
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
                    raise InvalidChange(
                        _("%(reference)s: dropping needs a reason.")
                        % {"reference": action.reference}
                    )
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
                    raise InvalidChange(
                        _("%(reference)s: say where the work stands.")
                        % {"reference": action.reference}
                    )
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
                    raise InvalidChange(
                        _("%(reference)s: give the new due date.") % {"reference": action.reference}
                    )
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
                raise InvalidChange(
                    _("Unknown outcome %(outcome)s.") % {"outcome": f"{review.outcome!r}"}
                )
    return written


def action_updates_apply(*, meeting: Meeting, by: User | None) -> list[ActionUpdate]:
    """Apply the reviews pending at `meeting`, now that its summary is circulated.

    Call inside the circulation's transaction. Each change goes through action_point_update
    without a second log entry. A change the action has moved past since (closed by somebody
    else, due date changed again) is skipped, with a note in the action's log saying so; it
    never stops the circulation. Returns the entries applied.
    """
    applied = []
    met_on = zones.local_date(meeting.start, meeting.body)
    pending = ActionUpdate.objects.filter(reviewed_at_meeting=meeting, applied_at__isnull=True)
    for entry in pending.order_by("created_at", "pk"):
        action = ActionPoint.objects.get(pk=entry.action_id)
        changes_due = bool(entry.due_precision_to)
        if not entry.status_to and not changes_due:
            entry.applied_at = timezone.now()
            written_by(entry, by).save(update_fields=["applied_at"])
            applied.append(entry)
            continue
        if not _still_applies(entry, action):
            action_point_update(
                action=action,
                by=by,
                note=(
                    f"The review at the meeting of {met_on:%d %B %Y} ({entry.outcome_label}) "
                    "was not applied when its summary was circulated: the action had changed "
                    f"since (now {action.get_status_display().lower()}, due {action.due_display})."
                ),
            )
            continue
        action_point_update(
            action=action,
            by=by,
            status=entry.status_to or None,
            due_day=entry.due_date_to if changes_due else None,
            due_precision=entry.due_precision_to if changes_due else None,
            meeting=meeting,
            applying=entry,
        )
        applied.append(entry)
    return applied


def _still_applies(entry: ActionUpdate, action: ActionPoint) -> bool:
    """Whether the action is still as the review found it, as far as the review changes it."""
    if entry.status_to:
        was_open = entry.status_from in ActionPoint.OPEN_STATUSES
        if action.is_open != was_open or action.status == entry.status_to:
            return False
    return not entry.due_precision_to or (action.is_open and action.due_date == entry.due_date_from)


def actions_bulk_change(
    *,
    actions: dict[ActionPoint, int],
    by: User | None,
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
        raise InvalidChange(_("Choose a new status or new owners."))
    if status == Status.DROPPED and not note.strip():
        raise InvalidChange(_("Dropping actions needs a reason."))
    organizations = list(organizations) if organizations is not None else None
    people = list(people) if people is not None else None
    with transaction.atomic():
        for action, version in actions.items():
            status_changes = status is not None and status != action.status
            action_point_update(
                action=action,
                by=by,
                version=version,
                status=status,
                owner_organizations=organizations,
                owner_people=people,
                note=(note.strip() or "Status changed in bulk.") if status_changes else note,
            )
    return len(actions)
