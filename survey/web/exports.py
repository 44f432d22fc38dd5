"""The one writer of the tables Ascolto lets people download, as CSV or as an XLSX workbook.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
strip first) as a formula: text written by citizens or typed into the main platform could call
out to other programs or leak other cells (OWASP, "CSV Injection"). Every cell of every file
passes `safe_cell` here, once, so that no export is written with a rule of its own. The same
function removes the control characters that XML 1.0 cannot hold (a vertical tab pasted into a
comment made the whole workbook fail) and that a CSV reader would choke on, in both formats.

A CSV for people starts with a UTF-8 byte-order mark: without it Excel reads the file as the
system's code page (Windows-1252 in Italy) and garbles accented letters. Italian Excel also
expects `;` between fields and a decimal comma, since the comma is its decimal separator: the
`excel-it` dialect writes that, so a double click opens the file in columns.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from litestar import Response
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Litestar adds `; charset=utf-8` to every text/ type itself: named here, it would come twice.
CSV_MEDIA_TYPE = "text/csv"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# C0 controls but tab, line feed and carriage return, and DEL: not allowed in XML 1.0 (the
# same set as openpyxl's ILLEGAL_CHARACTERS_RE, plus DEL), and never meant in a comment.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Column widths in characters: wide enough for a date or a label, never a screen of comment.
NARROWEST, WIDEST = 8, 60
# Rows read to size the columns: enough to see the usual widths, cheap on a big export.
ROWS_MEASURED = 500


@dataclass(frozen=True)
class CsvDialect:
    """How a CSV file separates fields and writes decimals, and whether it starts with a BOM."""

    delimiter: str = ","
    decimal: str = "."
    byte_order_mark: bool = False


PLAIN_CSV = CsvDialect()
# The two a user can choose when downloading: `?dialect=excel-it` for Italian Excel.
DIALECTS = {
    "standard": CsvDialect(byte_order_mark=True),
    "excel-it": CsvDialect(delimiter=";", decimal=",", byte_order_mark=True),
}


@dataclass(frozen=True)
class Table:
    """Named columns and their rows; `title` names the sheet in a workbook."""

    columns: Sequence[str]
    rows: Iterable[Sequence[Any]]
    title: str = "data"


def safe_cell(cell: object) -> object:
    """A text cell without control characters, and with a quote first if it looks a formula."""
    if isinstance(cell, str):
        cell = CONTROL_CHARACTERS.sub("", cell)
        if cell.startswith(FORMULA_STARTS):
            return "'" + cell
    return cell


def _safe_rows(table: Table) -> Iterable[list[object]]:
    yield [safe_cell(name) for name in table.columns]
    for row in table.rows:
        yield [safe_cell(cell) for cell in row]


# A cell is quoted when it holds a character a spreadsheet may end a cell on: the dialect's
# separator, and also `,`, `;` and tab, which spreadsheets of other locales take as the separator
# (Italian Excel splits on `;`). Left bare, `ciao;=HYPERLINK(…)` would become two cells, the
# second a formula that `safe_cell` never saw at the start of a cell.
_NEEDS_QUOTES = re.compile(r'[,;\t"\r\n]')


def _csv_cell(cell: object, dialect: CsvDialect) -> str:
    if isinstance(cell, float) and dialect.decimal != ".":
        # A number in the dialect's own decimal comma: never split by its own separator (`;`).
        return repr(cell).replace(".", dialect.decimal)
    if isinstance(cell, datetime | date):
        text = cell.isoformat()
    else:
        text = "" if cell is None else str(cell)
    if _NEEDS_QUOTES.search(text) or dialect.delimiter in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_bytes(table: Table, dialect: CsvDialect = PLAIN_CSV) -> bytes:
    """The table as UTF-8 CSV in `dialect`, its columns on the first line."""
    lines = (
        dialect.delimiter.join(_csv_cell(cell, dialect) for cell in row) + "\r\n"
        for row in _safe_rows(table)
    )
    return (("\ufeff" if dialect.byte_order_mark else "") + "".join(lines)).encode()


def _width(cell: object) -> int:
    if isinstance(cell, datetime | date):
        return 10
    longest_line = max(str(cell).splitlines() or [""], key=len)
    return len(longest_line)


def xlsx_bytes(*tables: Table) -> bytes:
    """A workbook with one sheet per table, in order, each with its columns on the first row.

    The first row stays in view when scrolling and has filter buttons; columns are as wide as
    their usual content; a date stays a date (a cell a spreadsheet can sort and count by)."""
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(table.title)
        rows = list(_safe_rows(table))
        widths = [NARROWEST] * len(rows[0])
        for row in rows[: ROWS_MEASURED + 1]:
            for index, cell in enumerate(row):
                if cell is not None:
                    widths[index] = max(widths[index], min(WIDEST, _width(cell) + 2))
        # A write-only sheet takes its layout before its first row.
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        if widths:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{len(rows)}"
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(filename: str, *tables: Table, dialect: CsvDialect = PLAIN_CSV) -> Response[bytes]:
    """A file to save, written as its name's suffix says: `.csv` (one table) or `.xlsx`."""
    suffix = PurePath(filename).suffix
    if suffix == ".csv" and len(tables) == 1:
        body, media_type = csv_bytes(tables[0], dialect), CSV_MEDIA_TYPE
    elif suffix == ".xlsx":
        body, media_type = xlsx_bytes(*tables), XLSX_MEDIA_TYPE
    else:
        raise ValueError(f"cannot write {len(tables)} table(s) as {filename}")
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
