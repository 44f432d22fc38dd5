"""Confidence intervals for shares, means, NPS and correlations (95 % by default)."""

from __future__ import annotations

import math

from scipy import special, stats

from analysis.results import Estimate, estimate, not_enough

Z95 = float(special.ndtri(0.975))


def z_for(confidence: float) -> float:
    """Two-sided standard normal quantile for a confidence level."""
    return float(special.ndtri(0.5 + confidence / 2))


def wilson(successes: int, n: int, confidence: float = 0.95) -> Estimate:
    """Share with the Wilson score interval (Wilson 1927; Agresti & Coull 1998)."""
    if n <= 0:
        return not_enough("wilson", n)
    z = z_for(confidence)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return estimate(p, max(0.0, centre - half), min(1.0, centre + half), n, "wilson")


def mean_t(n: int, total: float, total_sq: float, confidence: float = 0.95) -> Estimate:
    """Mean with a Student t interval, from n, the sum and the sum of squares."""
    if n <= 0:
        return not_enough("mean_t", n)
    mean = total / n
    if n < 2:
        return estimate(mean, math.nan, math.nan, n, "mean_t")
    variance = max(0.0, (total_sq - n * mean * mean) / (n - 1))
    half = stats.t.ppf(0.5 + confidence / 2, n - 1) * math.sqrt(variance / n)
    return estimate(mean, mean - half, mean + half, n, "mean_t")


def nps_adjusted_wald(
    promoters: int, detractors: int, n: int, confidence: float = 0.95
) -> Estimate:
    """NPS (points, -100..100) with the adjusted-Wald interval.

    Rocks (2016) / Sauro & Lewis, "Quantifying the User Experience" (2nd ed.): add 3/4 to
    promoters and detractors and 3/2 to n, then a Wald interval on the difference of the two
    adjusted shares with variance (p + d - (p - d)^2) / n_adj.
    """
    if n <= 0:
        return not_enough("nps_adjusted_wald", n)
    z = z_for(confidence)
    nps = (promoters - detractors) / n
    n_adj = n + 1.5
    p_adj = (promoters + 0.75) / n_adj
    d_adj = (detractors + 0.75) / n_adj
    centre = p_adj - d_adj
    half = z * math.sqrt((p_adj + d_adj - centre * centre) / n_adj)
    low, high = max(-1.0, centre - half), min(1.0, centre + half)
    return estimate(100 * nps, 100 * low, 100 * high, n, "nps_adjusted_wald")


def fisher_z_interval(
    r: float, se_z: float, n: int, method: str, confidence: float = 0.95
) -> Estimate:
    """Interval for a correlation-like r via Fisher's z = atanh(r) with a given SE on z."""
    clipped = min(max(r, -0.999999), 0.999999)
    z = math.atanh(clipped)
    half = z_for(confidence) * se_z
    return estimate(r, math.tanh(z - half), math.tanh(z + half), n, method)
