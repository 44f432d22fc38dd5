"""A chart of `analysis.charts` as SVG to put inside a page: accessible and allowed by the CSP.

The app's Content-Security-Policy (`style-src 'self'`) blocks inline styles, and matplotlib
writes every colour as a `style="fill: …"` attribute plus a `<style>` element: inline, the
chart would lose its colours. The same declarations written as SVG presentation attributes
(`fill="…"`) are not styles and pass. Ids get a prefix of the chart's own, because several
charts share a page and matplotlib numbers each figure's groups from 1. The root element gets
role="img", the chart's title as its accessible name, and a <title>.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from analysis.charts import Chart
from analysis.report.render_html import inline_svg

# The SVG 1.1 presentation attributes matplotlib writes through `style`.
PRESENTATION = frozenset(
    {
        "clip-path",
        "fill",
        "fill-opacity",
        "fill-rule",
        "font-family",
        "font-size",
        "font-style",
        "font-weight",
        "opacity",
        "stroke",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-opacity",
        "stroke-width",
        "text-anchor",
        "dominant-baseline",
    }
)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_EMPTY_DEFS = re.compile(r"<defs>\s*</defs>\s*")
_ID = re.compile(r'(\sid="|url\(#|href="#)([^")]+)')
_FONT = re.compile(r"(?:(italic|oblique)\s+)?(?:(bold|normal|\d00)\s+)?([\d.]+px)\s+(.+)")


def _attributes(declarations: str) -> str:
    attributes = []
    for declaration in declarations.split(";"):
        name, _, value = (part.strip() for part in declaration.partition(":"))
        if name == "font":  # the shorthand: [style] [weight] size family
            found = _FONT.match(value)
            if found:
                style, weight, size, family = found.groups()
                pairs = [("font-style", style), ("font-weight", weight)]
                pairs += [("font-size", size), ("font-family", family)]
                attributes += [f'{key}="{escape(v)}"' for key, v in pairs if v]
        elif name in PRESENTATION and value:
            attributes.append(f'{name}="{escape(value)}"')
    return (" " + " ".join(attributes)) if attributes else ""


def page_svg(chart: Chart, *, prefix: str) -> Markup:
    """The chart's SVG for a page: no inline style, ids under `prefix`, named by its title."""
    svg = str(inline_svg(chart))
    svg = _METADATA.sub("", svg)
    svg = _EMPTY_DEFS.sub("", _STYLE_ELEMENT.sub("", svg))
    svg = _STYLE_ATTRIBUTE.sub(lambda found: _attributes(found.group(1)), svg)
    svg = _ID.sub(lambda found: f"{found.group(1)}{prefix}-{found.group(2)}", svg)
    title = escape(chart.title)
    # What the removed <style> said for every element, as inherited attributes.
    root = (
        f'<svg role="img" aria-label="{title}" class="chart" stroke-linejoin="round" '
        'stroke-linecap="butt" '
    )
    svg = svg.replace("<svg ", root, 1)
    svg = re.sub(
        r"(<svg[^>]*>)", lambda found: f"{found.group(1)}<title>{title}</title>", svg, count=1
    )
    return Markup(svg)
