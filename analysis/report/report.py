"""The management report as a plain structure of sections, built from one period's data.

Every sentence and figure is computed and formatted by the section builders, in the report's
language; the HTML and PDF renderers only lay the structure out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from analysis import analyse_feedback, compare_respondents, post_stratify
from analysis.report import (
    answers,
    comparisons,
    dissatisfaction,
    follow_ups,
    headline,
    hours,
    methods,
    referents,
    sample,
    summary,
    texts,
)
from analysis.report.data import ReportData
from analysis.report.structure import Context, Report, Section

# The director's page first; the statistics of the whole family and the methods at the end.
BUILDERS: dict[str, Callable[[Context], Section]] = {
    "summary": summary.summary_section,
    "headline": headline.headline_section,
    "satisfaction": answers.satisfaction_section,
    "path": answers.path_section,
    "drivers": dissatisfaction.drivers_section,
    "offices": dissatisfaction.offices_section,
    "factors": comparisons.factors_section,
    "time": comparisons.time_section,
    "emergency": comparisons.emergency_section,
    "hours": hours.hours_section,
    "respondents": sample.respondents_section,
    "comments": sample.comments_section,
    "follow_ups": follow_ups.follow_ups_section,
    "referents": referents.referents_section,
    "family": sample.family_section,
    "methods": methods.methods_section,
}
SECTION_KEYS = tuple(BUILDERS)


def build_report(
    *,
    data: ReportData,
    lang: str = "it",
    today: date | None = None,
    advance: Callable[[str], None] | None = None,
) -> Report:
    """Analyse the period and describe it section by section."""
    period = data.period
    title = texts.text(lang, "title")
    subtitle = texts.text(
        lang, "period", start=texts.day(lang, period.start), end=texts.day(lang, period.end)
    )
    generated = texts.text(lang, "generated", today=texts.day(lang, today or date.today()))
    columns = data.columns
    if len(columns) == 0:
        empty = Section("headline", texts.text(lang, "headline"), (texts.text(lang, "empty"),))
        return Report(lang, title, subtitle, generated, (empty,), empty=True)
    analysis, non_response = analyse_feedback(columns), compare_respondents(columns)
    context = Context(
        lang=lang,
        data=data,
        analysis=analysis,
        non_response=non_response,
        reweighted=post_stratify(columns),
    )
    built = []
    for key, builder in BUILDERS.items():
        built.append(builder(context))
        if advance is not None:
            advance(key)
    return Report(lang, title, subtitle, generated, tuple(built))
