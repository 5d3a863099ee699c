"""An OpenDocument text as the Markdown-like text the parser reads: headings, lists, tables."""

from __future__ import annotations

from odf import teletype
from odf.namespaces import TABLENS, TEXTNS


def odt_to_text(document) -> str:
    lines: list[str] = []
    for element in document.text.childNodes:
        lines.extend(_block(element, depth=0))
        lines.append("")
    return "\n".join(lines)


def _block(element, depth: int) -> list[str]:
    kind = element.qname
    if kind == (TEXTNS, "h"):
        level = int(element.getAttrNS(TEXTNS, "outline-level") or 1)
        return ["#" * min(level + 1, 6) + " " + _text(element)]
    if kind == (TEXTNS, "p"):
        return [_text(element)]
    if kind == (TEXTNS, "list"):
        lines = []
        for item in element.childNodes:
            for child in item.childNodes:
                if child.qname == (TEXTNS, "list"):
                    lines.extend(_block(child, depth + 1))
                else:
                    lines.append("  " * depth + "- " + _text(child))
        return lines
    if kind == (TABLENS, "table"):
        return _table(element)
    if kind == (TEXTNS, "section"):
        return [line for child in element.childNodes for line in _block(child, depth)]
    return []


def _text(element) -> str:
    return " ".join(teletype.extractText(element).split())


def _table(table) -> list[str]:
    rows = []
    for row in table.getElementsByType(_row_type()):
        cells = [_text(cell).replace("|", "/") for cell in row.childNodes]
        rows.append("| " + " | ".join(cells) + " |")
        if len(rows) == 1:
            rows.append("|" + "---|" * len(cells))
    return rows


def _row_type():
    from odf.table import TableRow

    return TableRow
