"""What may be said as a headline: one multiple-testing family, and differences in CSAT between
groups large enough to be read, significant after correction, largest first.

The rule (the report's first page and its findings use it, and only it):
- every test the text speaks of is one member of one Benjamini-Hochberg family; a verdict of
  "significant" is q < FALSE_DISCOVERY_RATE, never the raw p;
- a headline compares two groups of at least HEADLINE_MINIMUM answers each, its test is
  significant after correction and the 95 % interval of its difference excludes zero;
- headlines are ranked by the size of the difference in percentage points of CSAT, at most
  one per test, so three headlines speak of three different things.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import msgspec

from analysis.comparisons import GroupComparison, GroupSatisfaction
from analysis.intervals import wilson
from analysis.multiple_testing import benjamini_hochberg
from analysis.results import SMALL_GROUP, Estimate

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


def _satisfied(csat: Estimate) -> int:
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
    satisfied = sum(_satisfied(g.csat) for g in groups)
    answers = sum(g.n for g in groups)
    return [
        csat_difference(
            test,
            comparison.factor,
            (g.group, _satisfied(g.csat), g.n),
            ("", satisfied - _satisfied(g.csat), answers - g.n),
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
        (group.group, _satisfied(group.csat), group.n),
        (reference.group, _satisfied(reference.csat), reference.n),
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
