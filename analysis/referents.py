"""Referent consultation scores: scale means and Cronbach's alpha with Feldt's interval.

Each respondent's score on a scale (SUS included) is the questionnaire's scoring rule
(`questionnaires.score_scales`); here are the statistics over respondents."""

from __future__ import annotations

import math

import msgspec
import numpy as np
from scipy import stats

from analysis.columns import ReferentColumns
from analysis.intervals import mean_t
from analysis.results import Estimate, estimate, not_enough


class ScaleScore(msgspec.Struct, frozen=True):
    """A scale's mean score over respondents, its standard deviation and Cronbach's alpha."""

    scale: str
    items: tuple[str, ...]
    mean: Estimate
    sd: float | None
    alpha: Estimate


def respondent_scale_scores(scored: np.ndarray, min_share: float = 0.5) -> np.ndarray:
    """Each respondent's mean over a scale's items; NaN if fewer than `min_share` answered.

    Prorating (mean of the answered items) when at least half are present is the usual rule
    for short attitude scales; below that the score is treated as missing.
    """
    answered = np.isfinite(scored)
    counts = answered.sum(axis=1)
    sums = np.where(answered, scored, 0.0).sum(axis=1)
    enough = counts >= max(1, math.ceil(min_share * scored.shape[1]))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(enough, sums / np.maximum(counts, 1), np.nan)


def score_summary(scores: np.ndarray) -> tuple[Estimate, float | None]:
    """Mean of respondents' scores (NaN = not scored) with a t interval, and their sd."""
    values = scores[np.isfinite(scores)]
    summary = mean_t(int(values.size), float(values.sum()), float((values**2).sum()))
    sd = float(values.std(ddof=1)) if values.size >= 2 else None
    return summary, sd


def cronbach_alpha(items: np.ndarray, confidence: float = 0.95) -> Estimate:
    """Cronbach's alpha on complete cases with Feldt's (1965) F-based interval.

    alpha = k / (k - 1) (1 - sum s_i^2 / s_total^2). Feldt, L. S. (1965) Psychometrika 30,
    357-370: (1 - alpha) / (1 - alpha_hat) ~ F(n - 1, (n - 1)(k - 1)), hence
    [1 - (1 - a) F_{1-g/2}, 1 - (1 - a) F_{g/2}].
    """
    complete = items[np.all(np.isfinite(items), axis=1)]
    n, k = complete.shape
    if k < 2 or n < 3:
        return not_enough("cronbach_alpha_feldt", n)
    total_variance = float(complete.sum(axis=1).var(ddof=1))
    if total_variance == 0:
        return not_enough("cronbach_alpha_feldt", n)
    alpha = k / (k - 1) * (1 - float(complete.var(axis=0, ddof=1).sum()) / total_variance)
    df1, df2 = n - 1, (n - 1) * (k - 1)
    tail = (1 - confidence) / 2
    low = 1 - (1 - alpha) * stats.f.ppf(1 - tail, df1, df2)
    high = 1 - (1 - alpha) * stats.f.ppf(tail, df1, df2)
    return estimate(alpha, low, high, n, "cronbach_alpha_feldt")


def scale_scores(
    columns: ReferentColumns, rows: np.ndarray | None = None
) -> tuple[ScaleScore, ...]:
    """Mean, sd and alpha of every scale, over all respondents or the selected rows."""
    scored = columns.scored() if rows is None else columns.scored()[rows]
    results = []
    for scale in columns.scales():
        index = columns.scale_items(scale)
        items = scored[:, index]
        mean, sd = score_summary(respondent_scale_scores(items))
        codes = tuple(columns.item_codes[i] for i in index)
        results.append(ScaleScore(scale, codes, mean, sd, cronbach_alpha(items)))
    return tuple(results)
