"""Reading uploads: Word files with headings, lists and tables; refusals with clear reasons."""

from __future__ import annotations

import io

import pytest
from docx import Document

from summaries import parser
from summaries.readers import DocumentError, read_document


def word_file() -> bytes:
    document = Document()
    document.add_paragraph("Steering Group Meeting (Virtual)", style="Title")
    document.add_paragraph("Tuesday, 4 June 2024")
    document.add_paragraph("14.00 – 15.30 (GVA time)")
    document.add_heading("Participants:", level=1)
    document.add_paragraph("Ann Lee, Director, Policy Unit, WHO, Chair", style="List Bullet")
    document.add_paragraph("Bo Ruiz, Adviser, ILO", style="List Bullet")
    document.add_heading("Budget", level=1)
    document.add_paragraph("The draft budget was endorsed.")
    document.add_paragraph("Staff costs are stable", style="List Bullet")
    document.add_paragraph("Travel costs rise", style="List Bullet")
    document.add_heading("Action items", level=1)
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(
        table.rows,
        [
            ("Action", "Owner", "Due"),
            ("Send the figures", "WHO", "30 June 2024"),
            ("Book a room", "Bo Ruiz", "Q3 2024"),
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_file_with_headings_lists_and_a_table_is_read():
    text = read_document("minutes.docx", word_file(), max_bytes=1_000_000)
    summary = parser.parse(text, known_organizations=["WHO", "ILO"])
    assert summary.title == "Steering Group Meeting (Virtual)"
    assert summary.modality == "virtual"
    assert summary.times == [parser.TimeSpan("14:00", "15:30", "GVA time")]
    assert [(p.name, p.title, p.organization, p.role) for p in summary.participants] == [
        ("Ann Lee", "Director", "WHO", "Chair"),
        ("Bo Ruiz", "Adviser", "ILO", ""),
    ]
    budget = summary.items[0]
    assert budget.title == "Budget"
    assert budget.discussion == (
        "The draft budget was endorsed.\n\n- Staff costs are stable\n- Travel costs rise"
    )
    assert budget.decisions == [parser.Decision("endorsed", "The draft budget was endorsed.")]
    assert [(a.text, a.owner, a.due) for a in summary.actions] == [
        ("Send the figures", "WHO", "30 June 2024"),
        ("Book a room", "Bo Ruiz", "Q3 2024"),
    ]


def test_text_files_in_windows_encoding_are_read():
    text = read_document("old.txt", "Réunion du comité\n".encode("cp1252"), max_bytes=100)
    assert text.startswith("Réunion")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.txt", b"", "is empty"),
        ("a.docx", b"not a zip at all", "not a Word document"),
        ("a.docx", b"PK\x03\x04garbage", "damaged"),
        ("a.rtf", b"{\\rtf1}", "not a file type"),
        ("a.txt", b"x" * 101, "the limit is"),
    ],
)
def test_unreadable_input_is_refused_with_a_reason(name, data, reason):
    with pytest.raises(DocumentError, match=reason):
        read_document(name, data, max_bytes=100)


def test_a_zip_bomb_renamed_docx_is_refused():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<a>" + " " * 5_000_000 + "</a>")
    with pytest.raises(DocumentError, match="compressed .* to 1; the importer accepts at most"):
        read_document("bomb.docx", out.getvalue(), max_bytes=100_000)


def test_a_docx_that_unpacks_past_the_limit_is_refused_before_it_is_read():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", "<a/>")
        for n in range(3):
            archive.writestr(f"word/media/{n}.bin", b"x" * 20_000_000)
    with pytest.raises(DocumentError, match="unpacks to 57 MB; .* at most 50 MB"):
        read_document("big.docx", out.getvalue(), max_bytes=100_000_000)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_read(encoding):
    data = "Réunion du comité\n".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert read_document("minutes.txt", data, max_bytes=1000).startswith("Réunion")


def test_a_text_beyond_the_budget_is_refused_with_the_limit(monkeypatch):
    from summaries import readers

    monkeypatch.setattr(readers, "MAX_TEXT_CHARS", 1000)
    with pytest.raises(DocumentError, match="up to 1,000 characters"):
        read_document("long.md", b"Ann Lee, WHO\n" * 200, max_bytes=100_000)


def pdf_with_text(*lines: str) -> bytes:
    """A one-page PDF whose text layer holds the lines (Helvetica, one line each)."""
    stream = (
        "BT /F1 11 Tf 50 780 Td 14 TL "
        + " ".join("(" + line.replace("(", "\\(").replace(")", "\\)") + ") '" for line in lines)
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    out = "%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")


def test_a_text_pdf_is_read_like_a_word_file():
    data = pdf_with_text(
        "Board Meeting (virtual)", "4 June 2024", "Participants:", "Ann Lee, WHO", "Bo Ruiz, ILO"
    )
    text = read_document("minutes.pdf", data, max_bytes=100_000)
    summary = parser.parse(text)
    assert summary.title == "Board Meeting (virtual)"
    assert summary.date.isoformat() == "2024-06-04"
    assert [p.name for p in summary.participants] == ["Ann Lee", "Bo Ruiz"]


def test_a_scanned_pdf_is_refused_as_having_no_text_layer():
    with pytest.raises(DocumentError, match="no text layer: it is a scanned image"):
        read_document("scan.pdf", pdf_with_text(), max_bytes=100_000)


def test_an_opendocument_text_is_read_like_a_word_file():
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Board Meeting (virtual)"))
    document.text.addElement(P(text="4 June 2024"))
    document.text.addElement(H(outlinelevel=2, text="Participants"))
    people = List()
    for name in ("Ann Lee, WHO", "Bo Ruiz, ILO"):
        item = ListItem()
        item.addElement(P(text=name))
        people.addElement(item)
    document.text.addElement(people)
    document.text.addElement(H(outlinelevel=2, text="Budget"))
    document.text.addElement(P(text="The budget was approved."))
    out = io.BytesIO()
    document.write(out)
    summary = parser.parse(read_document("minutes.odt", out.getvalue(), max_bytes=1_000_000))
    assert summary.date.isoformat() == "2024-06-04"
    assert [p.name for p in summary.participants] == ["Ann Lee", "Bo Ruiz"]
    assert [d.text for d in summary.decisions] == ["The budget was approved."]
