from __future__ import annotations

import csv
import datetime
import io

import pytest

from lib.csvsafe import safe_cell, safe_row


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example","click")',
        "+1+1",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "=cmd|' /C calc'!A0",
    ],
)
def test_text_that_could_start_a_formula_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["The framework was endorsed.", "", "A=B is fine inside", "'quoted", " =spaced"]
)
def test_ordinary_text_is_left_alone(value):
    assert safe_cell(value) == value


def test_numbers_dates_and_none_pass_through():
    day = datetime.date(2023, 3, 20)
    assert safe_row([-3, 2.5, day, None]) == [-3, 2.5, day, None]


def test_a_written_csv_row_reads_back_inert():
    out = io.StringIO()
    csv.writer(out).writerow(safe_row(["EXCOM/2023/03/D1", "=1+1", "@me", "-"]))
    row = next(csv.reader(io.StringIO(out.getvalue())))
    assert row == ["EXCOM/2023/03/D1", "'=1+1", "'@me", "'-"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)
