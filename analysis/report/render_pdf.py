"""The report as a tagged PDF (PDF/UA-1): the HTML report laid out on A4 pages by WeasyPrint.

WeasyPrint typesets the same HTML the report already is, with a print style sheet
(templates/report-print.css): tables with rules whose cells wrap inside their column, page
numbers, a contents list whose page numbers come from the layout itself, no lone lines at
the foot or head of a page, and a structure tree (headings, lists, tables with header cells,
figures with alternative text) that screen readers follow. It needs Pango from the system;
it is imported only here, so the HTML report never needs it.

The text and the charts are set in DejaVu Sans from matplotlib's own files, so the PDF looks
the same on every machine whatever fonts the system has.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import matplotlib

from analysis.report import texts
from analysis.report.render_html import TEMPLATES, render_html
from analysis.report.structure import Report

PDF_VARIANT = "pdf/ua-1"
# What WeasyPrint loads from the system (its documentation's list for Debian and Ubuntu).
DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
FONT_FACES = {
    ("normal", "normal"): "DejaVuSans.ttf",
    ("bold", "normal"): "DejaVuSans-Bold.ttf",
    ("normal", "italic"): "DejaVuSans-Oblique.ttf",
    ("bold", "italic"): "DejaVuSans-BoldOblique.ttf",
}


class PdfUnavailable(RuntimeError):
    """The PDF cannot be written on this machine; the message names what to install."""


def weasyprint() -> ModuleType:
    """WeasyPrint, or PdfUnavailable naming the missing package in one line."""
    try:
        import weasyprint as module
    except ImportError as error:
        raise PdfUnavailable(
            "the PDF report needs the Python package weasyprint (pip install weasyprint)"
        ) from error
    except OSError as error:  # WeasyPrint found, Pango not: cffi cannot open the library
        raise PdfUnavailable(
            f"the PDF report needs the Pango library: apt-get install {DEBIAN_PACKAGES}"
        ) from error
    return module


def _css_string(words: str) -> str:
    return '"' + words.replace("\\", "\\\\").replace('"', '\\"') + '"'


def print_style(lang: str) -> str:
    """The print style sheet with the report's fonts and its language's page numbers."""
    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = "".join(
        f'@font-face {{ font-family: "DejaVu Sans"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{(fonts / name).as_uri()}"); }}\n'
        for (weight, style), name in FONT_FACES.items()
    )
    page = (
        f"@page {{ @bottom-right {{ content: {_css_string(texts.text(lang, 'page'))} "
        f'" " counter(page) " " {_css_string(texts.text(lang, "page_of"))} '
        f'" " counter(pages); font-size: 7.5pt; color: #555; }} }}\n'
    )
    sheet = (TEMPLATES / "report-print.css").read_text(encoding="utf-8")
    return faces + 'body { font-family: "DejaVu Sans", sans-serif; }\n' + page + sheet


def render_pdf(report: Report, *, advance: Callable[[str], None] | None = None) -> bytes:
    """The report as PDF/UA-1 bytes."""
    html = render_html(report, advance=advance, for_print=print_style(report.lang))
    document = weasyprint().HTML(string=html, base_url=str(TEMPLATES))
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def write_pdf(report: Report, path: Path, *, advance: Callable[[str], None] | None = None) -> None:
    """Write the report as a tagged PDF to `path`."""
    path.write_bytes(render_pdf(report, advance=advance))
