"""The report as one self-contained HTML file: inline CSS and SVG, no script, no external asset.

Jinja2 with autoescape: every string in the report, including what citizens and the main
platform wrote (comments, topics), is escaped; only the SVG drawn by matplotlib is inserted as
markup, and matplotlib escapes the text it writes into the SVG.

The same template prints the report (`for_print`, read by `render_pdf`): the print style
sheet is added and each chart becomes an image with its alternative text, the form a tagged
PDF gives screen readers.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from analysis.charts import Chart
from analysis.report import texts
from analysis.report.structure import Report, Table

TEMPLATES = Path(__file__).resolve().parent / "templates"
_PROLOGUE = re.compile(r"^\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?", re.S)
# Characters of 8.5-point table text across an A4 page's text width, and the room a cell's
# padding takes, in characters: the scale of `column_widths`.
LINE_CHARACTERS = 100
CELL_PADDING = 2
PRINT_DPI = 150
# A printed table of up to this many rows is kept on one page rather than split.
SHORT_TABLE_ROWS = 12


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def inline_svg(chart: Chart) -> Markup:
    """The chart's SVG without its XML prologue, ready to sit inside HTML, named for screen
    readers by the finding its title states."""
    svg = _PROLOGUE.sub("", chart.svg())
    named = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(chart.alt)}" ', 1)
    return Markup(named)


def image_of(chart: Chart) -> Markup:
    """The chart as an <img> with its alternative text, for the PDF: a PNG at PRINT_DPI.

    The same chart as SVG would stay vector, but WeasyPrint parses, styles and sets the text
    of every SVG element itself: for the demo year's nine charts that was 1.2 s more than
    the PNG, a third of the PDF's time (bench/report_bench.py). 150 dpi is the full width of
    the text at print resolution for figures of this kind.
    """
    data = base64.b64encode(chart.png(dpi=PRINT_DPI)).decode("ascii")
    return Markup(f'<img src="data:image/png;base64,{data}" alt="{escape(chart.alt)}">')


def column_widths(table: Table) -> tuple[float, ...]:
    """Each column's share of a printed table's width, in percent.

    The printed tables use a fixed layout (the typesetter measuring every cell's narrowest
    and widest line was most of the PDF's time): the widths are worked out here the way an
    automatic layout would, counted in characters. Every column gets at least its longest
    word; when the table cannot show every cell on one line, what is left is shared in
    proportion to how much longer each column's longest cell is than its longest word.
    """
    rows = (table.header, *table.rows)
    columns = range(len(table.header))
    widest = [max(len(row[i]) for row in rows) + CELL_PADDING for i in columns]
    # Header words are bold, a fifth wider than the body's.
    word = [
        max(
            [len(w) for row in table.rows for w in row[i].split()]
            + [round(1.2 * len(w)) for w in table.header[i].split()],
            default=0,
        )
        + CELL_PADDING
        for i in columns
    ]
    shares: list[float] = [float(width) for width in widest]
    if sum(widest) > LINE_CHARACTERS:
        spare = max(LINE_CHARACTERS - sum(word), 0)
        stretch = sum(widest) - sum(word)
        shares = [
            w + spare * (m - w) / stretch if stretch else float(w)
            for w, m in zip(word, widest, strict=True)
        ]
    total = sum(shares)
    return tuple(round(100 * share / total, 2) for share in shares)


def render_html(
    report: Report,
    *,
    advance: Callable[[str], None] | None = None,
    for_print: str = "",
) -> str:
    """The report as an HTML document; `for_print` is the print style sheet to add, which
    also turns the charts into images with alternative text."""
    draw = image_of if for_print else inline_svg
    pictures: dict[int, Markup] = {}
    for section in report.sections:
        for chart in section.all_charts():
            pictures[id(chart)] = draw(chart)
        if advance is not None:
            advance(section.key)
    template = _environment().get_template("report.html")
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return template.render(
        report=report,
        picture=lambda chart: pictures[id(chart)],
        widths=column_widths,
        short_table=SHORT_TABLE_ROWS,
        css=Markup(css),  # our own style sheets, not escaped
        print=bool(for_print),
        print_css=Markup(for_print),
        contents=texts.text(report.lang, "contents"),
    )


def write_html(report: Report, path: Path, *, advance: Callable[[str], None] | None = None) -> None:
    """Write the report's HTML to `path` (UTF-8)."""
    path.write_text(render_html(report, advance=advance), encoding="utf-8")
