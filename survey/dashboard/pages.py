"""The analysis pages of the dashboard, built by the report's own section builders.

Each page is one or more sections of the management report (`analysis.report`) computed on
the filtered cases, so a figure reads the same on the dashboard, in the report and in the JSON
API. A chart is laid out beside the table of its numbers (for those who would rather read, and
for screen readers); below the anonymity threshold only the volumes are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from analysis.charts import Chart
from analysis.report import texts
from analysis.report.answers import path_section, satisfaction_section
from analysis.report.charts import group_chart
from analysis.report.comparisons import emergency_section, factors_section, time_section
from analysis.report.headline import emergencies_table, headline_section
from analysis.report.sample import respondents_section
from analysis.report.structure import Context, Section, Table
from survey.dashboard import figures
from survey.dashboard.filters import Filters
from survey.dashboard.subsets import DRAWING, Subset
from survey.dashboard.svg import page_svg
from survey.web.i18n import N_, translate, translate_plural

# Each analysis page and the message id of its title.
ANALYSIS_PAGES = {
    "overview": N_("dash_page_overview"),
    "path": N_("dash_page_path"),
    "channel": N_("dash_page_channel"),
    "request-type": N_("dash_page_request-type"),
    "time-to-close": N_("dash_page_time-to-close"),
    "emergencies": N_("dash_page_emergencies"),
    "non-response": N_("dash_page_non-response"),
}


@dataclass(frozen=True)
class Panel:
    """A chart and the table of its numbers, side by side."""

    title: str
    svg: Markup
    table: Table


@dataclass(frozen=True)
class View:
    """A report section as the page shows it."""

    key: str
    title: str
    findings: tuple[str, ...] = ()
    panels: tuple[Panel, ...] = ()
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageView:
    """One analysis page, ready for the template (cached per filters, language and version)."""

    key: str
    filters: Filters
    subtitle: str
    key_figures: tuple[tuple[str, str], ...]
    views: tuple[View, ...]


def _view(section: Section, prefix: str, chart_tables: tuple[Table, ...] | None = None) -> View:
    """The section with each chart paired with its table (by default the tables in order)."""
    charts: tuple[Chart, ...] = section.charts
    paired = chart_tables if chart_tables is not None else section.tables[: len(charts)]
    rest = section.tables if chart_tables is not None else section.tables[len(charts) :]
    panels = tuple(
        Panel(chart.title, page_svg(chart, prefix=f"{prefix}-{n}"), table)
        for n, (chart, table) in enumerate(zip(charts, paired, strict=False))
    )
    return View(section.key, section.title, section.findings, panels, rest, section.notes)


def _trend_table(context: Context, subset: Subset) -> Table:
    months, hidden = figures.monthly(subset)
    lang = context.lang
    rows = tuple(
        (
            month.month,
            texts.count(lang, month.answers),
            context.percent(month.csat),
            context.percent(month.lower_limit),
            context.percent(month.upper_limit),
        )
        for month in months
    )
    header = (
        translate(lang, "dash_month"),
        translate(lang, "dash_answers"),
        translate(lang, "dash_csat"),
        translate(lang, "dash_lower"),
        translate(lang, "dash_upper"),
    )
    notes: tuple[str, ...] = ()
    if hidden:
        notes = (
            translate_plural(
                lang, "dash_hidden_months", "dash_hidden_months_plural", hidden, k=figures.K
            ),
        )
    return Table(header, rows, caption=context.t("chart_month_axis"), notes=notes)


def _overview(context: Context, subset: Subset) -> tuple[View, ...]:
    views = [_view(headline_section(context), "headline")]
    if subset.shown:
        satisfaction = satisfaction_section(context)
        views.append(
            _view(satisfaction, "satisfaction", chart_tables=(_trend_table(context, subset),))
        )
    return tuple(views)


def _factor_page(name: str) -> Callable[[Context, Subset], tuple[View, ...]]:
    def build(context: Context, subset: Subset) -> tuple[View, ...]:
        section = factors_section(context)
        part = next(part for part in section.parts if part.key == f"factors-{name}")
        return (_view(part, name),)

    return build


def _emergencies(context: Context, subset: Subset) -> tuple[View, ...]:
    section = emergency_section(context)
    comparison = context.analysis.emergency
    shown = [group for group in comparison.groups if group.n >= figures.K]
    charts = (group_chart(comparison, context, title=section.findings[0]),)
    view = _view(
        Section(
            section.key,
            section.title,
            section.findings,
            section.tables,
            charts if len(shown) > 1 else (),
        ),
        "emergency",
    )
    periods = View(
        "emergency-periods", context.t("emergency_periods"), (), (), (emergencies_table(context),)
    )
    return (view, periods)


SECTIONS: dict[str, Callable[[Context, Subset], tuple[View, ...]]] = {
    "overview": _overview,
    "path": lambda context, subset: (_view(path_section(context), "path"),),
    "channel": _factor_page("channel"),
    "request-type": _factor_page("request_type"),
    "time-to-close": lambda context, subset: (_view(time_section(context), "time"),),
    "emergencies": _emergencies,
    "non-response": lambda context, subset: (_view(respondents_section(context), "respondents"),),
}


def _key_figures(
    context: Context, subset: Subset, open_follow_ups: int
) -> tuple[tuple[str, str], ...]:
    lang, overview = context.lang, context.analysis.overview
    rows = [
        (translate(lang, "dash_cases"), texts.count(lang, subset.cases)),
        (translate(lang, "dash_answers"), texts.count(lang, subset.answers)),
        (translate(lang, "dash_response_rate"), texts.share(lang, overview.response_rate)),
    ]
    if subset.shown:
        rows += [
            (translate(lang, "dash_csat"), texts.share(lang, overview.csat)),
            (translate(lang, "dash_nps"), texts.estimate(lang, overview.nps, digits=0)),
            (translate(lang, "dash_resolution"), texts.share(lang, overview.resolution_rate)),
        ]
    rows.append((translate(lang, "dash_open_follow_ups"), texts.count(lang, open_follow_ups)))
    return tuple(rows)


def build_page(page: str, subset: Subset, lang: str, *, open_follow_ups: int = 0) -> PageView:
    """The page's sections on the subset, in `lang`, charts drawn (CPU only: run in a thread)."""
    filters = subset.filters
    assert filters.start is not None and filters.end is not None
    subtitle = texts.text(
        lang, "period", start=texts.day(lang, filters.start), end=texts.day(lang, filters.end)
    )
    if subset.analysis is None:
        empty = View("empty", texts.text(lang, "headline"), (texts.text(lang, "empty"),))
        return PageView(page, filters, subtitle, (), (empty,))
    context = subset.context(lang)
    with DRAWING:
        if page != "overview" and not subset.shown:
            hidden = translate(lang, "dash_hidden", k=figures.K, n=subset.answers)
            views: tuple[View, ...] = (
                View("hidden", translate(lang, ANALYSIS_PAGES[page]), (hidden,)),
            )
        else:
            views = SECTIONS[page](context, subset)
        key_figures = _key_figures(context, subset, open_follow_ups) if page == "overview" else ()
    return PageView(page, filters, subtitle, key_figures, views)
