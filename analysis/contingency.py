"""Pearson's chi-square test of independence on a table of counts."""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from analysis.results import Estimate, HypothesisTest, estimate, untestable


def chi_square_independence(table: np.ndarray) -> HypothesisTest:
    """Chi-square test of independence (no continuity correction) with Cramer's V.

    Empty rows and columns are dropped first: they carry no information and would make the
    expected counts zero. Cramer's V = sqrt(chi2 / (N (min(r, c) - 1))) (Cramer 1946).
    """
    counts = np.asarray(table, dtype=np.float64)
    counts = counts[counts.sum(axis=1) > 0][:, counts.sum(axis=0) > 0]
    total = float(counts.sum())
    if counts.ndim != 2 or min(counts.shape) < 2:
        return untestable("chi_square", int(total), "fewer than two non-empty rows or columns")
    expected = np.outer(counts.sum(axis=1), counts.sum(axis=0)) / total
    statistic = float(np.sum((counts - expected) ** 2 / expected))
    df = (counts.shape[0] - 1) * (counts.shape[1] - 1)
    note = "some expected counts below 5" if np.any(expected < 5) else ""
    return HypothesisTest(
        test="chi_square",
        statistic=statistic,
        p_value=float(stats.chi2.sf(statistic, df)),
        n=int(total),
        df=float(df),
        effect_name="cramers_v",
        effect=_cramers_v(statistic, total, min(counts.shape)),
        note=note,
    )


def _cramers_v(statistic: float, total: float, smaller_side: int) -> Estimate:
    value = math.sqrt(statistic / (total * (smaller_side - 1)))
    return estimate(value, math.nan, math.nan, int(total), "cramers_v")
