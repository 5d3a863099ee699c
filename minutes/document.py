"""The summary of a meeting as one document: what it says, in the house order.

The summary page, its print view and the Word and Markdown exports all render this one
structure, so they cannot disagree on a word: headings, participant lines, decision and action
lines (owners, due phrase, reference), the follow-up section, AOB. Each renderer only chooses
markup: a `Span` with an `href` is a link on the page and in Word, `[text](href)` in Markdown;
a `strong` span is bold (a badge on the page). Discussion and remarks stay Markdown.

Build it with `summary_document`, from a meeting fetched with `Meeting.objects.with_summary()`
and the follow-up section from `minutes.follow_up.follow_up_context`: nothing here queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lib import timefmt
from minutes.models import (
    ActionPoint,
    ActionUpdate,
    Decision,
    Document,
    Meeting,
)
from participants import zones

AGENDA_HEADING = gettext_lazy("The agenda of the meeting included the following items:")
PARTICIPANTS_HEADING = gettext_lazy("Participants:")
ALSO_PRESENT_HEADING = gettext_lazy("Also present:")
APOLOGIES_HEADING = gettext_lazy("Apologies and representations:")
FOLLOW_UP_HEADING = gettext_lazy("Follow-up on action points")
FOLLOW_UP_REVIEWED = gettext_lazy(
    "The meeting reviewed the following action points of earlier meetings:"
)
FOLLOW_UP_STILL_OPEN = gettext_lazy("Still open, not reviewed at this meeting")
FOLLOW_UP_OPEN = gettext_lazy("Open action points of earlier meetings")
DECISIONS_HEADING = gettext_lazy("Decisions:")
ACTIONS_HEADING = gettext_lazy("Action Points:")
DOCUMENTS_HEADING = gettext_lazy("Documents:")
NO_PARTICIPANTS = gettext_lazy("None recorded.")
PENDING_NOTE = gettext_lazy("(pending until the summary of this meeting is circulated)")


@contextmanager
def in_summary_language(meeting: Meeting) -> Iterator[None]:
    """The summary's fixed text, dates and due dates in the language it is written in
    (`Meeting.language`), whatever the reader's interface language: every renderer of the
    document (page, print view, Word, Markdown) builds and writes it inside this."""
    with translation.override(meeting.language or "en"):
        yield


@dataclass(frozen=True)
class Span:
    """A run of text; a link when `href` is set, bold (a badge on the page) when `strong`."""

    text: str
    href: str = ""
    strong: bool = False
    badge: str = ""  # the page's badge modifier ("done", "endorsed"...); text is the same


@dataclass
class Entry:
    """One line of a list: its runs of text, and the anchor the page gives it."""

    spans: list[Span]
    anchor: str = ""

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class ItemSection:
    anchor: str
    heading: str
    discussion: str
    decisions: list[Entry] = field(default_factory=list)
    documents: list[Entry] = field(default_factory=list)
    actions: list[Entry] = field(default_factory=list)
    item_pk: int | None = None
    is_aob: bool = False


@dataclass
class FollowUpSection:
    reviewed: list[Entry]
    open_heading: str
    still_open: list[Entry]


@dataclass
class SummaryDocument:
    title: str
    day: str
    times: str
    location: str
    kind: str  # "Summary", or "Agenda" for a planned meeting
    note: str  # the review state when it is not approved: "Draft: not circulated"...
    participants: list[str]
    also_present: list[str]
    apologies: list[str]
    agenda: list[Entry]
    opening_remarks: str
    follow_up: FollowUpSection | None
    items: list[ItemSection]
    documents: list[Entry]
    approval: str

    @property
    def headings(self) -> dict[str, str]:
        return HEADINGS

    @property
    def location_line(self) -> str:
        return _("Location: %(location)s") % {"location": self.location} if self.location else ""


# Lines -------------------------------------------------------------------------------------


def participant_line(attendance) -> str:
    parts = [attendance.person.name, attendance.title, attendance.unit]
    if attendance.organization is not None:
        parts.append(attendance.organization.label)
    if attendance.status == "present":
        parts.append(attendance.role)
    line = ", ".join(p.strip() for p in parts if p and p.strip())
    if attendance.status == "represented" and attendance.represented_by is not None:
        return _("%(participant)s, represented by %(name)s") % {
            "participant": line,
            "name": attendance.represented_by.name,
        }
    if attendance.status != "present":
        return _("%(participant)s (apologies)") % {"participant": line}
    return line


def owner_names(action: ActionPoint) -> str:
    """The owners as the summary names them: "DESA, UNDP, at the working level", or ""."""
    names = [o.label for o in action.owner_organizations.all()]
    names += [p.name for p in action.owner_people.all()]
    if action.owner_note.strip():
        names.append(action.owner_note.strip())
    return ", ".join(n.strip() for n in names if n and n.strip())


def due_phrase(action: ActionPoint) -> str:
    """ "due by 30 June 2024", "due Q3 2024", "due second half of 2024"; "" with no date."""
    if action.due_date is None or action.due_precision == ActionPoint.Precision.NONE:
        return ""
    return _("due %(period)s") % {"period": action.due_display}


def _trailer_parts(action: ActionPoint, prefix: tuple[str, ...] = ()) -> list[str]:
    parts = [", ".join(p for p in prefix if p)] if any(prefix) else []
    if owners := owner_names(action):
        parts.append(_("Owner: %(owners)s") % {"owners": owners})
    if due := due_phrase(action):
        parts.append(due)
    return parts


def action_trailer(action: ActionPoint, *, prefix: tuple[str, ...] = ()) -> str:
    """ "(Owner: DESA, UNDP; due by 30 June 2024)": only the parts there are, or ""."""
    parts = _trailer_parts(action, prefix)
    return f" ({'; '.join(parts)})" if parts else ""


def reference_span(reference: str, href: str) -> list[Span]:
    return [Span(" "), Span(f"[{reference}]", href=href)] if reference else []


def decision_entry(decision: Decision) -> Entry:
    return Entry(
        [
            Span(f"{decision.get_kind_display()}:", strong=True, badge="decision"),
            Span(f" {decision.text.strip()}"),
            *reference_span(decision.reference, decision.get_absolute_url()),
        ],
        anchor=f"decision-{decision.pk}",
    )


def action_entry(action: ActionPoint, decision_numbers: dict[int, int] | None = None) -> Entry:
    """The action's line; with the decision it follows from, when that is one of its item's
    decisions (numbered as the item lists them): "(Owner: UNHCR; follows from decision 2)"."""
    number = (decision_numbers or {}).get(action.decision_id) if action.decision_id else None
    if number is None:
        spans = [Span(action.text.strip() + action_trailer(action))]
    else:
        parts = [*_trailer_parts(action), _("follows from")]
        spans = [
            Span(f"{action.text.strip()} ({'; '.join(parts)} "),
            Span(
                _("decision %(number)s") % {"number": number},
                href=f"#decision-{action.decision_id}",
            ),
            Span(")"),
        ]
    return Entry(
        [*spans, *reference_span(action.reference, action.get_absolute_url())],
        anchor=f"action-{action.pk}",
    )


def document_entry(document: Document) -> Entry:
    return Entry([Span(document.title, href=document.get_absolute_url())])


def aob_heading(item) -> str:
    title = item.title.strip().rstrip(":").strip()
    return _("AOB") if title.upper() in ("", "AOB") else _("AOB: %(title)s") % {"title": title}


def _agreed(action: ActionPoint) -> str:
    meeting = action.agenda_item.meeting
    day = zones.local_date(meeting.start, meeting.body)
    return _("agreed %(day)s") % {"day": timefmt.format_date(day)}


def _review_entry(review: ActionUpdate) -> Entry:
    action = review.action
    spans = [
        Span(f"{review.outcome_label}:", strong=True, badge=review.outcome_class),
        Span(" "),
        Span(action.text.strip(), href=action.get_absolute_url()),
        Span(action_trailer(action, prefix=(action.reference, _agreed(action)))),
    ]
    if review.text.strip():
        spans.append(Span(f" {review.text.strip()}"))
    if review.is_pending:
        spans.append(Span(f" {PENDING_NOTE}"))
    return Entry(spans, anchor=f"follow-up-{action.pk}")


def _open_entry(action: ActionPoint, body) -> Entry:
    spans = [
        Span(f"{action.get_status_display()}:", strong=True, badge=action.status),
        Span(" "),
        Span(action.text.strip(), href=action.get_absolute_url()),
        Span(action_trailer(action, prefix=(action.reference, _agreed(action)))),
    ]
    if latest := action.latest_update:
        day = zones.local_date(latest.created_at, body)
        latest_line = _("Latest: %(text)s (%(day)s)") % {
            "text": latest.text.strip(),
            "day": timefmt.format_date(day, short=True),
        }
        spans.append(Span(f" {latest_line}"))
    return Entry(spans, anchor=f"follow-up-{action.pk}")


def follow_up_section(meeting: Meeting, reviews, still_open) -> FollowUpSection | None:
    if not reviews and not still_open:
        return None
    return FollowUpSection(
        reviewed=[_review_entry(r) for r in reviews],
        open_heading=FOLLOW_UP_STILL_OPEN if reviews else FOLLOW_UP_OPEN,
        still_open=[_open_entry(a, meeting.body) for a in still_open],
    )


# The document ------------------------------------------------------------------------------


def _note(meeting: Meeting) -> str:
    status = meeting.effective_status
    if status == Meeting.Status.DRAFT:
        return _("Draft: not circulated")
    if status == Meeting.Status.CIRCULATED:
        return _("Draft circulated for review: not approved")
    return ""


def _approval(meeting: Meeting) -> str:
    if meeting.effective_status != Meeting.Status.APPROVED:
        return ""
    at = meeting.effective_approved_at
    when = timefmt.format_moment(at, *zones.entry_zone(meeting.body)) if at else ""
    if not when:
        return ""
    return _("%(method)s on %(when)s.") % {
        "method": meeting.get_effective_approval_method_display(),
        "when": when,
    }


def _item_section(item, *, content: bool) -> ItemSection:
    is_aob = item.kind == "aob"
    section = ItemSection(
        anchor=f"item-{item.pk}",
        heading=aob_heading(item) if is_aob else item.title.strip(),
        discussion="",
        item_pk=item.pk,
        is_aob=is_aob,
    )
    if content:
        section.discussion = item.discussion.strip()
        section.decisions = [decision_entry(d) for d in item.decisions.all()]
        section.documents = [document_entry(d) for d in item.documents.all()]
        numbers = {d.pk: n for n, d in enumerate(item.decisions.all(), start=1)}
        section.actions = [action_entry(a, numbers) for a in item.action_points.all()]
    return section


def summary_document(
    meeting: Meeting,
    *,
    content: bool = True,
    follow_up_reviews=(),
    follow_up_open=(),
) -> SummaryDocument:
    """The summary as every channel shows it; `content=False` keeps the header and the agenda
    (what a principal may read of a planned meeting, see `minutes.access`)."""
    labelled = zones.body_zones(meeting.body)
    attendances = list(meeting.attendances.all()) if content else []
    items = list(meeting.agenda_items.all())
    present = [a for a in attendances if a.status == "present"]
    planned = meeting.effective_status == Meeting.Status.PLANNED
    # A planned meeting's prepared items are the secretariat's; principals read its agenda.
    with_record = content
    return SummaryDocument(
        title=meeting.title,
        day=timefmt.format_day(meeting.start, labelled[0][0]),
        times=timefmt.format_span(meeting.start, meeting.end, labelled)
        if meeting.has_times
        else "",
        location=meeting.location.strip(),
        kind=_("Agenda") if planned else _("Summary"),
        note=_note(meeting),
        participants=[participant_line(a) for a in present if not a.also_present],
        also_present=[participant_line(a) for a in present if a.also_present],
        apologies=[participant_line(a) for a in attendances if a.status != "present"],
        agenda=[
            Entry([Span(i.title.strip(), href=f"#item-{i.pk}")]) for i in items if i.kind != "aob"
        ],
        opening_remarks=meeting.opening_remarks.strip() if content else "",
        follow_up=(
            follow_up_section(meeting, list(follow_up_reviews), list(follow_up_open))
            if with_record
            else None
        ),
        items=[_item_section(i, content=with_record) for i in items] if with_record else [],
        documents=([document_entry(d) for d in meeting.meeting_documents] if content else []),
        approval=_approval(meeting),
    )


HEADINGS = {
    "participants": PARTICIPANTS_HEADING,
    "also_present": ALSO_PRESENT_HEADING,
    "apologies": APOLOGIES_HEADING,
    "none": NO_PARTICIPANTS,
    "agenda": AGENDA_HEADING,
    "follow_up": FOLLOW_UP_HEADING,
    "follow_up_reviewed": FOLLOW_UP_REVIEWED,
    "decisions": DECISIONS_HEADING,
    "actions": ACTIONS_HEADING,
    "documents": DOCUMENTS_HEADING,
}

# How long a rendered approved summary is kept. Writes through the services change the key
# (see `cache_key`); the limit bounds what they cannot see, such as a person renamed in the admin.
CACHE_SECONDS = 24 * 3600


def cache_key(meeting: Meeting, visibility: str) -> str:
    """The key of a rendering of `meeting` for one visibility class (`access.visibility_class`).

    It holds the meeting's version (every review step bumps it: reopening drops the cached
    text) and its `updated_at`, which every write of the services that may touch an approved
    summary (an action's text, owners or due date, a review recorded at it) moves forward.
    """
    stamp = meeting.updated_at.timestamp() if meeting.updated_at else 0
    # The reader's language too: the page marks a summary written in another language.
    reader = translation.get_language()
    return (
        f"summary-document:{meeting.pk}:{meeting.version}:{stamp}:{meeting.language}:{reader}:"
        f"{visibility}"
    )


def follow_up_parts(context: dict | None) -> dict:
    """The follow-up lists of `follow_up_context` as `summary_document` takes them."""
    context = context or {}
    return {
        "follow_up_reviews": context.get("follow_up_reviews", ()),
        "follow_up_open": context.get("follow_up_open", ()),
    }
