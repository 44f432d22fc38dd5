"""The printed report: a finished, tagged PDF (PDF/UA-1) read back with pypdf and pdfminer.six.

A simulated year of 2,000 cases (every section, eight charts, tables of up to 19 rows) is
built and printed once per language; the tests read the file as a reader and a screen reader
would: its text line by line, where each character sits, its structure tree.
"""

from __future__ import annotations

import io
import itertools
import re
from datetime import date

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTPage, LTTextContainer, LTTextLine
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from analysis import simulate_feedback
from analysis.report import texts
from analysis.report.data import Period, ReportData
from analysis.report.render_html import LINE_CHARACTERS, column_widths
from analysis.report.render_pdf import render_pdf
from analysis.report.report import build_report
from analysis.report.structure import Report, Section, Table

MM = 72 / 25.4
MARGIN_LEFT = MARGIN_RIGHT = 16 * MM  # templates/report-print.css, @page margin


class Printed:
    """The report, its PDF, and the PDF's text page by page: pdfminer's lines (characters
    it found close enough to read as one run of text) and the visual rows they form."""

    def __init__(self, report: Report, pdf: bytes) -> None:
        self.report, self.pdf = report, pdf
        self.pages: list[LTPage] = list(extract_pages(io.BytesIO(pdf)))
        self.lines = [[line.get_text().strip() for line in _lines(page)] for page in self.pages]
        self.rows = [_rows(page) for page in self.pages]


def _lines(page: LTPage):
    for element in page:
        if isinstance(element, LTTextContainer):
            yield from (line for line in element if isinstance(line, LTTextLine))


def _rows(page: LTPage) -> list[str]:
    """The page's text as rows from top to bottom: lines at the same height, left to right."""
    rows: dict[int, list[tuple[float, str]]] = {}
    for line in _lines(page):
        rows.setdefault(round(line.y0), []).append((line.x0, line.get_text().strip()))
    return [" ".join(text for _, text in sorted(rows[y])) for y in sorted(rows, reverse=True)]


@pytest.fixture(scope="module", params=texts.LANGUAGES)
def printed(request) -> Printed:
    columns = simulate_feedback(2000, seed=11)
    data = ReportData(Period(date(2011, 1, 1), date(2012, 1, 1)), columns, (), ())
    report = build_report(data=data, lang=request.param, today=date(2012, 1, 10))
    return Printed(report, render_pdf(report))


def _all_sections(report: Report) -> list[Section]:
    return [part for section in report.sections for part in (section, *section.parts)]


def test_no_two_table_cells_run_together_on_a_line(printed):
    text = "\n".join(line for page in printed.lines for line in page)
    tables = [table for section in _all_sections(printed.report) for table in section.tables]
    assert sum(len(table.rows) for table in tables) > 100
    pairs = 0
    for table in tables:
        for row in (table.header, *table.rows):
            for left, right in itertools.pairwise(row):
                if not left.split() or not right.split():
                    continue
                # "Numero verde" beside "11.174" must never read "verde11.174" as one word.
                glued = re.escape(left.split()[-1] + right.split()[0])
                pairs += 1
                assert not re.search(rf"(?<!\S){glued}(?!\S)", text), (
                    f"cells run together: {left!r} | {right!r}"
                )
    assert pairs > 300


def test_every_character_stays_inside_the_margins(printed):
    for number, page in enumerate(printed.pages, start=1):
        right = page.width - MARGIN_RIGHT
        for line in _lines(page):
            for char in line:
                if isinstance(char, LTChar) and char.get_text().strip():
                    assert char.x0 >= MARGIN_LEFT - 1 and char.x1 <= right + 1, (
                        f"page {number}: {line.get_text()!r} runs past the margin"
                    )


def test_every_page_is_numbered_with_the_count_of_pages(printed):
    total = len(printed.pages)
    page_word = texts.text(printed.report.lang, "page")
    of = texts.text(printed.report.lang, "page_of")
    for number, rows in enumerate(printed.rows, start=1):
        assert rows[-1] == f"{page_word} {number} {of} {total}"


def test_the_contents_give_the_page_each_chapter_starts_on(printed):
    heading = texts.text(printed.report.lang, "contents")
    contents = next(page for page in printed.rows if heading in page)
    pages = []
    for number, section in enumerate(printed.report.sections, start=1):
        # "3. Citizen satisfaction ........ 4": the title, a leader, the page number.
        entry = re.compile(rf"{number}\. {re.escape(section.title)} \.+ (\d+)")
        found = [match for row in contents if (match := entry.fullmatch(row))]
        assert len(found) == 1, (section.title, contents)
        page = int(found[0].group(1))
        assert section.title in printed.rows[page - 1], (section.title, page)
        pages.append(page)
    assert len(pages) == len(printed.report.sections) >= 10
    assert pages == sorted(pages) and pages[0] == 1


def _structure(node, found: list[DictionaryObject]) -> None:
    node = node.get_object()
    if isinstance(node, ArrayObject):
        for child in node:
            _structure(child, found)
    elif isinstance(node, DictionaryObject):
        if "/S" in node:
            found.append(node)
        if "/K" in node:
            _structure(node["/K"], found)


def test_the_pdf_is_tagged_with_alternative_text_for_every_chart(printed):
    catalog = PdfReader(io.BytesIO(printed.pdf)).trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == printed.report.lang
    elements: list[DictionaryObject] = []
    _structure(catalog["/StructTreeRoot"], elements)
    kinds = {str(element["/S"]) for element in elements}
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI", "/Figure"} <= kinds
    figures = [element for element in elements if element["/S"] == "/Figure"]
    charts = [chart for section in _all_sections(printed.report) for chart in section.charts]
    assert len(figures) == len(charts) >= 6
    assert [str(figure["/Alt"]) for figure in figures] == [chart.alt for chart in charts]
    for chart in charts:  # what it draws, then the finding
        assert chart.description and chart.alt.startswith(chart.description)
        assert chart.alt.endswith(chart.title)


def test_no_page_is_left_with_a_couple_of_stray_lines(printed):
    # Besides the running title and the page number, every page carries real content: the
    # chapters flow on, paragraphs keep three lines together, headings stay with what follows.
    for number, rows in enumerate(printed.rows, start=1):
        assert len(rows) >= 8, f"page {number} holds only {rows}"


def test_a_column_is_never_narrower_than_its_longest_word():
    table = Table(
        ("scale", "mean", "95 % CI"),
        (("Satisfaction with the platform's usability", "3,12", "2,71–3,53"),) * 3,
    )
    widths = column_widths(table)
    assert abs(sum(widths) - 100) < 0.1
    # "mean" (4 bold characters) and "2,71–3,53" (9) keep their room; the long text wraps.
    characters = [width * LINE_CHARACTERS / 100 for width in widths]
    assert characters[1] >= round(1.2 * len("mean")) and characters[2] >= len("2,71–3,53")
    assert characters[0] > characters[2] > characters[1]
