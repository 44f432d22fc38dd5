"""Citizen satisfaction overall, and Front Office against Back Office."""

from __future__ import annotations

import numpy as np

from analysis import monthly_trend
from analysis.ordinal import OddsRatio
from analysis.report import texts
from analysis.report.charts import group_chart, trend_chart
from analysis.report.group_tables import group_table, test_sentence
from analysis.report.structure import Context, Section, Table

BACK_OFFICE_TERM = "resolution_path=back_office"
# An SE of 5 on the log-odds scale is a 95 % interval spanning a factor of 3 x 10^8.
MAX_SE = 5.0


def satisfaction_section(context: Context) -> Section:
    """CSAT with its Wilson interval, mean, NPS, CES, resolution rate, the monthly trend."""
    if context.analysis.answers == 0:
        return Section("satisfaction", context.t("satisfaction"), (context.t("no_answers"),))
    overview, lang = context.analysis.overview, context.lang
    findings = (
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
    tables = (_metrics_table(context), _distribution(context))
    return Section("satisfaction", context.t("satisfaction"), findings, tables, (chart,))


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
    findings = (gap_finding, test_sentence(context, comparison.test), _model_finding(context))
    chart = group_chart(comparison, context, title=gap_finding)
    tables = (group_table(context, comparison), _model_table(context))
    return Section("path", context.t("path"), findings, tables, (chart,))


def _gap_finding(context: Context) -> str:
    means = {g.group: g.mean.estimate for g in context.analysis.by_path.groups if g.n >= 5}
    front, back = means.get("front_office"), means.get("back_office")
    if front is None or back is None:
        return context.t("finding_gap_missing")
    gap = back - front
    return context.t(
        "finding_gap",
        gap=context.number(abs(gap), 1),
        direction=context.t("lower" if gap < 0 else "higher"),
        back=context.number(back, 2),
        front=context.number(front, 2),
    )


def estimable(term: OddsRatio) -> bool:
    """False for a level whose answers all share one score: its odds ratio has no finite
    estimate (separation) and the fit reports a coefficient with an enormous SE."""
    return term.se < MAX_SE


def _back_office_term(context: Context) -> OddsRatio | None:
    terms = {term.term: term for term in context.analysis.model.fit.terms}
    term = terms.get(BACK_OFFICE_TERM)
    return term if term is not None and estimable(term) else None


def _model_finding(context: Context) -> str:
    term = _back_office_term(context)
    if term is None:
        return context.t("finding_model_missing")
    return context.t(
        "finding_model",
        ratio=context.number(term.odds_ratio, 2),
        low=context.number(term.low, 2),
        high=context.number(term.high, 2),
        meaning=context.t(
            "model_lower" if term.high < 1 else "model_higher" if term.low > 1 else "model_unclear"
        ),
    )


def term_label(context: Context, term: str) -> str:
    """`channel=email` as `canale: Email`; the time term in words."""
    if "=" not in term:
        return context.t("term_days")
    factor, code = term.split("=", 1)
    return f"{context.t(factor)}: {context.level(code, factor)}"


def _model_table(context: Context) -> Table:
    model = context.analysis.model
    rows = tuple(
        (
            term_label(context, term.term),
            context.number(term.odds_ratio, 2),
            f"{context.number(term.low, 2)}–{context.number(term.high, 2)}",
            texts.p_value(context.lang, term.p_value),
        )
        if estimable(term)
        else (term_label(context, term.term), context.t("not_estimable"), "", "")
        for term in model.fit.terms
    )
    references = ", ".join(
        f"{context.t(name)} = {context.level(code, name)}"
        for name, code in model.references.items()
    )
    header = (context.t("term"), context.t("odds_ratio"), context.t("interval"), context.t("p"))
    notes = (
        context.t("model_note", references=references, n=texts.count(context.lang, model.fit.n)),
    )
    return Table(header, rows, caption=context.t("model_caption"), notes=notes)
