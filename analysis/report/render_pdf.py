"""The report as a PDF: the same sections laid out on A4 pages with matplotlib's PdfPages.

matplotlib is already a dependency (the charts are drawn with it), so the PDF needs no other
library and no downloaded binary: text is flowed line by line onto A4 figures and each chart
is placed as a 200 dpi image. It is a plain document, not a typeset one; the HTML is the
richer form.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

from analysis.charts import Chart
from analysis.report.structure import Report, Section, Table

PAGE = (8.27, 11.69)  # A4 in inches
MARGIN = 0.7
LINE = 0.19  # inches per 8.5-point line
TEXT_CHARACTERS = 125  # characters of 8.5-point text across the page (DejaVu Sans)
STYLE: dict[RcKeyType, float] = {
    "font.size": 8.5,
    "pdf.fonttype": 42,
}  # TrueType: text stays selectable


class PageWriter:
    """Flows headings, paragraphs, tables and charts down A4 pages."""

    def __init__(self, pdf: PdfPages) -> None:
        self.pdf, self.y = pdf, 0.0
        self.figure: Figure | None = None

    def _new_page(self) -> None:
        self.finish()
        self.figure = Figure(figsize=PAGE)
        FigureCanvasAgg(self.figure)
        self.y = PAGE[1] - MARGIN

    def _room(self, height: float) -> None:
        if self.figure is None or self.y - height < MARGIN:
            self._new_page()

    def finish(self) -> None:
        if self.figure is not None:
            self.pdf.savefig(self.figure)
            self.figure = None

    def text(self, line: str, *, x: float = MARGIN, size: float = 8.5, **style: Any) -> None:
        assert self.figure is not None
        self.figure.text(x / PAGE[0], self.y / PAGE[1], line, fontsize=size, va="top", **style)

    def heading(self, title: str, *, size: float = 13, new_page: bool = False) -> None:
        if new_page:
            self._new_page()
        self._room(4 * LINE)
        self.y -= 0.5 * LINE
        self.text(title, size=size, fontweight="bold", color="#004080")
        self.y -= size / 72 * 1.6

    def paragraph(self, words: str, *, bullet: bool = True, colour: str = "#1a1a1a") -> None:
        lines = textwrap.wrap(words, TEXT_CHARACTERS - 3) or [""]
        for index, line in enumerate(lines):
            self._room(LINE)
            prefix = "•  " if bullet and index == 0 else "   " if bullet else ""
            self.text(prefix + line, color=colour)
            self.y -= LINE
        self.y -= 0.3 * LINE

    def chart(self, chart: Chart) -> None:
        image = matplotlib.image.imread(io.BytesIO(chart.png(dpi=200)), format="png")
        width = PAGE[0] - 2 * MARGIN
        height = width * image.shape[0] / image.shape[1]
        self._room(height + LINE)
        assert self.figure is not None
        axes = self.figure.add_axes(
            (MARGIN / PAGE[0], (self.y - height) / PAGE[1], width / PAGE[0], height / PAGE[1])
        )
        axes.imshow(image, interpolation="lanczos")
        axes.set_axis_off()
        self.y -= height + LINE

    def table(self, table: Table) -> None:
        widths = _column_widths(table)
        if table.caption:
            self._room(3 * LINE)
            self.text(table.caption, fontweight="bold")
            self.y -= LINE
        self._row(table.header, widths, bold=True)
        for row in table.rows:
            self._row(row, widths)
        for note in table.notes:
            self.paragraph(note, bullet=False, colour="#555555")
        self.y -= 0.5 * LINE

    def _row(self, cells: tuple[str, ...], widths: list[int], *, bold: bool = False) -> None:
        wrapped = [
            textwrap.wrap(cell, width) or [""] for cell, width in zip(cells, widths, strict=True)
        ]
        height = max(len(lines) for lines in wrapped) * LINE
        self._room(height + 0.2 * LINE)
        x = MARGIN
        for lines, width in zip(wrapped, widths, strict=True):
            self.text(
                "\n".join(lines), x=x, fontweight="bold" if bold else "normal", linespacing=1.35
            )
            x += (width + 2) * (PAGE[0] - 2 * MARGIN) / TEXT_CHARACTERS
        self.y -= height + 0.2 * LINE


def _column_widths(table: Table) -> list[int]:
    """Characters per column: as wide as the longest cell, long columns sharing what is left."""
    columns = len(table.header)
    longest = [
        max(len(row[index]) for row in (table.header, *table.rows)) for index in range(columns)
    ]
    room = TEXT_CHARACTERS - 2 * columns
    widths = list(longest)
    while sum(widths) > room:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return [max(4, width) for width in widths]


def _write_section(writer: PageWriter, section: Section, *, level: int) -> None:
    writer.heading(section.title, size=13 if level == 2 else 11, new_page=level == 2)
    for finding in section.findings:
        writer.paragraph(finding)
    for chart in section.charts:
        writer.chart(chart)
    for table in section.tables:
        writer.table(table)
    for note in section.notes:
        writer.paragraph(note, bullet=False, colour="#555555")
    for part in section.parts:
        _write_section(writer, part, level=3)


def write_pdf(report: Report, path: Path, *, advance: Callable[[str], None] | None = None) -> None:
    """Write the report as a PDF: a title page, then one or more pages per section."""
    with matplotlib.rc_context(STYLE), PdfPages(path) as pdf:
        pdf.infodict().update({"Title": report.title, "Subject": report.subtitle})
        writer = PageWriter(pdf)
        writer.heading(report.title, size=16, new_page=True)
        writer.paragraph(report.subtitle, bullet=False)
        writer.paragraph(report.generated, bullet=False, colour="#555555")
        if len(report.sections) > 1:
            for number, section in enumerate(report.sections, start=1):
                writer.paragraph(f"{number}. {section.title}", bullet=False)
        for section in report.sections:
            _write_section(writer, section, level=2)
            if advance is not None:
                advance(section.key)
        writer.finish()
