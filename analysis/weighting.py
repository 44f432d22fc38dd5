"""Who answered: respondents against non-respondents, post-stratification, sample size."""

from __future__ import annotations

import math

import msgspec
import numpy as np

from analysis.columns import Factor, FeedbackColumns
from analysis.contingency import chi_square_independence
from analysis.intervals import Z95, z_for
from analysis.rank_tests import mann_whitney
from analysis.results import Estimate, HypothesisTest, estimate, not_enough


class ShareComparison(msgspec.Struct, frozen=True):
    """Shares of each level among respondents and non-respondents, with the chi-square test."""

    factor: str
    levels: tuple[str, ...]
    respondent_shares: tuple[float, ...]
    nonrespondent_shares: tuple[float, ...]
    test: HypothesisTest


class NonResponse(msgspec.Struct, frozen=True):
    """How respondents differ from the invited cases that did not answer."""

    respondents: int
    nonrespondents: int
    by_factor: tuple[ShareComparison, ...]
    days_to_close: HypothesisTest


def _shares(counts: np.ndarray) -> tuple[float, ...]:
    total = counts.sum()
    return tuple(float(c / total) if total else 0.0 for c in counts)


def compare_respondents(columns: FeedbackColumns) -> NonResponse:
    """Chi-square on channel, type and path; Mann-Whitney on days to close (invited cases)."""
    invited = ~np.isnat(columns.closed_at)
    answered = columns.answered[invited]
    comparisons = []
    for name in ("channel", "request_type", "resolution_path"):
        factor: Factor = getattr(columns, name)
        codes = factor.codes[invited].astype(np.int64)
        size = len(factor.levels)
        yes = np.bincount(codes[answered], minlength=size)
        no = np.bincount(codes[~answered], minlength=size)
        comparisons.append(
            ShareComparison(
                name,
                factor.levels,
                _shares(yes),
                _shares(no),
                chi_square_independence(np.column_stack([yes, no])),
            )
        )
    days = columns.days_to_close[invited]
    return NonResponse(
        respondents=int(answered.sum()),
        nonrespondents=int((~answered).sum()),
        by_factor=tuple(comparisons),
        days_to_close=mann_whitney(days[answered], days[~answered]),
    )


class StratumWeight(msgspec.Struct, frozen=True):
    """One channel x path cell: population and respondent counts and the resulting weight."""

    channel: str
    path: str
    population: int
    respondents: int
    weight: float | None
    empty: bool


class Reweighted(msgspec.Struct, frozen=True):
    """Post-stratified CSAT and mean with Kish's effective sample size."""

    strata: tuple[StratumWeight, ...]
    uncovered_population_share: float
    csat: Estimate
    mean: Estimate
    effective_n: float | None


def post_stratify(columns: FeedbackColumns) -> Reweighted:
    """Weights = population share / respondent share per channel x path cell.

    Cells with invited cases but no respondents cannot be weighted; they are flagged `empty`
    and their population share is spread over the covered cells (weights renormalised), and
    `uncovered_population_share` says how much of the population that concerns.
    """
    invited = ~np.isnat(columns.closed_at)
    channel, path = columns.channel, columns.resolution_path
    width = len(path.levels)
    cell = channel.codes.astype(np.int64) * width + path.codes
    size = len(channel.levels) * width
    population = np.bincount(cell[invited], minlength=size)
    scored = invited & np.isfinite(columns.satisfaction)
    respondents = np.bincount(cell[scored], minlength=size)
    covered = respondents > 0
    pop_share = population / max(population.sum(), 1)
    resp_share = respondents / max(respondents.sum(), 1)
    covered_share = float(pop_share[covered].sum())
    weights = np.zeros(size)
    weights[covered] = pop_share[covered] / covered_share / resp_share[covered]
    strata = tuple(
        StratumWeight(
            channel.levels[i // width],
            path.levels[i % width],
            int(population[i]),
            int(respondents[i]),
            float(weights[i]) if covered[i] else None,
            not covered[i],
        )
        for i in np.flatnonzero(population > 0)
    )
    w = weights[cell[scored]]
    scores = columns.satisfaction[scored]
    return Reweighted(
        strata=strata,
        uncovered_population_share=1.0 - covered_share if population.sum() else 0.0,
        csat=_weighted_share(scores >= 4, w),
        mean=_weighted_mean(scores, w),
        effective_n=kish_effective_n(w) if w.size else None,
    )


def kish_effective_n(weights: np.ndarray) -> float:
    """Kish (1965) effective sample size (sum w)^2 / sum w^2."""
    return float(weights.sum() ** 2 / (weights @ weights))


def _weighted_share(flags: np.ndarray, w: np.ndarray) -> Estimate:
    # Normal interval with the design effect folded in through Kish's effective n.
    if w.size == 0:
        return not_enough("weighted_share", 0)
    p = float(flags @ w / w.sum())
    n_eff = kish_effective_n(w)
    half = Z95 * math.sqrt(p * (1 - p) / n_eff)
    return estimate(p, max(0.0, p - half), min(1.0, p + half), int(w.size), "weighted_share_kish")


def _weighted_mean(scores: np.ndarray, w: np.ndarray) -> Estimate:
    if w.size < 2:
        return not_enough("weighted_mean", int(w.size))
    n_eff = kish_effective_n(w)
    mean = float(scores @ w / w.sum())
    variance = float(((scores - mean) ** 2) @ w / w.sum())
    half = Z95 * math.sqrt(variance / n_eff)
    return estimate(mean, mean - half, mean + half, int(w.size), "weighted_mean_kish")


def sample_size(
    margin: float, population: int | None = None, proportion: float = 0.5, confidence: float = 0.95
) -> int:
    """Answers needed to estimate a share within +/- margin, with finite-population correction.

    n0 = z^2 p (1 - p) / e^2 and n = n0 / (1 + (n0 - 1) / N) (Cochran 1977, Sampling
    Techniques, eq. 4.2; the formula of Dipartimento della Funzione Pubblica (2003), "La
    customer satisfaction per la qualita dei servizi pubblici", Rubbettino, ch. on sampling).
    """
    if not 0 < margin < 1 or not 0 < proportion < 1:
        raise ValueError("margin and proportion must lie strictly between 0 and 1")
    z = z_for(confidence)
    n0 = z * z * proportion * (1 - proportion) / (margin * margin)
    if population:
        n0 = n0 / (1 + (n0 - 1) / population)
    return math.ceil(n0 - 1e-9)
