"""Recoding identifying answers up the offices' hierarchy: every group reaches k."""

from __future__ import annotations

import pytest

from analysis.recoding import DEPARTMENT, recode_groups

AREAS = {"a1": "north", "a2": "north", "a3": "north", "b1": "south", "b2": "south", "c1": "east"}


def _totals(counts, groups):
    totals: dict[str, int] = {}
    for office, group in groups.items():
        totals[group] = totals.get(group, 0) + counts[office]
    return totals


def test_offices_reaching_k_stay_small_ones_merge_into_their_area():
    counts = {"a1": 6, "a2": 3, "a3": 2, "b1": 7, "b2": 5}
    groups = recode_groups(counts, AREAS, 5)
    assert groups == {"a1": "a1", "a2": "north", "a3": "north", "b1": "b1", "b2": "b2"}


def test_an_area_short_of_k_goes_to_the_department_and_the_remainder_reaches_k():
    # north's small offices give 4 together: to the department, which then has 4 alone, so the
    # smallest shown group (b2, 5) joins it.
    counts = {"a1": 6, "a2": 2, "a3": 2, "b1": 7, "b2": 5}
    groups = recode_groups(counts, AREAS, 5)
    assert groups == {"a1": "a1", "a2": DEPARTMENT, "a3": DEPARTMENT, "b1": "b1", "b2": DEPARTMENT}
    assert min(_totals(counts, groups).values()) >= 5


def test_a_single_small_office_is_never_shown_through_its_area_alone():
    counts = {"a1": 9, "a2": 4, "b1": 8, "b2": 8}
    groups = recode_groups(counts, AREAS, 5)
    assert groups["a2"] == DEPARTMENT and groups["b1"] == DEPARTMENT
    assert _totals(counts, groups) == {"a1": 9, DEPARTMENT: 12, "b2": 8}


def test_offices_without_an_area_and_everything_small():
    assert recode_groups({"x": 2, "y": 1}, {}, 5) == {"x": DEPARTMENT, "y": DEPARTMENT}
    assert recode_groups({}, AREAS, 5) == {}
    assert recode_groups({"x": 5}, {}, 5) == {"x": "x"}


@pytest.mark.parametrize("seed", range(200))
def test_every_group_reaches_k_whenever_the_whole_does(seed):
    import random

    pick = random.Random(seed)
    offices = [*AREAS, "z1", "z2"]
    counts = {office: pick.randint(0, 9) for office in offices if pick.random() < 0.8}
    k = pick.choice([3, 5, 7])
    groups = recode_groups(counts, AREAS, k)
    assert set(groups) == set(counts)
    totals = {g: n for g, n in _totals(counts, groups).items() if n}
    if sum(counts.values()) >= k:
        assert min(totals.values(), default=k) >= k
    for office, group in groups.items():
        assert group in (office, AREAS.get(office), DEPARTMENT)


def test_threshold_below_three_is_refused():
    with pytest.raises(ValueError):
        recode_groups({"a1": 1}, AREAS, 2)
