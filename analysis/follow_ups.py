"""Follow-up figures: how many are open and overdue, how long closing takes, how they end.

Computed from plain columns (one entry per follow-up) so that the dashboard and the report
read the same numbers, and tested without a database."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime

import msgspec
import numpy as np

from analysis.metrics import csat_top2
from analysis.results import Estimate
from analysis.suppression import DEFAULT_THRESHOLD

SECONDS_A_DAY = 86_400.0


class FollowUpGroup(msgspec.Struct, frozen=True, kw_only=True):
    """The figures of one group (everything, one office, or one month of opening)."""

    group: str
    total: int
    open: int  # not closed: open or in progress
    in_progress: int
    overdue: int
    closed: int
    median_days_to_close: float | None
    outcome_shares: dict[str, float]  # share of the closed ones, by outcome


class FollowUpFigures(msgspec.Struct, frozen=True, kw_only=True):
    overall: FollowUpGroup
    by_office: tuple[FollowUpGroup, ...]
    by_month: tuple[FollowUpGroup, ...]  # by month of opening, oldest first


def _group(name: str, rows: Sequence[tuple]) -> FollowUpGroup:
    closed = [row for row in rows if row[1] == "closed"]
    days = [(row[3] - row[2]).total_seconds() / SECONDS_A_DAY for row in closed if row[3]]
    outcomes = Counter(row[4] or "" for row in closed)
    return FollowUpGroup(
        group=name,
        total=len(rows),
        open=len(rows) - len(closed),
        in_progress=sum(1 for row in rows if row[1] == "in_progress"),
        overdue=sum(1 for row in rows if row[5]),
        closed=len(closed),
        median_days_to_close=round(statistics.median(days), 2) if days else None,
        outcome_shares={
            outcome: count / len(closed) for outcome, count in sorted(outcomes.items())
        },
    )


def follow_up_figures(
    *,
    offices: Sequence[str],
    states: Sequence[str],
    opened_at: Sequence[datetime],
    closed_at: Sequence[datetime | None],
    outcomes: Sequence[str | None],
    overdue: Sequence[bool],
) -> FollowUpFigures:
    """Open, overdue, median days to close and outcome shares: overall, by office, by month.

    The median, not the mean: a few follow-ups left open for weeks would pull a mean far from
    what a citizen usually waits."""
    rows = list(zip(offices, states, opened_at, closed_at, outcomes, overdue, strict=True))
    by_office: dict[str, list[tuple]] = defaultdict(list)
    by_month: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        by_office[row[0]].append(row)
        by_month[row[2].strftime("%Y-%m")].append(row)
    return FollowUpFigures(
        overall=_group("", rows),
        by_office=tuple(_group(name, by_office[name]) for name in sorted(by_office)),
        by_month=tuple(_group(month, by_month[month]) for month in sorted(by_month)),
    )


class FollowUpRecord(msgspec.Struct, frozen=True, kw_only=True):
    """One follow-up of a period's case, with what its citizen said first and, when asked
    again at its closing, then (ratings 1–5; None: not given). The report's loader fills these."""

    case_id: int
    office: str  # its code; `front_office` when none
    state: str
    opened_at: datetime  # Europe/Rome wall-clock time, as the report's days are
    closed_at: datetime | None
    outcome: str | None
    overdue: bool
    re_asked: bool
    first_rating: float | None
    re_ask_rating: float | None


def figures_of(records: Sequence[FollowUpRecord]) -> FollowUpFigures:
    """`follow_up_figures` of a list of records."""
    return follow_up_figures(
        offices=[record.office for record in records],
        states=[record.state for record in records],
        opened_at=[record.opened_at for record in records],
        closed_at=[record.closed_at for record in records],
        outcomes=[record.outcome for record in records],
        overdue=[record.overdue for record in records],
    )


def re_asks_of(records: Sequence[FollowUpRecord]) -> ReAskFigures:
    """`re_ask_figures` of the records whose citizen was asked again."""
    asked = [record for record in records if record.re_asked]
    return re_ask_figures(
        first=[record.first_rating for record in asked],
        again=[record.re_ask_rating for record in asked],
    )


class ReAskFigures(msgspec.Struct, frozen=True, kw_only=True):
    """The citizens asked again when their follow-up closed: a figure of its own, never part of
    the main CSAT (these answers come after a call-back, from the least satisfied only).

    `csat_again` is the share of re-ask answers at 4–5 and `csat_first` that of the same
    citizens' first answers; both are None under the anonymity threshold."""

    asked: int
    answered: int
    csat_first: Estimate | None
    csat_again: Estimate | None
    improved: int | None  # answers whose rating rose; None under the threshold


def re_ask_figures(
    *,
    first: Sequence[float | None],
    again: Sequence[float | None],
    threshold: int = DEFAULT_THRESHOLD,
) -> ReAskFigures:
    """Figures of the re-asks, one entry per re-ask invitation: the case's first rating and the
    rating given when asked again (None: not given)."""
    pairs = [
        (before, after) for before, after in zip(first, again, strict=True) if after is not None
    ]
    if len(pairs) < threshold:
        return ReAskFigures(
            asked=len(first), answered=len(pairs), csat_first=None, csat_again=None, improved=None
        )
    rated_first = [before for before, _ in pairs if before is not None]
    return ReAskFigures(
        asked=len(first),
        answered=len(pairs),
        csat_first=csat_top2(np.asarray(rated_first, dtype=np.float64)),
        csat_again=csat_top2(np.asarray([after for _, after in pairs], dtype=np.float64)),
        improved=sum(1 for before, after in pairs if before is not None and after > before),
    )
