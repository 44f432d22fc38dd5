"""The public transparency figures, from the cases as they stood at a moment and the citizens'
ratings by month.

What anyone may see, and why nothing more:
- counts of cases, open and closed, by week of opening, channel and request type; every count
  under the anonymity threshold (5) is hidden, and complementary cells with it, so that no
  hidden count can be recovered from a total (`analysis.suppression`);
- the share closed at Front Office, at Back Office and still open, and the median time to
  close, over the whole period only;
- satisfaction (CSAT with its interval) by whole calendar month of closing only, for months
  with at least SATISFACTION_MINIMUM answers, and only once no answer of the month can arrive
  or change any more (the invitation's validity and the edit window after the month's end):
  a month's figure is then fixed for good, so comparing the page on two days, or for two
  "as of" moments, cannot isolate one citizen's rating, and there is no arbitrary period to
  difference;
- labels, never codes; no case code and no free text at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from analysis import suppression
from analysis.intervals import wilson
from analysis.results import Estimate
from case_bridge.as_of import Standings

K = suppression.DEFAULT_THRESHOLD
SATISFACTION_MINIMUM = 30
WEEKS = 52  # the weeks the page covers, up to the week of its moment


@dataclass(frozen=True)
class Counts:
    """A group's cases as they stood: received, closed, still open (None: hidden)."""

    group: str  # a week's Monday (ISO) or a vocabulary code
    received: int | None
    closed: int | None
    open: int | None


@dataclass(frozen=True)
class MonthSatisfaction:
    month: str  # YYYY-MM
    answers: int
    csat: Estimate


@dataclass(frozen=True)
class TransparencyFigures:
    as_of: date  # the last day counted (cases as they stood at its end)
    first_day: date
    received: int
    closed_front_office: Estimate | None  # shares of the received cases; None: hidden
    closed_back_office: Estimate | None
    still_open: Estimate | None
    median_hours_to_close: float | None
    median_days_back_office: float | None
    weeks: tuple[Counts, ...]
    channels: tuple[Counts, ...]
    request_types: tuple[Counts, ...]
    satisfaction: tuple[MonthSatisfaction, ...]


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def period_start(as_of: date) -> date:
    """The Monday WEEKS - 1 weeks before the week of `as_of`."""
    return week_start(as_of) - timedelta(weeks=WEEKS - 1)


def suppressed_counts(
    groups: Sequence[str], closed: Sequence[int], still_open: Sequence[int]
) -> tuple[Counts, ...]:
    """Received, closed and open per group, small counts and their complements hidden.

    A zero is shown: it describes no one, and hiding the many weeks with nothing left open
    would hide their closed counts with them."""
    table = np.column_stack([np.asarray(closed), np.asarray(still_open)]).astype(np.int64)
    crosstab = suppression.suppress_crosstab(
        table, list(groups), ["closed", "open"], threshold=K, zeros_shown=True
    )
    return tuple(
        Counts(
            group=group,
            received=total.count,
            closed=cells[0].count,
            open=cells[1].count,
        )
        for group, cells, total in zip(groups, crosstab.cells, crosstab.row_totals, strict=True)
    )


def _by(values: Iterable[str], closed: np.ndarray, order: Sequence[str]) -> tuple[Counts, ...]:
    keys = np.array(list(values), dtype=object)
    groups = [level for level in order if np.any(keys == level)]
    done = [int(np.count_nonzero((keys == g) & closed)) for g in groups]
    left = [int(np.count_nonzero((keys == g) & ~closed)) for g in groups]
    return suppressed_counts(groups, done, left)


def path_shares(received: int, counts: Sequence[int]) -> list[Estimate | None]:
    """Shares of `received` (closed at Front Office, at Back Office, still open), None where
    hidden: a share of a known total gives its count away, so a count from 1 to K - 1 is
    hidden, and with one hidden the smallest other too (the three add up to the total)."""
    if received < K:
        return [None] * len(counts)
    hidden = {index for index, count in enumerate(counts) if 0 < count < K}
    if len(hidden) == 1:
        others = [index for index in range(len(counts)) if index not in hidden]
        hidden.add(min(others, key=lambda index: counts[index]))
    return [
        None if index in hidden else wilson(count, received) for index, count in enumerate(counts)
    ]


def _median(values: np.ndarray) -> float | None:
    return float(np.median(values)) if values.size >= K else None


def transparency_figures(
    *,
    standings: Standings,
    as_of: date,
    channels: Sequence[str],
    request_types: Sequence[str],
    months: Sequence[tuple[str, int, int]],
) -> TransparencyFigures:
    """The figures of cases opened from `period_start(as_of)` as they stood at the end of
    `as_of`; `months` are (YYYY-MM, answers, satisfied) of the months already final."""
    first = period_start(as_of)
    closed = np.array([state == "closed" for state in standings.state], dtype=bool)
    paths = np.array([path or "" for path in standings.path], dtype=object)
    n = len(standings)
    weeks = [week_start(day).isoformat() for day in standings.opened_on]
    every_week = [(first + timedelta(weeks=i)).isoformat() for i in range(WEEKS)]
    hours = (standings.closed_at[closed] - standings.opened_at[closed]) / 3600
    back = closed & (paths == "back_office")
    days_back = (standings.closed_at[back] - standings.opened_at[back]) / 86400
    front, back_office, still_open = path_shares(
        n,
        [
            int(np.count_nonzero(paths == "front_office")),
            int(np.count_nonzero(back)),
            int(np.count_nonzero(~closed)),
        ],
    )
    return TransparencyFigures(
        as_of=as_of,
        first_day=first,
        received=n,
        closed_front_office=front,
        closed_back_office=back_office,
        still_open=still_open,
        median_hours_to_close=_median(hours),
        median_days_back_office=_median(days_back),
        weeks=_by(weeks, closed, every_week),
        channels=_by(standings.channel, closed, channels),
        request_types=_by(standings.request_type, closed, request_types),
        satisfaction=tuple(
            MonthSatisfaction(month, answers, wilson(satisfied, answers))
            for month, answers, satisfied in months
            if answers >= SATISFACTION_MINIMUM
        ),
    )
