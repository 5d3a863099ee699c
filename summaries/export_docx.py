"""A meeting's summary as a Word document: real headings and lists, so it can be edited."""

from __future__ import annotations

import io
import re

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from summaries.layout import AGENDA_HEADING, in_summary_language, summary_layout

_INLINE = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*")
_LIST = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def meeting_docx(meeting, *, agenda_only: bool = False) -> bytes:
    """In the summary's language (Meeting.language), whoever exports it."""
    with in_summary_language(meeting):
        return _docx(meeting, agenda_only=agenda_only)


def _docx(meeting, *, agenda_only: bool) -> bytes:
    layout = summary_layout(meeting, agenda_only=agenda_only)
    document = Document()
    document.core_properties.title = layout.title
    document.core_properties.language = meeting.language or "en"
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    title = document.add_paragraph(layout.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    location = layout.location and _("Location: %(location)s") % {"location": layout.location}
    for line in (layout.day, layout.times, location):
        if line:
            document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    summary = document.add_paragraph()
    summary.alignment = WD_ALIGN_PARAGRAPH.CENTER
    summary.add_run(_("Summary")).bold = True
    document.add_heading(_("Participants:"), level=1)
    for line in layout.participants:
        document.add_paragraph(line, style="List Bullet")
    if layout.apologies:
        document.add_heading(_("Apologies and representations:"), level=1)
        for line in layout.apologies:
            document.add_paragraph(line, style="List Bullet")
    if layout.agenda:
        document.add_heading(str(AGENDA_HEADING), level=1)
        for title_text in layout.agenda:
            document.add_paragraph(title_text, style="List Number")
    _markdown(document, layout.opening_remarks)
    for item in layout.items:
        document.add_heading(item.heading, level=1)
        _markdown(document, item.discussion)
        if item.decisions:
            document.add_heading(_("Decisions:"), level=2)
            for line in item.decisions:
                document.add_paragraph(line, style="List Bullet")
        if item.actions:
            document.add_heading(_("Action Points:"), level=2)
            for line in item.actions:
                document.add_paragraph(line, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


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
