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
    with pytest.raises(DocumentError, match="unpacks to more"):
        read_document("bomb.docx", out.getvalue(), max_bytes=100_000)
