"""The one tabular writer: formulas neutralised in every cell, CSV and XLSX alike."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from survey.web.exports import (
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    Table,
    csv_bytes,
    download,
    xlsx_bytes,
)

FORMULAS = ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1+2", "\r=1+2", '=HYPERLINK("x")']
PLAIN = ["plain", "a=b", "1-2", "", "caffè"]


def table(title: str = "data") -> Table:
    rows = [[formula, 7, 2.5, None] for formula in FORMULAS] + [
        [text, -3, 0.0, None] for text in PLAIN
    ]
    return Table(("text", "count", "mean", "empty"), rows, title=title)


def test_csv_quotes_every_formula_and_leaves_the_rest() -> None:
    rows = list(csv.reader(io.StringIO(csv_bytes(table()).decode("utf-8"), newline="")))
    assert rows[0] == ["text", "count", "mean", "empty"]
    assert [row[0] for row in rows[1:]] == ["'" + f for f in FORMULAS] + PLAIN
    assert rows[1][1:] == ["7", "2.5", ""]
    assert rows[-1][1] == "-3"  # numbers are numbers, not formulas


def test_csv_bytes_are_plain_utf8_csv() -> None:
    written = csv_bytes(Table(("a", "b"), [["caffè", 1], ["two\nlines", 2]]))
    assert written == 'a,b\r\ncaffè,1\r\n"two\nlines",2\r\n'.encode()


def test_column_names_are_neutralised_too() -> None:
    written = csv_bytes(Table(("=name", "ok"), []))
    assert written == b"'=name,ok\r\n"


def test_xlsx_opens_in_openpyxl_with_no_formula_cell() -> None:
    workbook = load_workbook(io.BytesIO(xlsx_bytes(table("answers"), table("codebook"))))
    assert workbook.sheetnames == ["answers", "codebook"]
    sheet = workbook["answers"]
    assert [cell.value for cell in sheet[1]] == ["text", "count", "mean", "empty"]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    first = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # XML reads a carriage return back as a line feed.
    assert first[: len(FORMULAS)] == ["'" + f.replace("\r", "\n") for f in FORMULAS]
    assert first[len(FORMULAS) :] == [text or None for text in PLAIN]
    assert next(sheet.iter_rows(min_row=2, values_only=True))[1:] == (7, 2.5, None)


def test_download_writes_by_the_name_and_offers_the_file() -> None:
    as_csv = download("answers.csv", table())
    assert as_csv.media_type == CSV_MEDIA_TYPE
    assert as_csv.headers["Content-Disposition"] == 'attachment; filename="answers.csv"'
    assert as_csv.content == csv_bytes(table())
    as_xlsx = download("answers.xlsx", table("answers"), table("codebook"))
    assert as_xlsx.media_type == XLSX_MEDIA_TYPE
    assert load_workbook(io.BytesIO(as_xlsx.content)).sheetnames == ["answers", "codebook"]
    with pytest.raises(ValueError, match="2 table"):
        download("answers.csv", table(), table())


def test_csv_quotes_every_cell_a_spreadsheet_could_split() -> None:
    # Italian Excel splits on `;`: bare, the second half would be a formula cell of its own.
    cells = ['ciao;=HYPERLINK("http://x")', "a,=1+2", "tab\t@SUM(A1)", "plain text"]
    written = csv_bytes(Table(("text",), [[cell] for cell in cells])).decode()
    assert written.splitlines()[1:] == [
        '"ciao;=HYPERLINK(""http://x"")"',
        '"a,=1+2"',
        '"tab\t@SUM(A1)"',
        "plain text",
    ]
    for separator in (",", ";", "\t"):
        for line in written.splitlines()[1:4]:
            # Read with any separator, the cell stays whole: no part starts a formula.
            (cell,) = next(csv.reader([line], delimiter=separator))
            assert not cell.startswith(("=", "+", "-", "@"))
