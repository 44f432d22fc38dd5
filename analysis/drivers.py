"""Drivers of overall satisfaction: how much of its variance each scale accounts for, and where
each scale stands today ("fix first": important and low).

Relative importance is the Shapley decomposition of R² (LMG: Lindeman, Merenda & Gold 1980;
Grömping 2007, The American Statistician 61, 139-147): a scale's share is its gain in R² when
added to a regression of the outcome on the other scales, averaged over every order in which
the scales could be added. The shares add up to the model's R², they do not depend on the
order the scales are listed in, and, unlike standardised coefficients or simple correlations,
they split fairly the variance that correlated scales (all the scales of one survey are)
explain together. With the handful of scales a consultation has, every subset is fitted
exactly (2^m regressions, 64 for six scales). Intervals are bootstrap percentiles over
respondents (Efron & Tibshirani 1993), seeded so that a page shows the same figures each time.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

import msgspec
import numpy as np

from analysis.results import Estimate, estimate, not_enough

FIX_FIRST = "fix_first"  # above-average importance, below-median score
STRENGTH = "strength"  # above-average importance, at or above the median score
SECONDARY = "secondary"  # below-average importance, below-median score
MAINTAIN = "maintain"  # below-average importance, at or above the median score

MIN_RESPONDENTS = 30  # fewer, and a regression on six scales says little
BOOTSTRAP_SAMPLES = 400


class Driver(msgspec.Struct, frozen=True, kw_only=True):
    """A scale's share of R² (with its bootstrap interval) beside its current score."""

    scale: str
    importance: Estimate
    share_of_r2: float | None  # importance / R², the part of what is explained
    score: float | None  # the scale's current favourable share (0-1)
    quadrant: str | None


class DriverAnalysis(msgspec.Struct, frozen=True, kw_only=True):
    outcome: str
    n: int
    r2: Estimate
    drivers: tuple[Driver, ...]
    status: str = "ok"


def _covariances(data: np.ndarray) -> np.ndarray:
    """Covariance matrices of a stack of samples: (samples, n, k) -> (samples, k, k)."""
    centred = data - data.mean(axis=1, keepdims=True)
    return np.einsum("bni,bnj->bij", centred, centred) / (data.shape[1] - 1)


def _r2_of_subsets(covariance: np.ndarray) -> dict[frozenset[int], np.ndarray]:
    """R² of the least-squares fit of the last variable on every subset of the others, for a
    stack of covariance matrices at once: R²(S) = c_yS' C_SS⁺ c_yS / var(y)."""
    m = covariance.shape[-1] - 1
    c_xy, var_y = covariance[:, :m, m], covariance[:, m, m]
    safe_var = np.where(var_y > 0, var_y, np.nan)
    r2: dict[frozenset[int], np.ndarray] = {frozenset(): np.zeros(covariance.shape[0])}
    for size in range(1, m + 1):
        for subset in itertools.combinations(range(m), size):
            index = list(subset)
            inverse = np.linalg.pinv(covariance[:, index][:, :, index])
            c = c_xy[:, index]
            explained = np.einsum("bi,bij,bj->b", c, inverse, c)
            r2[frozenset(subset)] = explained / safe_var
    return r2


def _shapley(r2: dict[frozenset[int], np.ndarray], m: int) -> np.ndarray:
    """Each variable's Shapley share of R², for every stacked sample: (samples, m)."""
    shares = np.zeros((next(iter(r2.values())).shape[0], m))
    for j in range(m):
        others = [i for i in range(m) if i != j]
        for size in range(m):
            # Orders in which j comes right after a given set S of `size` others:
            # size! (m - 1 - size)! of the m! orders.
            weight = math.factorial(size) * math.factorial(m - 1 - size) / math.factorial(m)
            for subset in itertools.combinations(others, size):
                before = frozenset(subset)
                shares[:, j] += weight * (r2[before | {j}] - r2[before])
    return shares


def shapley_r2(y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Each column's Shapley share of R² (LMG); they sum to the full model's R²."""
    data = np.column_stack([x, y])[None]
    return _shapley(_r2_of_subsets(_covariances(data)), x.shape[1])[0]


def _quadrant(importance: float, mean_importance: float, score: float, median: float) -> str:
    if importance >= mean_importance:
        return FIX_FIRST if score < median else STRENGTH
    return SECONDARY if score < median else MAINTAIN


def driver_analysis(
    outcome: np.ndarray,
    scales: Mapping[str, np.ndarray],
    scores: Mapping[str, float | None],
    *,
    outcome_name: str = "overall_satisfaction",
    confidence: float = 0.95,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = 0,
) -> DriverAnalysis:
    """The scales' Shapley shares of the outcome's R² with bootstrap intervals, each beside its
    current score (`scores`: favourable share per scale) and placed in a quadrant: importance
    above or below the average share (R² / number of scales), score below or at/above the
    median of the scales' scores. Respondents missing the outcome or any scale are left out."""
    names: Sequence[str] = list(scales)
    y = np.asarray(outcome, dtype=np.float64)
    x = np.column_stack([np.asarray(scales[name], dtype=np.float64) for name in names])
    complete = np.isfinite(y) & np.all(np.isfinite(x), axis=1)
    y, x = y[complete], x[complete]
    n = int(y.size)
    if n < max(MIN_RESPONDENTS, len(names) + 2) or not names or float(y.var()) == 0:
        return DriverAnalysis(
            outcome=outcome_name,
            n=n,
            r2=not_enough("lmg", n),
            drivers=tuple(
                Driver(
                    scale=name,
                    importance=not_enough("lmg", n),
                    share_of_r2=None,
                    score=scores.get(name),
                    quadrant=None,
                )
                for name in names
            ),
            status="not_enough_data",
        )
    shares = shapley_r2(y, x)
    rng = np.random.default_rng(seed)
    data = np.column_stack([x, y])
    # Every resample at once: one stack of covariance matrices, each subset solved for all.
    resampled = data[rng.integers(0, n, size=(samples, n))]
    draws = _shapley(_r2_of_subsets(_covariances(resampled)), len(names))
    tail = 100 * (1 - confidence) / 2
    low = np.nanpercentile(draws, tail, axis=0)
    high = np.nanpercentile(draws, 100 - tail, axis=0)
    totals = draws.sum(axis=1)
    r2 = float(shares.sum())
    r2_estimate = estimate(
        r2,
        float(np.nanpercentile(totals, tail)),
        float(np.nanpercentile(totals, 100 - tail)),
        n,
        "ols_r2_bootstrap",
    )
    known = [value for value in (scores.get(name) for name in names) if value is not None]
    median = float(np.median(known)) if known else math.nan
    drivers = []
    for j, name in enumerate(names):
        score = scores.get(name)
        drivers.append(
            Driver(
                scale=name,
                importance=estimate(shares[j], low[j], high[j], n, "lmg_bootstrap"),
                share_of_r2=float(shares[j] / r2) if r2 > 0 else None,
                score=score,
                quadrant=None
                if score is None
                else _quadrant(float(shares[j]), r2 / len(names), score, median),
            )
        )
    return DriverAnalysis(outcome=outcome_name, n=n, r2=r2_estimate, drivers=tuple(drivers))
