"""A meeting's summary as Markdown, laid out like the house format (and read back by the parser).

It writes `minutes.document.SummaryDocument`, the structure the summary page renders too.
"""

from __future__ import annotations

from minutes import document as doc


def spans_markdown(entry: doc.Entry) -> str:
    """One line: bold runs as **bold**; links are the page's, so the text stands alone here."""
    return "".join(f"**{s.text}**" if s.strong else s.text for s in entry.spans)


def document_markdown(document: doc.SummaryDocument) -> str:
    out = [f"# {document.title}", "", document.day, ""]
    for line in (document.times, document.location_line):
        if line:
            out += [line, ""]
    out += [f"**{document.kind}**", ""]
    if document.note:
        out += [document.note, ""]

    def section(heading: str, lines: list[str], *, level: int = 2) -> None:
        if lines:
            out.extend([f"{'#' * level} {heading}", "", *(f"- {line}" for line in lines), ""])

    if document.participants or document.also_present or document.apologies:
        section(doc.PARTICIPANTS_HEADING, document.participants or [str(doc.NO_PARTICIPANTS)])
        section(doc.ALSO_PRESENT_HEADING, document.also_present, level=3)
        section(doc.APOLOGIES_HEADING, document.apologies, level=3)
    if document.agenda:
        out += [f"## {doc.AGENDA_HEADING}", ""]
        out += [f"{n}. {entry.text}" for n, entry in enumerate(document.agenda, start=1)]
        out.append("")
    if document.opening_remarks:
        out += [document.opening_remarks, ""]
    if follow_up := document.follow_up:
        out += [f"## {doc.FOLLOW_UP_HEADING}", ""]
        if follow_up.reviewed:
            out += [str(doc.FOLLOW_UP_REVIEWED), ""]
            out += [f"- {spans_markdown(e)}" for e in follow_up.reviewed]
            out.append("")
        section(follow_up.open_heading, [spans_markdown(e) for e in follow_up.still_open], level=3)
    for item in document.items:
        out += [f"## {item.heading}", ""]
        if item.discussion:
            out += [item.discussion, ""]
        section(doc.DECISIONS_HEADING, [spans_markdown(e) for e in item.decisions], level=3)
        section(doc.DOCUMENTS_HEADING, [spans_markdown(e) for e in item.documents], level=3)
        section(doc.ACTIONS_HEADING, [spans_markdown(e) for e in item.actions], level=3)
    section(doc.DOCUMENTS_HEADING, [spans_markdown(e) for e in document.documents])
    if document.approval:
        out += [document.approval, ""]
    return "\n".join(out).rstrip() + "\n"


def meeting_markdown(meeting, *, agenda_only: bool = False, follow_up: dict | None = None) -> str:
    """In the summary's language (`Meeting.language`), whoever exports it."""
    with doc.in_summary_language(meeting):
        return document_markdown(
            doc.summary_document(meeting, content=not agenda_only, **doc.follow_up_parts(follow_up))
        )
