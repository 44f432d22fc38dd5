"""Follow-up figures: how many are open and overdue, how long closing takes, how they end.

Computed from plain columns (one entry per follow-up) so that the dashboard and the report
read the same numbers, and tested without a database."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime

import msgspec

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
