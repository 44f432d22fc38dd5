"""The adjusted question: satisfaction on path, channel and request type plus time to close."""

from __future__ import annotations

import msgspec
import numpy as np

from analysis.columns import Factor, FeedbackColumns
from analysis.ordinal import OrdinalFit, fit_proportional_odds

# Reference levels of the treatment coding: the most common way a case goes.
REFERENCES = {"resolution_path": "front_office", "channel": "phone", "request_type": "information"}


class AdjustedModel(msgspec.Struct, frozen=True):
    """The proportional-odds fit with the reference level of each categorical predictor."""

    fit: OrdinalFit
    references: dict[str, str]
    outcome: str = "satisfaction (1-5)"
    time_term: str = "log(1 + days to close)"


def _reference_code(factor: Factor, counts: np.ndarray, wanted: str) -> int:
    code = factor.code(wanted)
    return code if code >= 0 and counts[code] > 0 else int(np.argmax(counts))


def _aggregate(keys: list[np.ndarray], sizes: list[int]) -> tuple[np.ndarray, np.ndarray]:
    # Rows with the same predictors and score are one pattern with a frequency weight: the
    # likelihood is unchanged and a million answers become a few thousand patterns.
    flat = np.zeros(keys[0].size, dtype=np.int64)
    for key, size in zip(keys, sizes, strict=True):
        flat = flat * size + key
    space = int(np.prod(np.array(sizes, dtype=np.float64)))
    if space <= 20_000_000:
        counts = np.bincount(flat, minlength=space)
        patterns = np.flatnonzero(counts)
        weights = counts[patterns]
    else:
        patterns, weights = np.unique(flat, return_counts=True)
    decoded = []
    for size in reversed(sizes):
        decoded.append(patterns % size)
        patterns = patterns // size
    return np.column_stack(decoded[::-1]), weights.astype(np.float64)


def adjusted_satisfaction_model(columns: FeedbackColumns) -> AdjustedModel:
    """Fit the cumulative-logit model on closed, answered cases (treatment-coded factors)."""
    keep = np.isfinite(columns.satisfaction) & np.isfinite(columns.days_to_close)
    factors = [getattr(columns, name) for name in REFERENCES]
    codes = [factor.codes[keep].astype(np.int64) for factor in factors]
    days = columns.days_to_close[keep].astype(np.int64)
    scores = columns.satisfaction[keep]
    score_levels, score_codes = np.unique(scores, return_inverse=True)
    sizes = [len(f.levels) for f in factors] + [int(days.max(initial=0)) + 1, score_levels.size]
    table, weights = _aggregate([*codes, days, score_codes.reshape(-1)], sizes)
    design, names, references = [], [], {}
    for index, (name, factor) in enumerate(zip(REFERENCES, factors, strict=True)):
        counts = np.bincount(table[:, index], weights=weights, minlength=len(factor.levels))
        reference = _reference_code(factor, counts, REFERENCES[name])
        references[name] = factor.levels[reference]
        for level in np.flatnonzero(counts > 0):
            if level != reference:
                design.append((table[:, index] == level).astype(np.float64))
                names.append(f"{name}={factor.levels[level]}")
    design.append(np.log1p(table[:, len(factors)].astype(np.float64)))
    names.append("log1p_days_to_close")
    y = score_levels[table[:, -1]]
    fit = fit_proportional_odds(y, np.column_stack(design), names, weights=weights)
    return AdjustedModel(fit=fit, references=references)
