"""Monthly top-2-box share with p-chart limits, and the emergency days to shade."""

from __future__ import annotations

import msgspec
import numpy as np

from analysis.columns import FeedbackColumns


class MonthlyTrend(msgspec.Struct, frozen=True):
    """Per month (by closing date): answers, top-2-box share and 3-sigma p-chart limits."""

    months: tuple[str, ...]
    answers: tuple[int, ...]
    share: tuple[float | None, ...]
    centre: float | None
    lower_limit: tuple[float | None, ...]
    upper_limit: tuple[float | None, ...]
    out_of_control: tuple[str, ...]
    emergency_spans: tuple[tuple[str, str], ...]


def _emergency_spans(days: np.ndarray) -> tuple[tuple[str, str], ...]:
    # Consecutive calendar days with emergency cases become one shaded span.
    unique = np.unique(days)
    if unique.size == 0:
        return ()
    breaks = np.flatnonzero(np.diff(unique.astype(np.int64)) > 1)
    starts = np.concatenate([unique[:1], unique[breaks + 1]])
    ends = np.concatenate([unique[breaks], unique[-1:]])
    return tuple(
        (str(s), str(e + np.timedelta64(1, "D"))) for s, e in zip(starts, ends, strict=True)
    )


def monthly_trend(columns: FeedbackColumns) -> MonthlyTrend:
    """p-chart of monthly CSAT: p +/- 3 sqrt(p (1 - p) / n_i) (Montgomery, SQC, ch. 7)."""
    scored = np.isfinite(columns.satisfaction) & ~np.isnat(columns.closed_at)
    month = columns.closed_at[scored].astype("datetime64[M]")
    emergency_days = columns.opened_at[columns.in_emergency].astype("datetime64[D]")
    if month.size == 0:
        return MonthlyTrend((), (), (), None, (), (), (), _emergency_spans(emergency_days))
    months, codes = np.unique(month, return_inverse=True)
    n = np.bincount(codes)
    top = np.bincount(codes, weights=(columns.satisfaction[scored] >= 4).astype(np.float64))
    centre = float(top.sum() / n.sum())
    sigma = np.sqrt(centre * (1 - centre) / n)
    share = top / n
    lower, upper = np.maximum(0.0, centre - 3 * sigma), np.minimum(1.0, centre + 3 * sigma)
    labels = tuple(str(m) for m in months)
    outside = (share < lower) | (share > upper)
    return MonthlyTrend(
        months=labels,
        answers=tuple(int(v) for v in n),
        share=tuple(float(v) for v in share),
        centre=centre,
        lower_limit=tuple(float(v) for v in lower),
        upper_limit=tuple(float(v) for v in upper),
        out_of_control=tuple(label for label, flag in zip(labels, outside, strict=True) if flag),
        emergency_spans=_emergency_spans(emergency_days),
    )
