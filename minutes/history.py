"""A meeting's change log, read from the django-simple-history tables in one query per model.

"changed by X at Y: agenda item 2 discussion" needs each record compared with the previous
record of the same object; that is done here in Python over records fetched once, rather than
with `diff_against`, which would cost a query per record.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minutes.models import ActionPoint, AgendaItem, Attendance, Decision, Document, Meeting

VERBS = {"+": gettext_lazy("added"), "-": gettext_lazy("removed"), "~": gettext_lazy("changed")}


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
    return _("agenda item %(position)s") % {"position": row["position"]}


def _attendance_label(row: dict) -> str:
    return _("attendance of %(name)s") % {"name": row["person__name"]}


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
        lambda row: _("meeting"),
    ),
    (
        Attendance,
        ["organization_id", "title", "role", "status", "represented_by_id", "position"],
        ["person__name"],
        _attendance_label,
    ),
    (AgendaItem, ["title", "kind", "discussion", "position"], [], _item_label),
    (
        Decision,
        ["kind", "text"],
        ["reference"],
        lambda row: _("decision %(reference)s") % {"reference": row["reference"]},
    ),
    (
        ActionPoint,
        ["text", "owner_note", "due_date", "due_precision", "status", "decision_id"],
        ["reference"],
        lambda row: _("action point %(reference)s") % {"reference": row["reference"]},
    ),
    (
        Document,
        ["title", "url", "file"],
        [],
        lambda row: _("document “%(title)s”") % {"title": row["title"]},
    ),
]


# Many-to-many fields whose changes are listed: each history record keeps a copy of the set.
M2M_FIELDS = {AgendaItem: "topics", Decision: "topics", ActionPoint: "topics"}


def _m2m_names(model, field: str, rows) -> dict[int, frozenset[str]]:
    """History record id to the names in `field` as that record saw them, in one query."""
    history = model.history.model
    copies = apps.get_model(history._meta.app_label, f"{history.__name__}_{field}")
    target = model._meta.get_field(field).m2m_reverse_field_name()
    names: dict[int, set[str]] = defaultdict(set)
    for history_id, name in copies.objects.filter(
        history_id__in=rows.values("history_id")
    ).values_list("history_id", f"{target}__name"):
        names[history_id].add(name)
    return {history_id: frozenset(found) for history_id, found in names.items()}


def _set_change(label: str, before: frozenset[str], after: frozenset[str]) -> str:
    parts = []
    if added := sorted(after - before):
        parts.append(_("added %(names)s") % {"names": ", ".join(added)})
    if removed := sorted(before - after):
        parts.append(_("removed %(names)s") % {"names": ", ".join(removed)})
    return f"{label} ({'; '.join(parts)})"


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
        "history_id",
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
        rows = _history_rows(model, meeting, fields + extra)
        m2m = M2M_FIELDS.get(model)
        sets = _m2m_names(model, m2m, rows) if m2m else {}
        for row in rows:
            if previous is None or previous["id"] != row["id"]:
                previous = None
            verb = VERBS[row["history_type"]]
            changed: tuple[str, ...] = ()
            if row["history_type"] == "~" and previous is not None:
                changed = tuple(
                    str(model._meta.get_field(f.removesuffix("_id")).verbose_name)
                    for f in fields
                    if row[f] != previous[f]
                )
                before = sets.get(previous["history_id"], frozenset())
                after = sets.get(row["history_id"], frozenset())
                if m2m and before != after:
                    changed += (_set_change(m2m, before, after),)
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
                    user=full_name or row["history_user__username"] or _("the system"),
                    verb=verb,
                    what=label(row),
                    fields=changed,
                )
            )
            previous = row
    changes.sort(key=lambda c: c.at, reverse=True)
    return changes[:limit]
