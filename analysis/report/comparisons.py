"""Satisfaction across channels, types, topics and regions; by time to close; in emergencies."""

from __future__ import annotations

from analysis import suppression
from analysis.comparisons import GroupComparison
from analysis.report import texts
from analysis.report.charts import group_chart, time_chart
from analysis.report.group_tables import group_table, test_sentence
from analysis.report.structure import Context, Section, Table

FACTORS = ("channel", "request_type", "topic", "region")
SIGNIFICANT = 0.05


def factors_section(context: Context) -> Section:
    """Per factor: CSAT and mean per group, Kruskal-Wallis with epsilon squared, Dunn-Holm."""
    if context.analysis.answers == 0:
        return Section("factors", context.t("factors"), (context.t("no_answers"),))
    parts = tuple(_factor_part(context, comparison) for comparison in context.analysis.by_factor)
    return Section("factors", context.t("factors"), parts=parts)


def _factor_part(context: Context, comparison: GroupComparison) -> Section:
    spread = _spread_finding(context, comparison)
    tables = [group_table(context, comparison)]
    pairs = _dunn_table(context, comparison)
    if pairs.rows:
        tables.append(pairs)
    shown = [group for group in comparison.groups if group.n >= suppression.DEFAULT_THRESHOLD]
    charts = (group_chart(comparison, context, title=spread),) if len(shown) > 1 else ()
    return Section(
        f"factors-{comparison.factor}",
        context.t(f"part_{comparison.factor}"),
        (spread, test_sentence(context, comparison.test)),
        tuple(tables),
        charts,
    )


def _spread_finding(context: Context, comparison: GroupComparison) -> str:
    known = [
        group
        for group in comparison.groups
        if group.n >= suppression.DEFAULT_THRESHOLD and group.csat.estimate is not None
    ]
    name = context.t(comparison.factor)
    if len(known) < 2:
        return context.t("finding_spread_missing", factor=name)
    top = max(known, key=lambda group: group.csat.estimate or 0.0)
    bottom = min(known, key=lambda group: group.csat.estimate or 0.0)
    return context.t(
        "finding_spread",
        factor=name,
        low=context.percent(bottom.csat.estimate),
        low_group=context.level(bottom.group, comparison.factor),
        high=context.percent(top.csat.estimate),
        high_group=context.level(top.group, comparison.factor),
    )


def _dunn_table(context: Context, comparison: GroupComparison) -> Table:
    # Only pairs whose groups are both shown, and only those that differ after Holm.
    sizes = {group.group: group.n for group in comparison.groups}
    k = suppression.DEFAULT_THRESHOLD
    rows = tuple(
        (
            context.level(pair.group_a, comparison.factor),
            context.level(pair.group_b, comparison.factor),
            context.number(pair.z, 2),
            texts.p_value(context.lang, pair.p_holm),
        )
        for pair in comparison.dunn
        if pair.p_holm < SIGNIFICANT
        and sizes.get(pair.group_a, 0) >= k
        and sizes.get(pair.group_b, 0) >= k
    )
    header = (context.t("group"), context.t("group"), "z", context.t("p_holm"))
    return Table(
        header, rows, caption=context.t("dunn_caption", factor=context.t(comparison.factor))
    )


def time_section(context: Context) -> Section:
    """Spearman of days to close against the score, and the score per time band."""
    if context.analysis.answers == 0:
        return Section("time", context.t("time"), (context.t("no_answers"),))
    time_to_close = context.analysis.time_to_close
    bands = [band for band in time_to_close.bands if band.n >= suppression.DEFAULT_THRESHOLD]
    if len(bands) >= 2:
        first, last = bands[0], bands[-1]
        gap = (last.mean.estimate or 0.0) - (first.mean.estimate or 0.0)
        finding = context.t(
            "finding_time",
            last=context.level(last.group),
            first=context.level(first.group),
            gap=context.number(abs(gap), 1),
            direction=context.t("lower" if gap < 0 else "higher"),
        )
    else:
        finding = context.t("finding_time_missing")
    comparison = GroupComparison("time_band", time_to_close.bands, time_to_close.correlation)
    table = group_table(context, comparison)
    chart = time_chart(time_to_close, context, title=finding)
    findings = (finding, test_sentence(context, time_to_close.correlation))
    return Section("time", context.t("time"), findings, (table,), (chart,))


def emergency_section(context: Context) -> Section:
    """Cases opened during an emergency period against the others."""
    if context.analysis.answers == 0:
        return Section("emergency", context.t("emergency"), (context.t("no_answers"),))
    comparison = context.analysis.emergency
    means = {g.group: g.mean.estimate for g in comparison.groups if g.n >= 5}
    if "emergency" in means and "ordinary" in means:
        finding = context.t(
            "finding_emergency",
            emergency=context.number(means["emergency"], 2),
            ordinary=context.number(means["ordinary"], 2),
        )
    else:
        finding = context.t("finding_emergency_missing")
    findings = (finding, test_sentence(context, comparison.test))
    return Section(
        "emergency", context.t("emergency"), findings, (group_table(context, comparison),)
    )
