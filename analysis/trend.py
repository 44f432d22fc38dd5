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


# EWMA of the weekly share (Montgomery, Introduction to Statistical Quality Control, 6th ed.,
# §9.2): lambda 0.2 with L = 2.962 gives an in-control average run length of about 500 weeks,
# so a year of weeks raises a false alarm about one time in ten, while a drift of a few points
# held for some weeks is caught far sooner than by the monthly p-chart's 3-sigma limits.
EWMA_LAMBDA = 0.2
EWMA_L = 2.962


class WeeklyEwma(msgspec.Struct, frozen=True):
    """Per week with answers (by closing date; the week's Monday): answers, top-2-box share,
    the EWMA and its limits. `signals` are the weeks whose EWMA is outside its limits."""

    weeks: tuple[str, ...]
    answers: tuple[int, ...]
    share: tuple[float, ...]
    ewma: tuple[float, ...]
    lower_limit: tuple[float, ...]
    upper_limit: tuple[float, ...]
    centre: float | None
    signals: tuple[str, ...]
    low_signals: tuple[str, ...]  # the signals below the centre (satisfaction fell)
    smoothing: float = EWMA_LAMBDA
    width: float = EWMA_L


def weekly_ewma(
    columns: FeedbackColumns, smoothing: float = EWMA_LAMBDA, width: float = EWMA_L
) -> WeeklyEwma:
    """z_t = lambda p_t + (1 - lambda) z_(t-1), z_0 = p (the period's share), signalling when z_t
    leaves p +/- L sigma_t, with sigma_t^2 = sum_i lambda^2 (1 - lambda)^(2 (t - i)) p (1 - p) / n_i
    for the weeks' own numbers of answers (the exact variance, not its limit)."""
    scored = np.isfinite(columns.satisfaction) & ~np.isnat(columns.closed_at)
    days = columns.closed_at[scored].astype("datetime64[D]")
    # numpy's day 0 (1970-01-01) was a Thursday: shift by 3 so that weeks start on Monday.
    monday = ((days.astype(np.int64) + 3) // 7 * 7 - 3).astype("datetime64[D]")
    if monday.size == 0:
        return WeeklyEwma((), (), (), (), (), (), None, (), (), smoothing, width)
    weeks, codes = np.unique(monday, return_inverse=True)
    n = np.bincount(codes)
    share = np.bincount(codes, weights=(columns.satisfaction[scored] >= 4).astype(float)) / n
    centre = float(np.average(share, weights=n))
    ewma, variance = np.empty(n.size), np.empty(n.size)
    z, carried = centre, 0.0
    for week in range(n.size):
        z = smoothing * share[week] + (1 - smoothing) * z
        carried = (1 - smoothing) ** 2 * carried + smoothing**2 * centre * (1 - centre) / n[week]
        ewma[week], variance[week] = z, carried
    spread = width * np.sqrt(variance)
    lower, upper = centre - spread, centre + spread
    labels = tuple(str(week) for week in weeks)
    outside = (ewma < lower) | (ewma > upper)
    return WeeklyEwma(
        weeks=labels,
        answers=tuple(int(v) for v in n),
        share=tuple(float(v) for v in share),
        ewma=tuple(float(v) for v in ewma),
        lower_limit=tuple(float(v) for v in lower),
        upper_limit=tuple(float(v) for v in upper),
        centre=centre,
        signals=tuple(label for label, flag in zip(labels, outside, strict=True) if flag),
        low_signals=tuple(label for label, flag in zip(labels, ewma < lower, strict=True) if flag),
        smoothing=smoothing,
        width=width,
    )
