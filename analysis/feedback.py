"""The full citizen-feedback analysis: metrics, comparisons, BH over the family, the model."""

from __future__ import annotations

import msgspec
import numpy as np

from analysis.adjusted import AdjustedModel, adjusted_satisfaction_model
from analysis.columns import RESOLVED, FeedbackColumns
from analysis.comparisons import (
    TIME_BANDS,
    GroupComparison,
    GroupSatisfaction,
    ResponseByChannel,
    compare_many,
    compare_two,
    group_satisfaction,
    response_by_group,
    time_band_codes,
)
from analysis.headlines import FamilyMember, testing_family
from analysis.metrics import (
    csat_top2,
    customer_effort,
    mean_score,
    net_promoter,
    resolution_rate,
    response_rate,
)
from analysis.rank_tests import Ranking, rank_table, rank_values, spearman
from analysis.results import Estimate, HypothesisTest

FACTORS = ("channel", "request_type", "requester_kind", "topic", "region")


class Overview(msgspec.Struct, frozen=True):
    """Headline metrics over all answers."""

    csat: Estimate
    mean_satisfaction: Estimate
    resolution_rate: Estimate
    effort: Estimate
    nps: Estimate
    response_rate: Estimate


class TimeToClose(msgspec.Struct, frozen=True):
    """Spearman of days to close against the score, and CSAT/mean per time band."""

    correlation: HypothesisTest
    bands: tuple[GroupSatisfaction, ...]


class FeedbackAnalysis(msgspec.Struct, frozen=True):
    """Everything management reads about citizens' satisfaction (no charts)."""

    cases: int
    answers: int
    overview: Overview
    by_path: GroupComparison
    by_factor: tuple[GroupComparison, ...]
    time_to_close: TimeToClose
    emergency: GroupComparison
    response_by_channel: ResponseByChannel
    family: tuple[FamilyMember, ...]
    model: AdjustedModel


def overview(columns: FeedbackColumns, invited: np.ndarray) -> Overview:
    """Headline metrics; the response rate is over invited (closed) cases."""
    resolved = columns.resolved
    answer_codes = [resolved.code(level) for level in RESOLVED]
    return Overview(
        csat=csat_top2(columns.satisfaction),
        mean_satisfaction=mean_score(columns.satisfaction),
        resolution_rate=resolution_rate(
            resolved.codes, resolved.code("yes"), np.isin(resolved.codes, answer_codes)
        ),
        effort=customer_effort(columns.effort),
        nps=net_promoter(columns.recommend),
        response_rate=response_rate(columns.answered[invited]),
    )


def _time_to_close(columns: FeedbackColumns, scored: np.ndarray, ranking: Ranking) -> TimeToClose:
    days = columns.days_to_close[scored]
    closed = np.isfinite(days)
    bands = np.where(closed, time_band_codes(np.nan_to_num(days)), len(TIME_BANDS))
    table = rank_table(ranking, bands, len(TIME_BANDS) + 1)[: len(TIME_BANDS)]
    return TimeToClose(
        correlation=spearman(days[closed], columns.satisfaction[scored][closed]),
        bands=group_satisfaction(table, ranking.levels, TIME_BANDS),
    )


def _path_codes(columns: FeedbackColumns, scored: np.ndarray) -> np.ndarray:
    # Front Office = 0, Back Office = 1, anything else (open) = 2 and left out of the test.
    path = columns.resolution_path
    codes = path.codes[scored]
    mapped = np.full(codes.size, 2, dtype=np.int64)
    mapped[codes == path.code("front_office")] = 0
    mapped[codes == path.code("back_office")] = 1
    return mapped


def _family(analysis_tests: list[tuple[str, HypothesisTest]]) -> tuple[FamilyMember, ...]:
    return testing_family((name, test.p_value) for name, test in analysis_tests).members


def analyse_feedback(columns: FeedbackColumns) -> FeedbackAnalysis:
    """Run every metric, comparison and the adjusted model on cases joined with answers."""
    scored = np.isfinite(columns.satisfaction)
    invited = ~np.isnat(columns.closed_at)
    ranking = rank_values(columns.satisfaction[scored])
    by_path = compare_two(
        ranking, _path_codes(columns, scored), ("front_office", "back_office"), "resolution_path"
    )
    by_factor = tuple(
        compare_many(
            ranking, getattr(columns, name).codes[scored], getattr(columns, name).levels, name
        )
        for name in FACTORS
    )
    emergency = compare_two(
        ranking,
        (~columns.in_emergency[scored]).astype(np.int64),
        ("emergency", "ordinary"),
        "emergency",
    )
    time_to_close = _time_to_close(columns, scored, ranking)
    channel = columns.channel
    response = response_by_group(
        columns.answered[invited], channel.codes[invited].astype(np.int64), channel.levels
    )
    tests = [
        ("resolution_path", by_path.test),
        *((comparison.factor, comparison.test) for comparison in by_factor),
        ("time_to_close", time_to_close.correlation),
        ("emergency", emergency.test),
        ("response_by_channel", response.test),
    ]
    return FeedbackAnalysis(
        cases=len(columns),
        answers=int(np.count_nonzero(scored)),
        overview=overview(columns, invited),
        by_path=by_path,
        by_factor=by_factor,
        time_to_close=time_to_close,
        emergency=emergency,
        response_by_channel=response,
        family=_family(tests),
        model=adjusted_satisfaction_model(columns),
    )
