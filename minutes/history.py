"""A meeting's change log, read from the django-simple-history tables in one query per model.

"changed by X at Y: agenda item 2 discussion" needs each record compared with the previous
record of the same object; that is done here in Python over records fetched once, rather than
with `diff_against`, which would cost a query per record.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from minutes.models import ActionPoint, AgendaItem, Attendance, Decision, Document, Meeting

VERBS = {"+": "added", "-": "removed", "~": "changed"}


@dataclass(frozen=True)
class Change:
    at: datetime.datetime
    user: str
    verb: str
    what: str
    fields: tuple[str, ...]

    def __str__(self) -> str:
        if self.fields:
            return f"{self.what} {', '.join(self.fields)}"
        return self.what


# model, fields compared, extra columns used to name the object, how to name it
def _item_label(row: dict) -> str:
    return f"agenda item {row['position']}"


def _attendance_label(row: dict) -> str:
    return f"attendance of {row['person__name']}"


SOURCES = [
    (
        Meeting,
        [
            "title",
            "level",
            "modality",
            "location",
            "start",
            "end",
            "status",
            "opening_remarks",
            "review_deadline",
        ],
        [],
        lambda row: "meeting",
    ),
    (
        Attendance,
        ["organization_id", "title", "role", "status", "represented_by_id", "position"],
        ["person__name"],
        _attendance_label,
    ),
    (AgendaItem, ["title", "kind", "discussion", "position"], [], _item_label),
    (Decision, ["kind", "text"], ["reference"], lambda row: f"decision {row['reference']}"),
    (
        ActionPoint,
        ["text", "owner_note", "due_date", "due_precision", "status"],
        ["reference"],
        lambda row: f"action point {row['reference']}",
    ),
    (Document, ["title", "url", "file"], [], lambda row: f"document “{row['title']}”"),
]


def _history_rows(model, meeting: Meeting, columns: list[str]):
    history = model.history.model
    rows = history.objects.all()
    item_ids = AgendaItem.history.model.objects.filter(meeting_id=meeting.pk).values("id")
    if model is Meeting:
        rows = rows.filter(id=meeting.pk)
    elif model in (Decision, ActionPoint):
        rows = rows.filter(agenda_item_id__in=item_ids)
    else:
        rows = rows.filter(meeting_id=meeting.pk)
    return rows.order_by("id", "history_date", "history_id").values(
        "id",
        "history_date",
        "history_type",
        "history_user__username",
        "history_user__first_name",
        "history_user__last_name",
        *columns,
    )


def meeting_changes(meeting: Meeting, limit: int = 500) -> list[Change]:
    """Newest first: who changed what in the meeting, its attendance, items and outcomes."""
    changes: list[Change] = []
    for model, fields, extra, label in SOURCES:
        previous: dict | None = None
        for row in _history_rows(model, meeting, fields + extra):
            if previous is None or previous["id"] != row["id"]:
                previous = None
            verb = VERBS[row["history_type"]]
            changed: tuple[str, ...] = ()
            if verb == "changed" and previous is not None:
                changed = tuple(
                    str(model._meta.get_field(f.removesuffix("_id")).verbose_name)
                    for f in fields
                    if row[f] != previous[f]
                )
                if not changed:
                    # A version bump or a save with nothing new: not worth a line.
                    previous = row
                    continue
            full_name = " ".join(
                part
                for part in (row["history_user__first_name"], row["history_user__last_name"])
                if part
            )
            changes.append(
                Change(
                    at=row["history_date"],
                    # No user: a data load, a shell, or the deadline sweep from cron.
                    user=full_name or row["history_user__username"] or "the system",
                    verb=verb,
                    what=label(row),
                    fields=changed,
                )
            )
            previous = row
    changes.sort(key=lambda c: c.at, reverse=True)
    return changes[:limit]
