"""Comparisons of satisfaction between groups of cases, all from group x score tables."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
import numpy as np

from analysis.contingency import chi_square_independence
from analysis.intervals import mean_t, wilson
from analysis.rank_tests import (
    DunnComparison,
    KruskalWallis,
    Ranking,
    kruskal_wallis_from_table,
    mann_whitney_from_table,
    rank_table,
)
from analysis.results import SMALL_GROUP, Estimate, HypothesisTest

# Calendar days to close: same day, 1-3, 4-7, 8-30, more than 30.
TIME_BAND_EDGES = (1, 4, 8, 31)
TIME_BANDS = ("same_day", "1_3_days", "4_7_days", "8_30_days", "over_30_days")

# If one channel's response rate is more than 1.5 times another's, the respondents are a
# differently filtered sample per channel (e.g. phone callers reached by IVR answer far more
# than letter writers): raw per-channel comparisons then mix channel effects with who chose to
# answer, so they should be read with the post-stratified figures beside them.
RESPONSE_RATE_RATIO_WARNING = 1.5


class GroupSatisfaction(msgspec.Struct, frozen=True):
    """CSAT (top-2-box) and mean score of one group."""

    group: str
    n: int
    csat: Estimate
    mean: Estimate
    small_group: bool


class GroupComparison(msgspec.Struct, frozen=True):
    """Satisfaction by group with the test that compares the groups."""

    factor: str
    groups: tuple[GroupSatisfaction, ...]
    test: HypothesisTest
    dunn: tuple[DunnComparison, ...] = ()


def group_satisfaction(
    table: np.ndarray, levels: np.ndarray, labels: Sequence[str]
) -> tuple[GroupSatisfaction, ...]:
    """CSAT and mean per group from a groups x score-levels table of counts."""
    top2 = table[:, levels >= 4].sum(axis=1)
    sizes = table.sum(axis=1)
    sums, squares = table @ levels, table @ (levels * levels)
    return tuple(
        GroupSatisfaction(
            group=label,
            n=int(size),
            csat=wilson(int(top), int(size)),
            mean=mean_t(int(size), float(total), float(square)),
            small_group=bool(size < SMALL_GROUP),
        )
        for label, size, top, total, square in zip(labels, sizes, top2, sums, squares, strict=True)
    )


def compare_two(
    ranking: Ranking, groups: np.ndarray, labels: tuple[str, str], factor: str
) -> GroupComparison:
    """Mann-Whitney between group code 0 and group code 1 (other codes ignored)."""
    table = rank_table(ranking, groups, max(2, int(groups.max(initial=0)) + 1))[:2]
    return GroupComparison(
        factor=factor,
        groups=group_satisfaction(table, ranking.levels, labels),
        test=mann_whitney_from_table(table),
    )


def compare_many(
    ranking: Ranking, groups: np.ndarray, labels: Sequence[str], factor: str
) -> GroupComparison:
    """Kruskal-Wallis with epsilon squared and Dunn-Holm across all groups with answers."""
    table = rank_table(ranking, groups, len(labels))
    present = table.sum(axis=1) > 0
    kept_labels = [label for label, keep in zip(labels, present, strict=True) if keep]
    result: KruskalWallis = kruskal_wallis_from_table(table[present], kept_labels)
    return GroupComparison(
        factor=factor,
        groups=group_satisfaction(table[present], ranking.levels, kept_labels),
        test=result.test,
        dunn=result.dunn,
    )


def time_band_codes(days: np.ndarray) -> np.ndarray:
    """Band index of each calendar-days-to-close value."""
    return np.digitize(days, TIME_BAND_EDGES)


class ResponseByChannel(msgspec.Struct, frozen=True):
    """Response rate per channel, the chi-square test and the bias warning."""

    rates: tuple[tuple[str, Estimate], ...]
    test: HypothesisTest
    max_min_ratio: float | None
    bias_warning: bool


def response_by_group(
    answered: np.ndarray, groups: np.ndarray, labels: Sequence[str]
) -> ResponseByChannel:
    """Response rate per group, chi-square of group x answered, and the max/min ratio flag."""
    size = len(labels)
    invited = np.bincount(groups, minlength=size)
    responded = np.bincount(groups, weights=answered.astype(np.float64), minlength=size).astype(
        np.int64
    )
    present = invited > 0
    rates = tuple(
        (labels[int(i)], wilson(int(responded[i]), int(invited[i])))
        for i in np.flatnonzero(present)
    )
    test = chi_square_independence(np.column_stack([responded, invited - responded]))
    shares = responded[present] / invited[present]
    ratio = float(shares.max() / shares.min()) if shares.size and shares.min() > 0 else None
    warning = (ratio is None and shares.size > 1) or (ratio or 0) > RESPONSE_RATE_RATIO_WARNING
    return ResponseByChannel(rates, test, ratio, bool(warning))
