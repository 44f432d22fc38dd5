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

import math
from collections.abc import Iterable, Sequence

import msgspec
import numpy as np

from analysis.comparisons import GroupComparison, GroupSatisfaction
from analysis.contingency import chi_square_independence
from analysis.intervals import wilson
from analysis.multiple_testing import benjamini_hochberg
from analysis.results import SMALL_GROUP, Estimate

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


# --- The report's one testing family and its headline differences ---------------------------


FALSE_DISCOVERY_RATE = 0.05
HEADLINE_MINIMUM = SMALL_GROUP  # 30 answers
HEADLINES = 3


class FamilyMember(msgspec.Struct, frozen=True):
    """One test of the family with its raw and Benjamini-Hochberg adjusted p-value."""

    name: str
    p_value: float
    q_value: float

    @property
    def significant(self) -> bool:
        return self.q_value < FALSE_DISCOVERY_RATE


class TestingFamily(msgspec.Struct, frozen=True):
    """All the tests one document reports, adjusted together."""

    members: tuple[FamilyMember, ...]

    def member(self, name: str) -> FamilyMember | None:
        """The member called `name`, None when that test was not run."""
        return next((m for m in self.members if m.name == name), None)

    def significant(self, name: str) -> bool:
        """True only for a test in the family with q below the false discovery rate."""
        found = self.member(name)
        return found is not None and found.significant


def testing_family(tests: Iterable[tuple[str, float | None]]) -> TestingFamily:
    """Benjamini-Hochberg over every named p-value; tests that could not run are left out."""
    named = [(name, float(p)) for name, p in tests if p is not None and math.isfinite(p)]
    names = [name for name, _ in named]
    if len(set(names)) != len(names):
        raise ValueError("each test of a family needs its own name")
    q = benjamini_hochberg([p for _, p in named])
    return TestingFamily(
        tuple(FamilyMember(name, p, float(qv)) for (name, p), qv in zip(named, q, strict=True))
    )


class CsatDifference(msgspec.Struct, frozen=True):
    """CSAT of `group` minus CSAT of `reference`, percentage points, Newcombe 95 % interval."""

    test: str  # the family member that says whether the groups differ
    factor: str
    group: str
    reference: str
    group_n: int
    reference_n: int
    points: float
    low: float
    high: float


def _satisfied_count(csat: Estimate) -> int:
    return round((csat.estimate or 0.0) * csat.n)


def csat_difference(
    test: str, factor: str, group: tuple[str, int, int], reference: tuple[str, int, int]
) -> CsatDifference:
    """Difference of two CSAT shares given as (name, satisfied, answers), with Newcombe's
    hybrid score interval built from the two Wilson intervals (Newcombe 1998, Stat. Med. 17,
    873-890, method 10)."""
    first, second = wilson(group[1], group[2]), wilson(reference[1], reference[2])
    p1, p2 = first.estimate or 0.0, second.estimate or 0.0
    l1, u1 = first.low or 0.0, first.high or 1.0
    l2, u2 = second.low or 0.0, second.high or 1.0
    difference = p1 - p2
    low = difference - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = difference + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return CsatDifference(
        test=test,
        factor=factor,
        group=group[0],
        reference=reference[0],
        group_n=group[2],
        reference_n=reference[2],
        points=100 * difference,
        low=100 * low,
        high=100 * high,
    )


def group_against_rest(test: str, comparison: GroupComparison) -> list[CsatDifference]:
    """Each group's CSAT against all the other answers of the comparison together."""
    groups = [g for g in comparison.groups if g.n > 0 and g.csat.estimate is not None]
    satisfied = sum(_satisfied_count(g.csat) for g in groups)
    answers = sum(g.n for g in groups)
    return [
        csat_difference(
            test,
            comparison.factor,
            (g.group, _satisfied_count(g.csat), g.n),
            ("", satisfied - _satisfied_count(g.csat), answers - g.n),
        )
        for g in groups
        if answers - g.n > 0
    ]


def two_groups(
    test: str, factor: str, group: GroupSatisfaction, reference: GroupSatisfaction
) -> CsatDifference:
    """One group's CSAT against another's (Back against Front Office, emergency against not)."""
    return csat_difference(
        test,
        factor,
        (group.group, _satisfied_count(group.csat), group.n),
        (reference.group, _satisfied_count(reference.csat), reference.n),
    )


def may_be_headline(difference: CsatDifference, family: TestingFamily) -> bool:
    """Both groups large enough, the test significant after correction, interval off zero."""
    return (
        difference.group_n >= HEADLINE_MINIMUM
        and difference.reference_n >= HEADLINE_MINIMUM
        and family.significant(difference.test)
        and (difference.low > 0 or difference.high < 0)
    )


def headline_findings(
    differences: Sequence[CsatDifference], family: TestingFamily, limit: int = HEADLINES
) -> tuple[CsatDifference, ...]:
    """The largest differences that may be headlines, at most one per test."""
    ranked = sorted(
        (d for d in differences if may_be_headline(d, family)),
        key=lambda d: abs(d.points),
        reverse=True,
    )
    chosen: list[CsatDifference] = []
    for difference in ranked:
        if all(difference.test != other.test for other in chosen):
            chosen.append(difference)
    return tuple(chosen[:limit])
