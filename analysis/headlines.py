"""Which groups a headline may name: large enough, and different after correcting for many tests.

A headline such as "CSAT ranges from 63 % (Email) to 83 % (Fax)" reads as a finding; with six
fax answers it is noise, and a page that compares four factors at once will find one extreme
pair "different" by chance more often than the 5 % its reader assumes. So a spread is named
only between groups of at least `MIN_GROUP` answers (the usual rule of thumb for a normal
approximation of a proportion, and the report's `SMALL_GROUP`), and only when the two groups'
CSAT differ after Benjamini-Hochberg over every spread tested on the page (Benjamini &
Hochberg 1995: controls the share of false findings among those named, at `FALSE_DISCOVERY`).
The report and the dashboard both ask this one function.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
import numpy as np

from analysis.comparisons import GroupComparison, GroupSatisfaction
from analysis.contingency import chi_square_independence
from analysis.multiple_testing import benjamini_hochberg
from analysis.results import SMALL_GROUP

MIN_GROUP = SMALL_GROUP
FALSE_DISCOVERY = 0.05


class Spread(msgspec.Struct, frozen=True):
    """The lowest and highest CSAT of a factor's large groups, and whether a headline names them.

    `q_value` is the Benjamini-Hochberg adjusted p-value of the chi-square test of the two
    groups' CSAT, over every spread of the page; `named` is `q_value < FALSE_DISCOVERY`."""

    factor: str
    low: GroupSatisfaction | None
    high: GroupSatisfaction | None
    large_groups: int
    p_value: float | None = None
    q_value: float | None = None
    named: bool = False


def _large(comparison: GroupComparison, minimum: int) -> list[GroupSatisfaction]:
    return [
        group
        for group in comparison.groups
        if group.n >= minimum and group.csat.estimate is not None
    ]


def _satisfied(group: GroupSatisfaction) -> int:
    return round((group.csat.estimate or 0.0) * group.n)


def headline_groups(
    comparisons: Sequence[GroupComparison],
    *,
    minimum: int = MIN_GROUP,
    false_discovery: float = FALSE_DISCOVERY,
) -> dict[str, Spread]:
    """Per factor, the extreme large groups, tested together: which spreads may be named."""
    spreads: dict[str, Spread] = {}
    tested: list[tuple[str, float]] = []
    for comparison in comparisons:
        large = _large(comparison, minimum)
        if len(large) < 2:
            spreads[comparison.factor] = Spread(comparison.factor, None, None, len(large))
            continue
        high = max(large, key=lambda group: group.csat.estimate or 0.0)
        low = min(large, key=lambda group: group.csat.estimate or 0.0)
        table = np.array(
            [
                [_satisfied(high), high.n - _satisfied(high)],
                [_satisfied(low), low.n - _satisfied(low)],
            ]
        )
        p_value = chi_square_independence(table).p_value
        spreads[comparison.factor] = Spread(comparison.factor, low, high, len(large), p_value)
        if p_value is not None:
            tested.append((comparison.factor, p_value))
    adjusted = benjamini_hochberg([p for _, p in tested])
    for (factor, _), q_value in zip(tested, adjusted, strict=True):
        spread = spreads[factor]
        spreads[factor] = msgspec.structs.replace(
            spread, q_value=float(q_value), named=bool(q_value < false_discovery)
        )
    return spreads
