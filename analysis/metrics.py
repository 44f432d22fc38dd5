"""Citizen satisfaction metrics, each with a 95 % interval: CSAT, mean, resolution, CES, NPS."""

from __future__ import annotations

import numpy as np

from analysis.intervals import mean_t, nps_adjusted_wald, wilson
from analysis.results import Estimate


def _finite(values: np.ndarray) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64).reshape(-1)
    return array[np.isfinite(array)]


def csat_top2(satisfaction: np.ndarray) -> Estimate:
    """CSAT: share of answers scoring 4 or 5 on the 1-5 scale, with a Wilson interval."""
    scores = _finite(satisfaction)
    return wilson(int(np.count_nonzero(scores >= 4)), int(scores.size))


def mean_score(values: np.ndarray) -> Estimate:
    """Mean of the answered values with a t interval (NaN = not answered)."""
    scores = _finite(values)
    return mean_t(int(scores.size), float(scores.sum()), float(scores @ scores))


def resolution_rate(
    resolved_codes: np.ndarray, yes_code: int, answered_mask: np.ndarray
) -> Estimate:
    """Share of `yes` among answered resolution questions, with a Wilson interval."""
    answered = resolved_codes[answered_mask]
    return wilson(int(np.count_nonzero(answered == yes_code)), int(answered.size))


def customer_effort(effort: np.ndarray) -> Estimate:
    """Customer Effort Score: mean of the 1-7 effort answers with a t interval."""
    return mean_score(effort)


def net_promoter(recommend: np.ndarray) -> Estimate:
    """NPS: % promoters (9-10) minus % detractors (0-6), adjusted-Wald interval (points)."""
    scores = _finite(recommend)
    promoters = int(np.count_nonzero(scores >= 9))
    detractors = int(np.count_nonzero(scores <= 6))
    return nps_adjusted_wald(promoters, detractors, int(scores.size))


def response_rate(answered: np.ndarray) -> Estimate:
    """Share of invited cases that answered, with a Wilson interval."""
    flags = np.asarray(answered, dtype=bool)
    return wilson(int(np.count_nonzero(flags)), int(flags.size))
