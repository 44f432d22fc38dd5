"""Waves of a consultation compared: each comparable scale's mean and favourable share, this
wave against the one it follows, with intervals for the change and a test of it.

The two waves are anonymous, so they cannot be paired: a referent who answered both is two
unlinked answers. They are compared as independent samples, which is conservative when the
same people answer twice (their answers correlate, so the true variance of the change is
smaller than the one assumed here).

- Mean: Welch's t interval and test (unequal variances; Welch 1947).
- Favourable share (a respondent whose items, turned the scale's way, average at "agree" or
  above): each wave's share with Wilson's interval, the change with Newcombe's hybrid score
  interval (Newcombe 1998, Stat. Med. 17, 873-890, method 10) and the two-proportion z test
  with the pooled variance (Pearson's chi-square without continuity correction).
- One family per comparison: Holm's adjustment over every test of every scale, so that with
  seven scales and two measures each a change is not found merely because fourteen were
  looked for.

Scales whose items changed wording between the waves are not compared at all: their figures
are shown apart, each wave on its own (`apart`).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping

import msgspec
import numpy as np
from scipy import special, stats

from analysis.intervals import mean_t, wilson
from analysis.multiple_testing import holm
from analysis.results import Estimate, HypothesisTest, estimate, not_enough, untestable

UP, DOWN, NO_CHANGE = "up", "down", "no_change"


class WaveFigures(msgspec.Struct, frozen=True, kw_only=True):
    """One wave's figures on one scale: the mean score and the favourable share."""

    mean: Estimate
    favourable: Estimate


class ScaleChange(msgspec.Struct, frozen=True, kw_only=True):
    """A scale from the earlier wave to the later one: changes (later minus earlier) with
    their intervals, the tests, Holm-adjusted p-values and the verdict."""

    scale: str
    earlier: WaveFigures
    later: WaveFigures
    mean_change: Estimate
    favourable_change: Estimate
    mean_test: HypothesisTest
    favourable_test: HypothesisTest
    mean_p_adjusted: float | None
    favourable_p_adjusted: float | None
    verdict: str  # UP, DOWN or NO_CHANGE, from the mean's adjusted test


class WaveComparison(msgspec.Struct, frozen=True, kw_only=True):
    """Every comparable scale compared; `apart` lists the scales that changed and were not."""

    confidence: float
    scales: tuple[ScaleChange, ...]
    apart: tuple[str, ...]


class WaveScores(msgspec.Struct, frozen=True, kw_only=True):
    """One wave's respondents on one scale: scale scores and favourable flags (1, 0; NaN where
    the respondent has no score), aligned respondent by respondent."""

    scores: np.ndarray
    favourable: np.ndarray


def _finite(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)
    return values[np.isfinite(values)]


def wave_figures(wave: WaveScores, confidence: float = 0.95) -> WaveFigures:
    """A wave's mean (t interval) and favourable share (Wilson interval) on a scale."""
    scores, favourable = _finite(wave.scores), _finite(wave.favourable)
    return WaveFigures(
        mean=mean_t(int(scores.size), float(scores.sum()), float(scores @ scores), confidence),
        favourable=wilson(int(favourable.sum()), int(favourable.size), confidence),
    )


def mean_change(
    earlier: np.ndarray, later: np.ndarray, confidence: float = 0.95
) -> tuple[Estimate, HypothesisTest]:
    """Later minus earlier mean, with Welch's interval and test."""
    a, b = _finite(earlier), _finite(later)
    n = int(a.size + b.size)
    if a.size < 2 or b.size < 2:
        return not_enough("welch", n), untestable("welch_t", n, "fewer than 2 scores in a wave")
    va, vb = float(a.var(ddof=1)) / a.size, float(b.var(ddof=1)) / b.size
    difference = float(b.mean() - a.mean())
    if va + vb == 0:
        return (
            estimate(difference, difference, difference, n, "welch"),
            untestable("welch_t", n, "no spread in either wave"),
        )
    df = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1))
    se = math.sqrt(va + vb)
    half = float(stats.t.ppf(0.5 + confidence / 2, df)) * se
    statistic = difference / se
    p = float(2 * stats.t.sf(abs(statistic), df))
    change = estimate(difference, difference - half, difference + half, n, "welch")
    test = HypothesisTest(
        test="welch_t", statistic=statistic, p_value=p, n=n, df=df, effect_name="mean_change"
    )
    return change, test


