"""A meeting's summary as Markdown, laid out like the house format (and read back by the parser)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from summaries.layout import AGENDA_HEADING, in_summary_language, summary_layout


def meeting_markdown(meeting, *, agenda_only: bool = False) -> str:
    """In the summary's language (Meeting.language), whoever exports it."""
    with in_summary_language(meeting):
        return _markdown(meeting, agenda_only=agenda_only)


def _markdown(meeting, *, agenda_only: bool) -> str:
    layout = summary_layout(meeting, agenda_only=agenda_only)
    out = [f"# {layout.title}", "", layout.day, ""]
    if layout.times:
        out += [layout.times, ""]
    if layout.location:
        out += [_("Location: %(location)s") % {"location": layout.location}, ""]
    out += [f"**{_('Summary')}**", "", f"## {_('Participants:')}", ""]
    out += [f"- {line}" for line in layout.participants] or [f"- {_('None recorded')}"]
    out.append("")
    if layout.apologies:
        out += [f"## {_('Apologies and representations:')}", ""]
        out += [f"- {line}" for line in layout.apologies]
        out.append("")
    if layout.agenda:
        out += [f"## {AGENDA_HEADING}", ""]
        out += [f"{n}. {title}" for n, title in enumerate(layout.agenda, start=1)]
        out.append("")
    if layout.opening_remarks:
        out += [layout.opening_remarks, ""]
    for item in layout.items:
        out += [f"## {item.heading}", ""]
        if item.discussion:
            out += [item.discussion, ""]
        if item.decisions:
            out += [f"### {_('Decisions:')}", ""]
            out += [f"- {line}" for line in item.decisions]
            out.append("")
        if item.actions:
            out += [f"### {_('Action Points:')}", ""]
            out += [f"- {line}" for line in item.actions]
            out.append("")
    return "\n".join(out).rstrip() + "\n"
