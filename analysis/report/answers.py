"""Citizen satisfaction overall, and Front Office against Back Office."""

from __future__ import annotations

from datetime import date

import numpy as np

from analysis import monthly_trend, suppression
from analysis.adjusted import (
    BACK_OFFICE_TERM,
    EMERGENCY_TERM,
    OFFICE_MINIMUM,
    OTHER_BODIES_TERM,
    POOLED_OFFICES,
    TIME_TERM,
    AdjustedDifference,
)
from analysis.headlines import two_groups
from analysis.ordinal import OddsRatio
from analysis.proportional_odds_check import PROPORTIONAL_ODDS_LEVEL
from analysis.report import texts
from analysis.report.charts import group_chart, trend_chart, weekly_ewma_chart
from analysis.report.group_tables import group_table, test_sentence
from analysis.report.structure import Context, Section, Table
from analysis.report.verdicts import MAX_SE, model_test
from analysis.trend import WeeklyEwma, weekly_ewma


def satisfaction_section(context: Context) -> Section:
    """CSAT with its Wilson interval, mean, NPS, CES, resolution rate, the monthly trend."""
    if context.analysis.answers == 0:
        return Section("satisfaction", context.t("satisfaction"), (context.t("no_answers"),))
    overview, lang = context.analysis.overview, context.lang
    findings: tuple[str, ...] = (
        context.t(
            "finding_csat",
            csat=context.percent(overview.csat.estimate),
            n=texts.count(lang, overview.csat.n),
            mean=context.number(overview.mean_satisfaction.estimate, 2),
        ),
        context.t(
            "finding_nps",
            nps=context.number(overview.nps.estimate, 0),
            ces=context.number(overview.effort.estimate, 1),
            resolved=context.percent(overview.resolution_rate.estimate),
        ),
    )
    trend = monthly_trend(context.data.columns)
    title = context.t("chart_trend", months=len(trend.out_of_control))
    chart = trend_chart(trend, context, title=title)
    # The weekly EWMA beside the monthly p-chart: it catches a smaller, lasting drift sooner.
    ewma = weekly_ewma(context.data.columns)
    ewma_title = context.t(
        "chart_ewma_title", smoothing=context.number(ewma.smoothing), count=len(ewma.signals)
    )
    charts = (chart, weekly_ewma_chart(ewma, context, title=ewma_title))
    findings = (*findings, ewma_finding(context, ewma))
    tables = (_metrics_table(context), _distribution(context))
    return Section("satisfaction", context.t("satisfaction"), findings, tables, charts)


def ewma_finding(context: Context, ewma: WeeklyEwma) -> str:
    """The EWMA's parameters and rule, and when it first signalled (or that it did not)."""
    rule = {
        "smoothing": context.number(ewma.smoothing),
        "width": context.number(ewma.width, 3),
    }
    if not ewma.signals:
        return context.t("finding_ewma_none", **rule)
    first = ewma.signals[0]
    return context.t(
        "finding_ewma",
        **rule,
        first=texts.day(context.lang, date.fromisoformat(first)),
        direction=context.t("ewma_low" if first in ewma.low_signals else "ewma_high"),
        weeks=texts.counted(context.lang, "ewma_weeks", len(ewma.signals)),
    )


def _metrics_table(context: Context) -> Table:
    overview, lang = context.analysis.overview, context.lang
    metrics = (
        ("csat", texts.share(lang, overview.csat), overview.csat.n),
        (
            "mean",
            texts.estimate(lang, overview.mean_satisfaction, digits=2),
            overview.mean_satisfaction.n,
        ),
        ("nps", texts.estimate(lang, overview.nps, digits=0), overview.nps.n),
        ("ces", texts.estimate(lang, overview.effort, digits=2), overview.effort.n),
        ("resolution", texts.share(lang, overview.resolution_rate), overview.resolution_rate.n),
    )
    rows = tuple((context.t(key), value, _n(context, n)) for key, value, n in metrics)
    return Table((context.t("metric"), context.t("value"), context.t("answers")), rows)


def _n(context: Context, n: int) -> str:
    return texts.count(context.lang, n)


def _distribution(context: Context) -> Table:
    scores = context.data.columns.satisfaction
    scores = scores[np.isfinite(scores)].astype(np.int64)
    counts = np.bincount(scores, minlength=6)[1:6]
    rows = tuple(
        (str(score), texts.count(context.lang, int(n)), context.percent(n / scores.size))
        for score, n in zip(range(1, 6), counts, strict=True)
    )
    header = (context.t("score"), context.t("answers"), context.t("share"))
    return Table(header, rows, caption=context.t("distribution"))


