"""The headline rule: name groups of at least 30 answers, and only spreads that hold after BH."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from analysis.comparisons import GroupComparison, group_satisfaction
from analysis.headlines import MIN_GROUP, headline_groups
from analysis.results import untestable

LEVELS = np.arange(1, 6)


def _comparison(factor: str, groups: dict[str, tuple[int, int]]) -> GroupComparison:
    """Groups given as (satisfied, unsatisfied): scores 5 and 2."""
    table = np.array([[0, unhappy, 0, 0, happy] for happy, unhappy in groups.values()])
    return GroupComparison(
        factor=factor,
        groups=group_satisfaction(table, LEVELS, list(groups)),
        test=untestable("kruskal_wallis", int(table.sum()), "not used here"),
    )


def test_a_tiny_group_is_never_named_however_extreme():
    channel = _comparison(
        "channel", {"phone": (300, 100), "email": (60, 40), "fax": (6, 0), "letter": (0, 5)}
    )
    spread = headline_groups([channel])["channel"]
    assert MIN_GROUP == 30
    assert (spread.low.group, spread.high.group) == ("email", "phone")
    assert spread.large_groups == 2 and spread.named
    expected = stats.chi2_contingency([[300, 100], [60, 40]], correction=False).pvalue
    assert spread.p_value == pytest.approx(expected)


def test_one_large_group_gives_nothing_to_name():
    spread = headline_groups([_comparison("region", {"lazio": (40, 10), "molise": (3, 1)})])
    assert spread["region"].low is None and not spread["region"].named


def test_a_spread_significant_alone_is_not_named_among_many_tests():
    # Alone, 0.01 < p < 0.05; among three flat comparisons, BH lifts it over 0.05.
    borderline = _comparison("channel", {"phone": (85, 15), "email": (35, 15)})
    flat = [
        _comparison(name, {"a": (40, 10), "b": (39, 11)})
        for name in ("request_type", "topic", "region")
    ]
    alone = headline_groups([borderline])["channel"]
    assert alone.p_value < 0.05 and alone.named
    together = headline_groups([borderline, *flat])
    assert not together["channel"].named
    p_values = [together[name].p_value for name in ("channel", "request_type", "topic", "region")]
    adjusted = stats.false_discovery_control(p_values, method="bh")
    assert together["channel"].q_value == pytest.approx(adjusted[0])
    assert not any(spread.named for spread in together.values())
