"""A meeting's summary as a Word document: real headings and lists, so it can be edited."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from minutes import document as doc

_INLINE = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*")
_LIST = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def meeting_docx(meeting, *, agenda_only: bool = False, follow_up: dict | None = None) -> bytes:
    """In the summary's language (`Meeting.language`), whoever exports it."""
    with doc.in_summary_language(meeting):
        return document_docx(
            doc.summary_document(meeting, content=not agenda_only, **doc.follow_up_parts(follow_up))
        )


def document_docx(layout: doc.SummaryDocument) -> bytes:
    """`minutes.document.SummaryDocument`, the structure the summary page renders too, as Word."""
    document = Document()
    document.core_properties.title = layout.title
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    title = document.add_paragraph(layout.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in (layout.day, layout.times, layout.location_line):
        if line:
            document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    summary = document.add_paragraph()
    summary.alignment = WD_ALIGN_PARAGRAPH.CENTER
    summary.add_run(layout.kind).bold = True
    if layout.note:
        document.add_paragraph(layout.note).alignment = WD_ALIGN_PARAGRAPH.CENTER

    def section(heading: str, entries: list, *, level: int = 1, style: str = "List Bullet"):
        if entries:
            document.add_heading(str(heading), level=level)
            for entry in entries:
                _spans(document.add_paragraph(style=style), entry)

    if layout.participants or layout.also_present or layout.apologies:
        section(doc.PARTICIPANTS_HEADING, layout.participants or [str(doc.NO_PARTICIPANTS)])
        section(doc.ALSO_PRESENT_HEADING, layout.also_present, level=2)
        section(doc.APOLOGIES_HEADING, layout.apologies, level=2)
    section(doc.AGENDA_HEADING, layout.agenda, style="List Number")
    _markdown(document, layout.opening_remarks)
    if follow_up := layout.follow_up:
        document.add_heading(str(doc.FOLLOW_UP_HEADING), level=1)
        if follow_up.reviewed:
            document.add_paragraph(str(doc.FOLLOW_UP_REVIEWED))
            for entry in follow_up.reviewed:
                _spans(document.add_paragraph(style="List Bullet"), entry)
        section(str(follow_up.open_heading), follow_up.still_open, level=2)
    for item in layout.items:
        document.add_heading(item.heading, level=1)
        _markdown(document, item.discussion)
        section(doc.DECISIONS_HEADING, item.decisions, level=2)
        section(doc.DOCUMENTS_HEADING, item.documents, level=2)
        section(doc.ACTIONS_HEADING, item.actions, level=2)
    section(doc.DOCUMENTS_HEADING, layout.documents)
    if layout.approval:
        document.add_paragraph(layout.approval)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _spans(paragraph, entry) -> None:
    """A line of the summary: plain text, or runs with bold where the page shows a badge."""
    if isinstance(entry, str):
        paragraph.add_run(entry)
        return
    for span in entry.spans:
        paragraph.add_run(span.text).bold = span.strong or None


def _markdown(document, text: str) -> None:
    """The Markdown the app stores (paragraphs, lists, sub-headings, links, bold) as Word."""
    for block in re.split(r"\n\s*\n", text or ""):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if m := _HEADING.match(lines[0]):
            level = min(len(m[1]) - 1, 9) if len(m[1]) > 1 else 1
            document.add_heading(m[2].strip(), level=max(level, 2))
            lines = lines[1:]
        if lines and all(_LIST.match(ln) or ln.startswith("  ") for ln in lines):
            for line in lines:
                if m := _LIST.match(line):
                    depth = min(len(m[1]) // 2, 2)
                    numbered = m[2][0].isdigit()
                    name = ("List Number" if numbered else "List Bullet") + (
                        f" {depth + 1}" if depth else ""
                    )
                    _inline(document.add_paragraph(style=name), m[3])
            continue
        if lines:
            _inline(document.add_paragraph(), " ".join(ln.strip() for ln in lines))


def _inline(paragraph, text: str) -> None:
    position = 0
    for m in _INLINE.finditer(text):
        if m.start() > position:
            paragraph.add_run(text[position : m.start()])
        if m[1] is not None:
            _hyperlink(paragraph, m[1], m[2])
        else:
            paragraph.add_run(m[3]).bold = True
        position = m.end()
    if position < len(text):
        paragraph.add_run(text[position:])


def _hyperlink(paragraph, text: str, url: str) -> None:
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), str(RGBColor(0x05, 0x63, 0xC1)))
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(color)
    props.append(underline)
    run.append(props)
    node = OxmlElement("w:t")
    node.text = text
    node.set(qn("xml:space"), "preserve")
    run.append(node)
    link.append(run)
    paragraph._p.append(link)
