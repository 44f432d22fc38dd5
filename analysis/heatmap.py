"""The heatmap of groups × scales: each group's favourable share on each scale, with every
cell of fewer than k respondents blank, and the cells that would give a blank one away blank
too.

The groups are those of the tally (an office, the area its small offices were merged into, or
the department: `analysis.recoding`), so each already has at least k respondents; a cell can
still fall under k when people left a scale's items blank. A scale's column adds up: its
group counts and favourable counts sum to the whole consultation's, which the results show.
So a column with a single blank cell would give it away by subtraction; the smallest shown
cell of that column is blanked too (complementary suppression), the rule of
`analysis.suppression` applied with the total taken as always known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import msgspec
import numpy as np

from analysis.intervals import wilson
from analysis.results import Estimate
from analysis.suppression import BELOW_THRESHOLD, COMPLEMENTARY, SHOWN, check_threshold

ALL = "all"


class HeatCell(msgspec.Struct, frozen=True, kw_only=True):
    """A group's favourable share on a scale; `n` and `favourable` None when blank."""

    group: str
    scale: str
    n: int | None
    favourable: Estimate | None
    shown: bool
    reason: str


class HeatRow(msgspec.Struct, frozen=True, kw_only=True):
    group: str
    respondents: int | None
    shown: bool
    reason: str
    cells: tuple[HeatCell, ...]


class Heatmap(msgspec.Struct, frozen=True, kw_only=True):
    """Rows of groups (and the whole consultation last, `ALL`), columns of scales."""

    threshold: int
    scales: tuple[str, ...]
    rows: tuple[HeatRow, ...]
    total: HeatRow


def column_reasons(
    counts: Sequence[int], threshold: int, blank: Sequence[bool] | None = None
) -> list[str]:
    """Why each count of a column that adds up to a known total is shown or blank: under k or
    already `blank` (primary), or blank so that no single blank cell can be subtracted out
    (complementary)."""
    forced = list(blank) if blank is not None else [False] * len(counts)
    reasons = [
        BELOW_THRESHOLD if count < threshold or hide else SHOWN
        for count, hide in zip(counts, forced, strict=True)
    ]
    while reasons.count(BELOW_THRESHOLD) + reasons.count(COMPLEMENTARY) == 1:
        visible = [i for i, reason in enumerate(reasons) if reason == SHOWN]
        if not visible:
            break
        smallest = min(visible, key=lambda i: (counts[i], i))
        reasons[smallest] = COMPLEMENTARY
    return reasons


def _cell(group: str, scale: str, flags: np.ndarray, reason: str) -> HeatCell:
    if reason != SHOWN:
        return HeatCell(
            group=group, scale=scale, n=None, favourable=None, shown=False, reason=reason
        )
    n = int(flags.size)
    return HeatCell(
        group=group,
        scale=scale,
        n=n,
        favourable=wilson(int(flags.sum()), n),
        shown=True,
        reason=SHOWN,
    )


def favourable_heatmap(
    groups: Sequence[str], favourable: Mapping[str, np.ndarray], threshold: int
) -> Heatmap:
    """Groups × scales of favourable shares (`favourable`: per scale, one 1/0/NaN flag per
    respondent, aligned with `groups`), under threshold and complementary suppression."""
    k = check_threshold(threshold)
    labels = np.asarray(list(groups), dtype=object)
    names = sorted(set(labels.tolist()))
    scales = tuple(favourable)
    everyone = len(labels)
    row_reasons = column_reasons([int((labels == g).sum()) for g in names], k)
    if everyone < k:
        row_reasons = [BELOW_THRESHOLD for _ in names]
    columns: dict[str, list[HeatCell]] = {}
    totals = []
    for scale in scales:
        flags = np.asarray(favourable[scale], dtype=np.float64)
        answered = np.isfinite(flags)
        per_group = [flags[(labels == g) & answered] for g in names]
        hidden_rows = [reason != SHOWN for reason in row_reasons]
        reasons = column_reasons([part.size for part in per_group], k, hidden_rows)
        whole = flags[answered]
        if whole.size < k:
            reasons = [BELOW_THRESHOLD for _ in names]
        columns[scale] = [
            _cell(g, scale, part, reason)
            for g, part, reason in zip(names, per_group, reasons, strict=True)
        ]
        totals.append(_cell(ALL, scale, whole, SHOWN if whole.size >= k else BELOW_THRESHOLD))
    rows = tuple(
        HeatRow(
            group=g,
            respondents=int((labels == g).sum()) if reason == SHOWN else None,
            shown=reason == SHOWN,
            reason=reason,
            cells=tuple(columns[scale][i] for scale in scales),
        )
        for i, (g, reason) in enumerate(zip(names, row_reasons, strict=True))
    )
    total = HeatRow(
        group=ALL,
        respondents=everyone if everyone >= k else None,
        shown=everyone >= k,
        reason=SHOWN if everyone >= k else BELOW_THRESHOLD,
        cells=tuple(totals),
    )
    return Heatmap(threshold=k, scales=scales, rows=rows, total=total)
