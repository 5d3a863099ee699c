"""What an exported summary says, in the house order; the Word and Markdown writers share it.

The meeting must come from ``Meeting.objects.with_summary()`` so nothing here queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from lib import due, timefmt
from participants import zones

AGENDA_HEADING = gettext_lazy("The agenda of the meeting included the following items:")


@contextmanager
def in_summary_language(meeting) -> Iterator[None]:
    """The summary's fixed text, dates and due dates in the language it is written in
    (`Meeting.language`), whatever the reader's interface language."""
    with translation.override(meeting.language or "en"):
        yield


@dataclass
class ItemLayout:
    heading: str
    discussion: str
    decisions: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)


@dataclass
class SummaryLayout:
    title: str
    day: str
    times: str
    location: str
    participants: list[str]
    apologies: list[str]
    agenda: list[str]
    opening_remarks: str
    items: list[ItemLayout]


def participant_line(attendance) -> str:
    parts = [attendance.person.name, attendance.title, attendance.unit]
    if attendance.organization is not None:
        parts.append(attendance.organization.label)
    parts.append(attendance.role)
    line = ", ".join(p for p in parts if p)
    if attendance.status == "represented" and attendance.represented_by is not None:
        return _("%(participant)s, represented by %(name)s") % {
            "participant": line,
            "name": attendance.represented_by.name,
        }
    if attendance.status == "apologies":
        return _("%(participant)s (apologies)") % {"participant": line}
    return line


def action_line(action) -> str:
    owners = [o.label for o in action.owner_organizations.all()]
    owners += [p.name for p in action.owner_people.all()]
    if action.owner_note:
        owners.append(action.owner_note)
    trailer = []
    if owners:
        trailer.append(_("Owner: %(owners)s") % {"owners": ", ".join(owners)})
    if action.due_date is not None:
        shown = due.format_due(action.due_date, action.due_precision, by=False)
        trailer.append(pgettext("action point", "Due: %(due)s") % {"due": shown})
    return f"{action.text} ({'; '.join(trailer)})" if trailer else action.text


def aob_heading(item) -> str:
    if item.title.strip().upper() in ("", "AOB", "AOB:"):
        return _("AOB")
    return _("AOB: %(title)s") % {"title": item.title}


def summary_layout(meeting, *, agenda_only: bool = False) -> SummaryLayout:
    """The summary as laid out for export; `agenda_only` keeps the header and the item titles
    (what a principal may read of a planned meeting)."""
    labelled = zones.body_zones(meeting.body)
    first = labelled[0][0]
    attendances = [] if agenda_only else list(meeting.attendances.all())
    items = list(meeting.agenda_items.all())
    laid_out = []
    for item in items:
        if agenda_only:
            laid_out.append(
                ItemLayout(
                    heading=aob_heading(item) if item.kind == "aob" else item.title,
                    discussion="",
                    decisions=[],
                    actions=[],
                )
            )
            continue
        laid_out.append(
            ItemLayout(
                heading=aob_heading(item) if item.kind == "aob" else item.title,
                discussion=item.discussion.strip(),
                decisions=[f"{d.get_kind_display()}: {d.text}" for d in item.decisions.all()],
                actions=[action_line(a) for a in item.action_points.all()],
            )
        )
    return SummaryLayout(
        title=meeting.title,
        day=timefmt.format_day(meeting.start, first),
        times=timefmt.format_span(meeting.start, meeting.end, labelled)
        if meeting.has_times
        else "",
        location=meeting.location,
        participants=[participant_line(a) for a in attendances if a.status == "present"],
        apologies=[participant_line(a) for a in attendances if a.status != "present"],
        agenda=[i.title for i in items if i.kind != "aob"],
        opening_remarks="" if agenda_only else meeting.opening_remarks.strip(),
        items=laid_out,
    )


def filename(meeting, extension: str) -> str:
    from django.utils.text import slugify

    day = zones.local_date(meeting.start, meeting.body)
    return f"{slugify(meeting.body.short_name)}-{day:%Y-%m-%d}-summary.{extension}"