def favourable_change(
    earlier: np.ndarray, later: np.ndarray, confidence: float = 0.95
) -> tuple[Estimate, HypothesisTest]:
    """Later minus earlier favourable share: Newcombe's hybrid score interval and the pooled
    two-proportion z test."""
    a, b = _finite(earlier), _finite(later)
    n1, n2 = int(a.size), int(b.size)
    if n1 == 0 or n2 == 0:
        method = "newcombe_hybrid_score"
        return not_enough(method, n1 + n2), untestable(
            "two_proportion_z", n1 + n2, "a wave is empty"
        )
    x1, x2 = int(a.sum()), int(b.sum())
    p1, p2 = x1 / n1, x2 / n2
    first, second = wilson(x1, n1, confidence), wilson(x2, n2, confidence)
    assert first.low is not None and first.high is not None  # n > 0
    assert second.low is not None and second.high is not None
    difference = p2 - p1
    low = difference - math.sqrt((p2 - second.low) ** 2 + (first.high - p1) ** 2)
    high = difference + math.sqrt((second.high - p2) ** 2 + (p1 - first.low) ** 2)
    change = estimate(difference, low, high, n1 + n2, "newcombe_hybrid_score")
    pooled = (x1 + x2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if variance == 0:
        return change, untestable("two_proportion_z", n1 + n2, "every answer on one side")
    statistic = difference / math.sqrt(variance)
    p = float(2 * special.ndtr(-abs(statistic)))
    test = HypothesisTest(
        test="two_proportion_z",
        statistic=statistic,
        p_value=p,
        n=n1 + n2,
        effect_name="favourable_change",
    )
    return change, test


def compare_waves(
    earlier: Mapping[str, WaveScores],
    later: Mapping[str, WaveScores],
    *,
    comparable: Collection[str],
    confidence: float = 0.95,
) -> WaveComparison:
    """Each scale in `comparable` (and in both waves) compared; the others set apart.

    A change is called (UP or DOWN) when the mean's Holm-adjusted p-value is below
    1 - `confidence`, the level of the intervals shown beside it."""
    compared = [scale for scale in later if scale in earlier and scale in comparable]
    apart = tuple(scale for scale in {**earlier, **later} if scale not in compared)
    pieces = []
    for scale in compared:
        mean, mean_test = mean_change(earlier[scale].scores, later[scale].scores, confidence)
        share, share_test = favourable_change(
            earlier[scale].favourable, later[scale].favourable, confidence
        )
        pieces.append((scale, mean, mean_test, share, share_test))
    p_values = [
        test.p_value
        for _, _, mean_test, _, share_test in pieces
        for test in (mean_test, share_test)
        if test.p_value is not None
    ]
    adjusted = iter(holm(p_values).tolist())
    alpha = 1 - confidence
    changes = []
    for scale, mean, mean_test, share, share_test in pieces:
        mean_p = next(adjusted) if mean_test.p_value is not None else None
        share_p = next(adjusted) if share_test.p_value is not None else None
        verdict = NO_CHANGE
        if mean_p is not None and mean_p < alpha and mean.estimate is not None:
            verdict = UP if mean.estimate > 0 else DOWN
        changes.append(
            ScaleChange(
                scale=scale,
                earlier=wave_figures(earlier[scale], confidence),
                later=wave_figures(later[scale], confidence),
                mean_change=mean,
                favourable_change=share,
                mean_test=mean_test,
                favourable_test=share_test,
                mean_p_adjusted=mean_p,
                favourable_p_adjusted=share_p,
                verdict=verdict,
            )
        )
    return WaveComparison(confidence=confidence, scales=tuple(changes), apart=apart)


def favourable_flags(item_scores: np.ndarray, agree_from: float) -> np.ndarray:
    """Per respondent: 1 when the mean of their answered items (respondents x items, turned
    the scale's way, NaN where unanswered) is at `agree_from` or above, 0 below, NaN when
    they answered none."""
    answered = np.isfinite(item_scores)
    counts = answered.sum(axis=1)
    sums = np.where(answered, item_scores, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums / counts
    return np.where(counts > 0, (means >= agree_from - 1e-9).astype(np.float64), np.nan)


__all__ = [
    "DOWN",
    "NO_CHANGE",
    "UP",
    "ScaleChange",
    "WaveComparison",
    "WaveFigures",
    "WaveScores",
    "compare_waves",
    "favourable_change",
    "favourable_flags",
    "mean_change",
    "wave_figures",
]