def path_section(context: Context) -> Section:
    """Raw gap, Mann-Whitney with rank-biserial, and the adjusted odds ratios."""
    if context.analysis.answers == 0:
        return Section("path", context.t("path"), (context.t("no_answers"),))
    comparison = context.analysis.by_path
    gap_finding = _gap_finding(context)
    groups = (context.level("front_office"), context.level("back_office"))
    test = test_sentence(context, comparison.test, "resolution_path", groups=groups)
    findings = (gap_finding, test, _model_finding(context), _proportional_odds_finding(context))
    chart = group_chart(comparison, context, title=gap_finding)
    tables = (group_table(context, comparison), _model_table(context))
    return Section("path", context.t("path"), findings, tables, (chart,))


def _gap_finding(context: Context) -> str:
    # CSAT, the figure the chart beside this sentence draws, with Newcombe's interval.
    groups = {g.group: g for g in context.analysis.by_path.groups}
    front, back = groups.get("front_office"), groups.get("back_office")
    if front is None or back is None or min(front.n, back.n) < suppression.DEFAULT_THRESHOLD:
        return context.t("finding_gap_missing")
    gap = two_groups("resolution_path", "resolution_path", back, front)
    return context.t(
        "finding_gap",
        back=context.percent(back.csat.estimate),
        front=context.percent(front.csat.estimate),
        points=texts.points(context.lang, gap.points, gap.low, gap.high),
    )


def estimable(term: OddsRatio) -> bool:
    """False for a level whose answers all share one score: its odds ratio has no finite
    estimate (separation) and the fit reports a coefficient with an enormous SE."""
    return term.se < MAX_SE


def _differences(context: Context) -> dict[str, AdjustedDifference]:
    return {d.term: d for d in context.analysis.model.differences}


def _model_finding(context: Context) -> str:
    terms = {term.term: term for term in context.analysis.model.fit.terms}
    term = terms.get(BACK_OFFICE_TERM)
    difference = _differences(context).get(BACK_OFFICE_TERM)
    if term is None or not estimable(term) or difference is None:
        return context.t("finding_model_missing")
    significant = context.significant(model_test(BACK_OFFICE_TERM))
    meaning = "model_unclear"
    if significant:
        meaning = "model_lower" if term.coefficient < 0 else "model_higher"
    member = context.member(model_test(BACK_OFFICE_TERM))
    return context.t(
        "finding_model",
        ratio=context.number(term.odds_ratio, 2),
        low=context.number(term.low, 2),
        high=context.number(term.high, 2),
        points=texts.points(context.lang, difference.points, difference.low, difference.high),
        q=texts.p_clause(context.lang, member.q_value if member else None, "q"),
        meaning=context.t(meaning),
    )


def _proportional_odds_finding(context: Context) -> str:
    check = context.analysis.model.proportional_odds
    if check is None or check.p_value is None:
        return context.t("po_not_run")
    p = texts.p_clause(context.lang, check.p_value)
    statistic = context.number(check.statistic, 1)
    if check.holds:
        return context.t("po_holds", statistic=statistic, df=check.df, p=p)
    broken = [t for t in check.terms if t.p_value < PROPORTIONAL_ODDS_LEVEL]
    return context.t(
        "po_fails",
        statistic=statistic,
        df=check.df,
        p=p,
        terms=", ".join(term_label(context, t.term) for t in broken),
    )


def term_label(context: Context, term: str) -> str:
    """`channel=email` as `canale: Email`; the emergency and time terms in words."""
    if term == EMERGENCY_TERM:
        return context.t("term_emergency")
    if term == TIME_TERM:
        return context.t("term_hours")
    if term == OTHER_BODIES_TERM:
        return context.t("term_other_bodies")
    factor, code = term.split("=", 1)
    if code == POOLED_OFFICES:
        return f"{context.t(factor)}: {context.t('pooled_offices', k=OFFICE_MINIMUM)}"
    return f"{context.t(factor)}: {context.level(code, factor)}"


def _model_row(context: Context, term: OddsRatio, difference: AdjustedDifference | None):
    label = term_label(context, term.term)
    if not estimable(term):
        return (label, context.t("not_estimable"), "", "", "")
    member = context.member(model_test(term.term))
    return (
        label,
        context.number(term.odds_ratio, 2),
        f"{context.number(term.low, 2)}–{context.number(term.high, 2)}",
        texts.p_value(context.lang, member.q_value if member else None),
        texts.points(context.lang, difference.points, difference.low, difference.high)
        if difference is not None
        else "",
    )


def _model_table(context: Context) -> Table:
    model = context.analysis.model
    differences = _differences(context)
    rows = tuple(_model_row(context, term, differences.get(term.term)) for term in model.fit.terms)
    references = ", ".join(
        f"{context.t(name)} = {context.level(code, name)}"
        for name, code in model.references.items()
    )
    header = (
        context.t("term"),
        context.t("odds_ratio"),
        context.t("interval"),
        context.t("q"),
        context.t("csat_points"),
    )
    notes = (
        context.t("model_note", references=references, n=texts.count(context.lang, model.fit.n)),
        context.t("model_points_note"),
    )
    return Table(header, rows, caption=context.t("model_caption"), notes=notes)
