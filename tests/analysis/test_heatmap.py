"""The heatmap of groups × scales: every cell under k blank, and no blank cell recoverable from
the visible cells and the totals (the test tries, as an attacker would)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from analysis.heatmap import ALL, column_reasons, favourable_heatmap
from analysis.suppression import BELOW_THRESHOLD, COMPLEMENTARY, SHOWN


def _consultation(seed: int):
    """Groups of 5-12 respondents; some skipped some scales, so some cells fall under k."""
    rng = np.random.default_rng(seed)
    sizes = {"amministrazione": 6, "volontariato": 12, "emergenze": 7, "area_rischi": 9, "dip": 5}
    groups = [g for g, size in sizes.items() for _ in range(size)]
    n = len(groups)
    favourable = {}
    for scale, skip in (("timeliness", 0.0), ("workload", 0.35), ("platform", 0.2)):
        flags = (rng.random(n) < 0.6).astype(float)
        flags[rng.random(n) < skip] = np.nan
        favourable[scale] = flags
    return groups, favourable


def _attack(heatmap, groups, favourable):
    """What subtraction gives away: for each scale, the blank cells' combined respondents and
    favourable answers, and whether one blank cell stands alone (then it is recovered)."""
    recovered = []
    for j, scale in enumerate(heatmap.scales):
        total = heatmap.total.cells[j]
        blank = [row for row in heatmap.rows if not row.cells[j].shown]
        if len(blank) == 1 and total.shown:
            row = blank[0]
            visible_n = sum(r.cells[j].n for r in heatmap.rows if r.cells[j].shown)
            visible_yes = sum(
                round(r.cells[j].favourable.estimate * r.cells[j].n)
                for r in heatmap.rows
                if r.cells[j].shown
            )
            n = total.n - visible_n
            yes = round(total.favourable.estimate * total.n) - visible_yes
            recovered.append((row.group, scale, n, yes))
    return recovered


@pytest.mark.parametrize("seed", range(20))
def test_every_cell_under_k_is_blank_and_no_blank_cell_can_be_subtracted_out(seed):
    groups, favourable = _consultation(seed)
    heatmap = favourable_heatmap(groups, favourable, threshold=5)
    labels = np.array(groups)
    for row in heatmap.rows:
        for cell in row.cells:
            flags = favourable[cell.scale]
            answered = int(np.isfinite(flags[labels == row.group]).sum())
            if answered < 5:
                assert not cell.shown and cell.reason == BELOW_THRESHOLD
                assert cell.n is None and cell.favourable is None
            if cell.shown:
                assert cell.n == answered >= 5
    assert _attack(heatmap, groups, favourable) == []


def test_the_attack_recovers_a_lone_blank_cell_which_complementary_suppression_prevents():
    # C has 6 respondents but only 3 answered the workload items: its cell is blank. Shown
    # with the others alone, it would be the total minus A and B; the attack finds it, so the
    # test above can fail. The heatmap blanks B's cell too (the smaller of A and B).
    groups = ["A"] * 8 + ["B"] * 7 + ["C"] * 6
    workload = np.array([1, 0] * 4 + [1, 1, 0, 1, 0, 1, 1] + [1, 1, 0] + [np.nan] * 3)
    favourable = {"workload": workload}
    heatmap = favourable_heatmap(groups, favourable, threshold=5)
    assert [row.cells[0].reason for row in heatmap.rows] == [SHOWN, COMPLEMENTARY, BELOW_THRESHOLD]
    assert _attack(heatmap, groups, favourable) == []
    exposed = type(heatmap)(
        threshold=5,
        scales=heatmap.scales,
        rows=tuple(
            type(row)(
                group=row.group,
                respondents=row.respondents,
                shown=row.shown,
                reason=row.reason,
                cells=tuple(
                    _shown_again(cell, groups, favourable) if cell.reason == COMPLEMENTARY else cell
                    for cell in row.cells
                ),
            )
            for row in heatmap.rows
        ),
        total=heatmap.total,
    )
    assert _attack(exposed, groups, favourable) == [("C", "workload", 3, 2)]


def _shown_again(cell, groups, favourable):
    from analysis.intervals import wilson

    flags = favourable[cell.scale][np.array(groups) == cell.group]
    flags = flags[np.isfinite(flags)]
    return type(cell)(
        group=cell.group,
        scale=cell.scale,
        n=int(flags.size),
        favourable=wilson(int(flags.sum()), int(flags.size)),
        shown=True,
        reason=SHOWN,
    )


def test_column_reasons_hide_a_second_cell_only_when_one_is_alone():
    assert column_reasons([7, 3, 9, 6], 5) == [SHOWN, BELOW_THRESHOLD, SHOWN, COMPLEMENTARY]
    assert column_reasons([7, 3, 4, 6], 5) == [SHOWN, BELOW_THRESHOLD, BELOW_THRESHOLD, SHOWN]
    assert column_reasons([7, 8], 5) == [SHOWN, SHOWN]
    assert column_reasons([3], 5) == [BELOW_THRESHOLD]


def test_the_whole_consultation_row_and_its_groups():
    groups, favourable = _consultation(2)
    heatmap = favourable_heatmap(groups, favourable, threshold=5)
    assert heatmap.total.group == ALL and heatmap.total.respondents == len(groups)
    assert [row.group for row in heatmap.rows] == sorted(set(groups))
    for cell, scale in zip(heatmap.total.cells, heatmap.scales, strict=True):
        flags = favourable[scale][np.isfinite(favourable[scale])]
        assert cell.n == flags.size
        assert cell.favourable.estimate == pytest.approx(flags.mean())
    assert list(itertools.chain.from_iterable([heatmap.scales])) == [
        "timeliness",
        "workload",
        "platform",
    ]
