"""The wave comparison and the heatmap as downloadable tables: one row per figure, blank
(with the reason) where the figure is hidden, exactly as the pages and JSON hide it."""

from __future__ import annotations

from analysis.results import Estimate
from survey.consultations.schemas import HeatmapOut, WaveComparisonOut
from survey.web.exports import Table

COMPARISON_COLUMNS = (
    "scale",
    "title",
    "measure",
    "earlier",
    "later",
    "change",
    "change_low",
    "change_high",
    "p_value",
    "p_adjusted_holm",
    "verdict",
)
HEATMAP_COLUMNS = (
    "group",
    "label",
    "scale",
    "title",
    "respondents",
    "favourable",
    "low",
    "high",
    "reason",
)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def comparison_table(comparison: WaveComparisonOut) -> Table:
    """Per compared scale, the mean and the favourable share of each wave and their change;
    scales apart with each wave alone and "not compared"."""
    rows: list[list[object]] = []
    if not comparison.shown:
        rows.append(["", "", "", "", "", "", "", "", "", "", comparison.note or ""])
        return Table(COMPARISON_COLUMNS, rows)
    for compared in comparison.scales:
        change = compared.change
        for measure, earlier, later, difference, test, adjusted in (
            (
                "mean",
                change.earlier.mean,
                change.later.mean,
                change.mean_change,
                change.mean_test,
                change.mean_p_adjusted,
            ),
            (
                "favourable_share",
                change.earlier.favourable,
                change.later.favourable,
                change.favourable_change,
                change.favourable_test,
                change.favourable_p_adjusted,
            ),
        ):
            rows.append(
                [
                    compared.scale,
                    compared.title,
                    measure,
                    _number(earlier.estimate),
                    _number(later.estimate),
                    _number(difference.estimate),
                    _number(difference.low),
                    _number(difference.high),
                    _number(test.p_value),
                    _number(adjusted),
                    change.verdict if measure == "mean" else "",
                ]
            )
    for apart in comparison.apart:
        for measure in ("mean", "favourable_share"):
            rows.append(
                [
                    apart.scale,
                    apart.title,
                    measure,
                    _estimate(apart.earlier, measure),
                    _estimate(apart.later, measure),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "not_compared",
                ]
            )
    return Table(COMPARISON_COLUMNS, rows)


def _estimate(figures, measure: str) -> str:
    if figures is None:
        return ""
    value: Estimate = figures.mean if measure == "mean" else figures.favourable
    return _number(value.estimate)


def heatmap_table(out: HeatmapOut) -> Table:
    """One row per group and scale, the whole consultation last; hidden cells blank."""
    heatmap = out.heatmap
    rows: list[list[object]] = []
    for row in (*heatmap.rows, heatmap.total):
        label = out.group_labels.get(row.group, "") if row is not heatmap.total else "all"
        for cell in row.cells:
            favourable = cell.favourable
            rows.append(
                [
                    row.group,
                    label,
                    cell.scale,
                    out.scale_titles[cell.scale],
                    "" if cell.n is None else cell.n,
                    _number(favourable.estimate) if favourable else "",
                    _number(favourable.low) if favourable else "",
                    _number(favourable.high) if favourable else "",
                    cell.reason,
                ]
            )
    return Table(HEATMAP_COLUMNS, rows)
