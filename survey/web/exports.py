"""The one writer of the tables Ascolto lets people download, as CSV or as an XLSX workbook.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
strip first) as a formula: text written by citizens or typed into the main platform could call
out to other programs or leak other cells (OWASP, "CSV Injection"). Every cell of every file
passes `safe_cell` here, once, so that no export is written with a rule of its own.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from litestar import Response
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Litestar adds `; charset=utf-8` to every text/ type itself: named here, it would come twice.
CSV_MEDIA_TYPE = "text/csv"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Table:
    """Named columns and their rows; `title` names the sheet in a workbook."""

    columns: Sequence[str]
    rows: Iterable[Sequence[Any]]
    title: str = "data"


def safe_cell(cell: object) -> object:
    """A text cell that a spreadsheet would read as a formula, with a quote put first."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _safe_rows(table: Table) -> Iterable[list[object]]:
    yield [safe_cell(name) for name in table.columns]
    for row in table.rows:
        yield [safe_cell(cell) for cell in row]


# A cell is quoted when it holds a character a spreadsheet may end a cell on: the comma written
# here, and also `;` and tab, which spreadsheets of other locales take as the separator (Italian
# Excel splits on `;`). Left bare, `ciao;=HYPERLINK(…)` would become two cells, the second a
# formula that `safe_cell` never saw at the start of a cell.
_NEEDS_QUOTES = re.compile(r'[,;\t"\r\n]')


def _csv_cell(cell: object) -> str:
    text = "" if cell is None else str(cell)
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_bytes(table: Table) -> bytes:
    """The table as UTF-8 CSV, its columns on the first line."""
    lines = (",".join(_csv_cell(cell) for cell in row) + "\r\n" for row in _safe_rows(table))
    return "".join(lines).encode()


def xlsx_bytes(*tables: Table) -> bytes:
    """A workbook with one sheet per table, in order, each with its columns on the first row."""
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(table.title)
        for row in _safe_rows(table):
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(filename: str, *tables: Table) -> Response[bytes]:
    """A file to save, written as its name's suffix says: `.csv` (one table) or `.xlsx`."""
    suffix = PurePath(filename).suffix
    if suffix == ".csv" and len(tables) == 1:
        body, media_type = csv_bytes(tables[0]), CSV_MEDIA_TYPE
    elif suffix == ".xlsx":
        body, media_type = xlsx_bytes(*tables), XLSX_MEDIA_TYPE
    else:
        raise ValueError(f"cannot write {len(tables)} table(s) as {filename}")
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
