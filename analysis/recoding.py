"""Recoding of identifying answers to groups of at least k, up the offices' hierarchy.

An office reaching the threshold is shown as itself; the small offices of an area are shown
together as the area if they reach it together; what is left goes to the department. A group
left under the threshold at the top (the department's remainder) would single its members out
as surely as a small office would, so the smallest shown group is merged into it too, until it
reaches the threshold or everything is the department: complementary suppression done by
merging rather than hiding, so that every stored and shown group has at least k answers.
"""

from __future__ import annotations

from collections.abc import Mapping

from analysis.suppression import check_threshold

DEPARTMENT = "dipartimento"


def recode_groups(
    counts_by_office: Mapping[str, int],
    area_of: Mapping[str, str | None],
    threshold: int,
    *,
    top: str = DEPARTMENT,
) -> dict[str, str]:
    """Each office → the group it is shown as (itself, its area, or `top`), every group ≥ k."""
    k = check_threshold(threshold)
    groups = {office: office for office, count in counts_by_office.items() if count >= k}
    small_by_area: dict[str | None, list[str]] = {}
    for office, count in counts_by_office.items():
        if count < k:
            small_by_area.setdefault(area_of.get(office), []).append(office)
    for area, members in small_by_area.items():
        together = sum(counts_by_office[office] for office in members)
        target = area if area is not None and together >= k else top
        groups.update(dict.fromkeys(members, target))
    while True:
        totals: dict[str, int] = {}
        for office, group in groups.items():
            totals[group] = totals.get(group, 0) + counts_by_office[office]
        remainder = totals.get(top, 0)
        others = [group for group in totals if group != top]
        if remainder == 0 or remainder >= k or not others:
            return groups
        smallest = min(others, key=lambda group: (totals[group], group))
        groups.update({office: top for office, group in groups.items() if group == smallest})
