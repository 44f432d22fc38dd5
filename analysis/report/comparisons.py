"""Satisfaction across channels, types, topics and regions; by time to close; in emergencies."""

from __future__ import annotations

from analysis import suppression
from analysis.comparisons import GroupComparison
from analysis.headlines import MIN_GROUP, Spread, headline_groups
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
    # The section's spreads are one family of tests: a headline names groups only if theirs
    # holds after Benjamini-Hochberg over all of them (see analysis.headlines).
    spreads = headline_groups(context.analysis.by_factor)
    parts = tuple(
        _factor_part(context, comparison, spreads[comparison.factor])
        for comparison in context.analysis.by_factor
    )
    return Section("factors", context.t("factors"), parts=parts)


def _factor_part(context: Context, comparison: GroupComparison, found: Spread) -> Section:
    spread = _spread_finding(context, comparison, found)
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


def _spread_finding(context: Context, comparison: GroupComparison, spread: Spread) -> str:
    name = context.t(comparison.factor)
    if spread.low is None or spread.high is None:
        return context.t("finding_spread_missing", factor=name, k=MIN_GROUP)
    if not spread.named:
        return context.t("finding_spread_not_significant", factor=name, k=MIN_GROUP)
    return context.t(
        "finding_spread",
        factor=name,
        low=context.percent(spread.low.csat.estimate),
        low_group=context.level(spread.low.group, comparison.factor),
        high=context.percent(spread.high.csat.estimate),
        high_group=context.level(spread.high.group, comparison.factor),
        q=texts.p_clause(context.lang, spread.q_value).removeprefix("p "),
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
