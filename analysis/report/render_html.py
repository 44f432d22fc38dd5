"""The report as one self-contained HTML file: inline CSS and SVG, no script, no external asset.

Jinja2 with autoescape: every string in the report, including what citizens and the main
platform wrote (comments, topics), is escaped; only the SVG drawn by matplotlib is inserted as
markup, and matplotlib escapes the text it writes into the SVG.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from analysis.charts import Chart
from analysis.report.structure import Report

TEMPLATES = Path(__file__).resolve().parent / "templates"
_PROLOGUE = re.compile(r"^\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?", re.S)


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def inline_svg(chart: Chart) -> Markup:
    """The chart's SVG without its XML prologue, ready to sit inside HTML."""
    return Markup(_PROLOGUE.sub("", chart.svg()))


def render_html(report: Report, *, advance: Callable[[str], None] | None = None) -> str:
    """The report as an HTML document."""
    svgs: dict[int, Markup] = {}
    for section in report.sections:
        for chart in section.all_charts():
            svgs[id(chart)] = inline_svg(chart)
        if advance is not None:
            advance(section.key)
    template = _environment().get_template("report.html")
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return template.render(report=report, svg=lambda chart: svgs[id(chart)], css=css)


def write_html(report: Report, path: Path, *, advance: Callable[[str], None] | None = None) -> None:
    """Write the report's HTML to `path` (UTF-8)."""
    path.write_text(render_html(report, advance=advance), encoding="utf-8")
