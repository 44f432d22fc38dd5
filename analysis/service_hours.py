"""Whether the line's hours covered the phone requests: per period (ordinary time and each
emergency), the share of phone requests that arrived inside the hours then in force.

A phone request registered outside the hours (a voicemail left just after closing, a call
taken by an operator who stayed on) is flagged: many of them in a period say its hours did
not match when people called.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
import numpy as np

from analysis.columns import FeedbackColumns
from analysis.intervals import wilson
from analysis.results import Estimate
from case_bridge.service_hours import ExtendedHours, OrdinaryHours, inside_hours, period_of

ORDINARY_PERIOD = "ordinary"


class HoursCoverage(msgspec.Struct, frozen=True, kw_only=True):
    """One period's phone requests and the share of them inside its hours."""

    period: str  # ORDINARY_PERIOD or the emergency period's name
    opening_hour: int
    closing_hour: int
    phone_requests: int
    inside: int
    share: Estimate  # inside / phone requests, with its Wilson interval


def outside_hours(
    columns: FeedbackColumns, ordinary: OrdinaryHours, periods: Sequence[ExtendedHours]
) -> np.ndarray:
    """True for each case that arrived outside the hours in force when it opened."""
    return ~inside_hours(columns.opened_at, ordinary, periods)


def phone_coverage(
    columns: FeedbackColumns, ordinary: OrdinaryHours, periods: Sequence[ExtendedHours]
) -> tuple[HoursCoverage, ...]:
    """Ordinary time first, then each emergency period with phone requests, in order."""
    phone = columns.channel.codes == columns.channel.code("phone")
    inside = inside_hours(columns.opened_at, ordinary, periods)
    period = period_of(columns.opened_at, periods)
    found = []
    for index, (name, opening, closing) in enumerate(
        [
            (ORDINARY_PERIOD, ordinary.opening_hour, ordinary.closing_hour),
            *((p.name, p.opening_hour, p.closing_hour) for p in periods),
        ],
        start=-1,
    ):
        here = phone & (period == index)
        total = int(np.count_nonzero(here))
        if total == 0 and index >= 0:
            continue
        kept = int(np.count_nonzero(here & inside))
        found.append(
            HoursCoverage(
                period=name,
                opening_hour=opening,
                closing_hour=closing,
                phone_requests=total,
                inside=kept,
                share=wilson(kept, total),
            )
        )
    return tuple(found)
