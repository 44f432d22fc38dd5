"""Cells of the CSV and spreadsheet files Ascolto writes, made safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
strip first) as a formula: text written by citizens or typed into the main platform could call
out to other programs or leak other cells (OWASP, "CSV Injection"). One function for every
export, so that no file is written with a rule of its own.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell: object) -> object:
    """A text cell that a spreadsheet would read as a formula, with a quote put first."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell
