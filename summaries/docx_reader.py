"""A Word document as the Markdown-like text the parser reads: headings, lists, tables, links."""

from __future__ import annotations

import re

from docx.document import Document
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph

_HEADING_STYLE = re.compile(r"^Heading (\d)$")


def docx_to_text(document: Document) -> str:
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table(block))
        else:
            lines.append(_paragraph(block))
        lines.append("")
    return "\n".join(lines)


def _inline(paragraph: Paragraph) -> str:
    parts = []
    for piece in paragraph.iter_inner_content():
        if isinstance(piece, Hyperlink):
            text = piece.text
            parts.append(f"[{text}]({piece.address})" if piece.address and text else text)
        else:
            parts.append(piece.text)
    return "".join(parts).replace("\n", " ").strip()


def _paragraph(paragraph: Paragraph) -> str:
    text = _inline(paragraph)
    if not text:
        return ""
    style = paragraph.style.name if paragraph.style is not None else ""
    if style == "Title":
        return f"# {text}"
    if m := _HEADING_STYLE.match(style):
        # Title is level 1, so Word's Heading 1 is a section under it.
        return "#" * min(int(m[1]) + 1, 6) + f" {text}"
    depth = _list_depth(paragraph)
    if style.startswith("List Number"):
        return "   " * depth + f"1. {text}"
    if style.startswith("List") or depth >= 0 and _has_numbering(paragraph):
        return "  " * max(depth, 0) + f"- {text}"
    return text


def _has_numbering(paragraph: Paragraph) -> bool:
    p_pr = paragraph._p.pPr
    return p_pr is not None and p_pr.numPr is not None


def _list_depth(paragraph: Paragraph) -> int:
    style = paragraph.style.name if paragraph.style is not None else ""
    if m := re.search(r"(\d)$", style):
        return int(m[1]) - 1
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.numPr is not None and p_pr.numPr.ilvl is not None:
        return int(p_pr.numPr.ilvl.val)
    return 0


def _table(table: Table) -> list[str]:
    rows = []
    for index, row in enumerate(table.rows):
        cells = [" ".join(c.text.split()).replace("|", "/") for c in row.cells]
        rows.append("| " + " | ".join(cells) + " |")
        if index == 0:
            rows.append("|" + "---|" * len(cells))
    return rows
