"""Satisfaction across channels, types, topics and regions; by time to close; in emergencies."""

from __future__ import annotations

from analysis import suppression
from analysis.comparisons import GroupComparison
from analysis.headlines import group_against_rest, may_be_headline, two_groups
from analysis.report import texts
from analysis.report.charts import group_chart, time_chart
from analysis.report.group_tables import group_table, test_sentence
from analysis.report.structure import Context, Section, Table

FACTORS = ("channel", "request_type", "requester_kind", "topic", "region")
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
        (spread, test_sentence(context, comparison.test, comparison.factor)),
        tuple(tables),
        charts,
    )


def _spread_finding(context: Context, comparison: GroupComparison) -> str:
    # Only a group of at least 30 answers, only when the groups differ after correction, and
    # the largest difference from the other answers, with its interval.
    name = context.t(comparison.factor)
    if not context.significant(comparison.factor):
        return context.t("finding_spread_none", factor=name)
    differences = [
        d
        for d in group_against_rest(comparison.factor, comparison)
        if may_be_headline(d, context.family_or_empty())
    ]
    if not differences:
        return context.t("finding_spread_none", factor=name)
    largest = max(differences, key=lambda d: abs(d.points))
    return context.t(
        "finding_spread",
        factor=name,
        group=context.level(largest.group, comparison.factor),
        points=texts.points(context.lang, largest.points, largest.low, largest.high),
        n=texts.count(context.lang, largest.group_n),
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
        if context.significant(comparison.factor)
        and pair.p_holm < SIGNIFICANT
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
    comparison = GroupComparison("time_band", time_to_close.bands, time_to_close.correlation)
    # Each band against all the others, not the two end bands: the last band is often small.
    differences = [
        d
        for d in group_against_rest("time_to_close", comparison)
        if may_be_headline(d, context.family_or_empty())
    ]
    if differences:
        largest = max(differences, key=lambda d: abs(d.points))
        finding = context.t(
            "finding_time",
            band=context.level(largest.group),
            points=texts.points(context.lang, largest.points, largest.low, largest.high),
            n=texts.count(context.lang, largest.group_n),
        )
    else:
        finding = context.t("finding_time_none")
    table = group_table(context, comparison)
    chart = time_chart(time_to_close, context, title=finding)
    findings = (finding, test_sentence(context, time_to_close.correlation, "time_to_close"))
    return Section("time", context.t("time"), findings, (table,), (chart,))


def emergency_section(context: Context) -> Section:
    """Cases opened during an emergency period against the others."""
    if context.analysis.answers == 0:
        return Section("emergency", context.t("emergency"), (context.t("no_answers"),))
    comparison = context.analysis.emergency
    groups_by_name = {g.group: g for g in comparison.groups}
    emergency, ordinary = groups_by_name.get("emergency"), groups_by_name.get("ordinary")
    k = suppression.DEFAULT_THRESHOLD
    if emergency is not None and ordinary is not None and min(emergency.n, ordinary.n) >= k:
        gap = two_groups("emergency", "emergency", emergency, ordinary)
        finding = context.t(
            "finding_emergency",
            emergency=context.percent(emergency.csat.estimate),
            ordinary=context.percent(ordinary.csat.estimate),
            points=texts.points(context.lang, gap.points, gap.low, gap.high),
        )
    else:
        finding = context.t("finding_emergency_missing")
    groups = (context.level("emergency"), context.level("ordinary"))
    findings = (finding, test_sentence(context, comparison.test, "emergency", groups=groups))
    return Section(
        "emergency", context.t("emergency"), findings, (group_table(context, comparison),)
    )
