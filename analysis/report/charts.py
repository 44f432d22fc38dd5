"""The report's charts: `analysis.charts` drawn with the report's labels and titles.

The analysis charts title themselves in English from their results; the report gives each one
the finding it states in the report's language, and names groups as the tables do.
"""

from __future__ import annotations

import textwrap

import matplotlib
import msgspec

from analysis import suppression
from analysis.charts import (
    Chart,
    ewma_chart,
    monthly_trend_chart,
    response_rate_chart,
    satisfaction_by_group,
    score_by_time_to_close,
)
from analysis.comparisons import GroupComparison, ResponseByChannel
from analysis.feedback import TimeToClose
from analysis.report.structure import Context
from analysis.trend import MonthlyTrend, WeeklyEwma

TITLE_WIDTH = 72  # characters of a bold 10-point title across a 7-inch figure


def relabel(
    chart: Chart,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    description: str,
    legend: tuple[str, ...] = (),
) -> Chart:
    """The chart titled with the report's finding; `description` says, for screen readers,
    what it draws (its alternative text starts with it)."""
    axes = chart.figure.axes[0]
    wrapped = "\n".join(textwrap.wrap(title, TITLE_WIDTH))
    with matplotlib.rc_context({"font.size": 9}):
        axes.set_title(wrapped, loc="left", fontsize=10, fontweight="bold")
        axes.set_xlabel(xlabel)
        axes.set_ylabel(ylabel)
        current = axes.get_legend()
        if current is not None and legend:
            for entry, label in zip(current.get_texts(), legend, strict=False):
                entry.set_text(label)
    return Chart(title, chart.figure, description)


def shown_groups(comparison: GroupComparison, context: Context) -> GroupComparison:
    """Groups with at least k answers (anonymity), named in the report's language."""
    groups = tuple(
        msgspec.structs.replace(group, group=context.level(group.group, comparison.factor))
        for group in comparison.groups
        if group.n >= suppression.DEFAULT_THRESHOLD
    )
    return msgspec.structs.replace(comparison, groups=groups)


def group_chart(comparison: GroupComparison, context: Context, *, title: str) -> Chart:
    """CSAT with its interval per group (groups under k answers left out)."""
    shown = shown_groups(comparison, context)
    chart = satisfaction_by_group(shown)
    # Twenty regions need more room than five channels for their names.
    chart.figure.set_size_inches(max(7.0, 0.42 * len(shown.groups)), 4.0)
    return relabel(
        chart,
        title=title,
        xlabel=f"{context.t(comparison.factor)} {context.t('chart_small')}",
        ylabel=context.t("chart_csat_axis"),
        description=context.t("chart_alt_groups", factor=context.t(comparison.factor)),
    )


def time_chart(time_to_close: TimeToClose, context: Context, *, title: str) -> Chart:
    """Mean score per time-to-close band."""
    bands = tuple(
        msgspec.structs.replace(band, group=context.level(band.group))
        for band in time_to_close.bands
    )
    chart = score_by_time_to_close(msgspec.structs.replace(time_to_close, bands=bands))
    return relabel(
        chart,
        title=title,
        xlabel=context.t("chart_time_axis"),
        ylabel=context.t("mean"),
        description=context.t("chart_alt_time"),
    )


def response_chart(response: ResponseByChannel, context: Context, *, title: str) -> Chart:
    """Response rate per channel; channels with fewer than k invited are not drawn."""
    rates = tuple((context.level(code, "channel"), rate) for code, rate in response.rates)
    chart = response_rate_chart(msgspec.structs.replace(response, rates=rates))
    axes = chart.figure.axes[0]
    for note in axes.texts:  # the analysis chart names hidden channels in English
        hidden = note.get_text().split(":")[0]
        note.set_text(context.t("chart_hidden", channels=hidden))
    return relabel(
        chart,
        title=title,
        xlabel=context.t("channel"),
        ylabel=context.t("chart_response_axis"),
        description=context.t("chart_alt_response"),
    )


def trend_chart(trend: MonthlyTrend, context: Context, *, title: str) -> Chart:
    """Monthly CSAT as a p-chart with emergencies shaded."""
    return relabel(
        monthly_trend_chart(trend),
        title=title,
        xlabel=context.t("chart_month_axis"),
        ylabel=context.t("chart_csat_axis"),
        description=context.t("chart_alt_trend"),
        legend=tuple(
            context.t(key)
            for key in ("chart_csat", "chart_limits", "chart_average", "chart_emergency")
        ),
    )


def weekly_ewma_chart(ewma: WeeklyEwma, context: Context, *, title: str) -> Chart:
    """Weekly CSAT with its EWMA and limits, signals marked."""
    return relabel(
        ewma_chart(ewma),
        title=title,
        xlabel=context.t("chart_week_axis"),
        ylabel=context.t("chart_csat_axis"),
        description=context.t("chart_alt_ewma"),
        legend=tuple(
            context.t(key)
            for key in (
                "chart_weekly",
                "chart_ewma",
                "chart_ewma_limits",
                "chart_average",
                "chart_signal",
            )
        ),
    )
