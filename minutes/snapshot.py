"""The text of a summary as circulated, kept with the circulation so principals can see what
changed between the version they were sent and the one circulated again."""

from __future__ import annotations

import difflib

from minutes.models import Meeting, SummaryEvent


def summary_text(meeting: Meeting) -> str:
    """Plain text of what principals review: title, remarks, each item and its outcomes."""
    lines = [meeting.title, ""]
    if meeting.opening_remarks:
        lines += [meeting.opening_remarks, ""]
    items = meeting.agenda_items.order_by("position").prefetch_related("decisions", "action_points")
    for number, item in enumerate(items, start=1):
        lines.append(f"{number}. {item.title}")
        if item.discussion:
            lines.append(item.discussion)
        lines += [f"{d.get_kind_display()}: {d.text}" for d in item.decisions.all()]
        lines += [f"Action: {a.text} ({a.due_display})" for a in item.action_points.all()]
        lines.append("")
    return "\n".join(lines)


def changes_since_sent(events: list[SummaryEvent]) -> tuple[SummaryEvent, list[str]] | None:
    """The previous circulation and a line diff from its text to the latest one's, or None
    when the summary was circulated once (reads the events already loaded: no query)."""
    sent = [e for e in events if e.kind == SummaryEvent.Kind.CIRCULATED]
    if len(sent) < 2:
        return None
    before, after = sent[-2], sent[-1]
    diff = difflib.unified_diff(
        before.snapshot.splitlines(), after.snapshot.splitlines(), lineterm="", n=1
    )
    return before, [line for line in diff if not line.startswith(("---", "+++"))]
