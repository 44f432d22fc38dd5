"""Anonymity suppression of small cells, with complementary suppression on totals.

Every breakdown of referents' answers goes through here. A cell below k answers is hidden
(primary suppression); if a row, column or breakdown then has exactly one hidden entry, that
entry could be recovered by subtracting the visible cells from the shown total, so the next
smallest visible entry is hidden too (complementary suppression), repeated until stable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import msgspec
import numpy as np

DEFAULT_THRESHOLD = 5
MINIMUM_THRESHOLD = 3
COMMENTS_THRESHOLD = 10
INVITED_THRESHOLD = 5

SHOWN = "shown"
BELOW_THRESHOLD = "below_threshold"
COMPLEMENTARY = "complementary"


class Cell(msgspec.Struct, frozen=True):
    """A count shown or hidden; `count` is None when hidden, `reason` says why."""

    label: str
    count: int | None
    shown: bool
    reason: str

    def text(self, threshold: int) -> str:
        """What a renderer prints in place of the number."""
        return str(self.count) if self.shown else f"fewer than {threshold} answers"


class SuppressedBreakdown(msgspec.Struct, frozen=True):
    """A 1-D breakdown with its total after suppression."""

    threshold: int
    cells: tuple[Cell, ...]
    total: Cell


class SuppressedCrossTab(msgspec.Struct, frozen=True):
    """A 2-D cross-tab with row totals, column totals and grand total after suppression."""

    threshold: int
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    total: Cell


def check_threshold(threshold: int) -> int:
    """Refuse thresholds below 3: with 1 or 2 answers a person is identifiable."""
    if threshold < MINIMUM_THRESHOLD:
        raise ValueError(
            f"anonymity threshold must be at least {MINIMUM_THRESHOLD}, not {threshold}"
        )
    return threshold


def _suppress(table: np.ndarray, threshold: int, zeros_shown: bool = False) -> np.ndarray:
    """Reasons grid for a table whose last row and last column are the margins."""
    small = (table < threshold) & ~(zeros_shown & (table == 0))
    reasons = np.where(small, BELOW_THRESHOLD, SHOWN).astype(object)
    changed = True
    while changed:
        changed = False
        lines: list[tuple[int | slice, int | slice]] = [
            (i, slice(None)) for i in range(table.shape[0])
        ]
        lines += [(slice(None), j) for j in range(table.shape[1])]
        for line in lines:
            changed |= _protect_line(table[line], reasons[line])
    return reasons


def _protect_line(values: np.ndarray, reasons: np.ndarray) -> bool:
    # `values` ends with the line's total; a line with exactly one hidden entry leaks it.
    hidden = reasons != SHOWN
    if values.size < 2 or np.count_nonzero(hidden) != 1:
        return False
    candidates = np.flatnonzero(~hidden[:-1])
    if candidates.size == 0:
        candidates = np.array([values.size - 1])
    pick = candidates[np.argmin(values[candidates])]
    reasons[pick] = COMPLEMENTARY
    return True


def _cell(label: str, count: int, reason: str) -> Cell:
    shown = reason == SHOWN
    return Cell(label=label, count=int(count) if shown else None, shown=shown, reason=reason)


def suppress_breakdown(
    counts: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD
) -> SuppressedBreakdown:
    """Suppress a 1-D breakdown (label -> answers) and its total."""
    check_threshold(threshold)
    labels = list(counts)
    values = np.array([*(counts[label] for label in labels), sum(counts.values())], dtype=np.int64)
    reasons = _suppress(values.reshape(1, -1), threshold)[0]
    cells = tuple(_cell(label, v, r) for label, v, r in zip(labels, values, reasons, strict=False))
    return SuppressedBreakdown(threshold, cells, _cell("total", values[-1], reasons[-1]))


def suppress_crosstab(
    counts: np.ndarray,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    zeros_shown: bool = False,
) -> SuppressedCrossTab:
    """Suppress a 2-D table of answers and its margins; with `zeros_shown`, an empty cell is
    not hidden for itself (a count of nothing describes no one), only as a complement."""
    check_threshold(threshold)
    inner = np.asarray(counts, dtype=np.int64)
    table = np.zeros((inner.shape[0] + 1, inner.shape[1] + 1), dtype=np.int64)
    table[:-1, :-1] = inner
    table[:-1, -1] = inner.sum(axis=1)
    table[-1, :-1] = inner.sum(axis=0)
    table[-1, -1] = inner.sum()
    reasons = _suppress(table, threshold, zeros_shown)
    rows, columns = len(row_labels), len(column_labels)
    cells = tuple(
        tuple(_cell(column_labels[j], table[i, j], reasons[i, j]) for j in range(columns))
        for i in range(rows)
    )
    return SuppressedCrossTab(
        threshold=threshold,
        row_labels=tuple(row_labels),
        column_labels=tuple(column_labels),
        cells=cells,
        row_totals=tuple(_cell(row_labels[i], table[i, -1], reasons[i, -1]) for i in range(rows)),
        column_totals=tuple(
            _cell(column_labels[j], table[-1, j], reasons[-1, j]) for j in range(columns)
        ),
        total=_cell("total", table[-1, -1], reasons[-1, -1]),
    )


class Visibility(msgspec.Struct, frozen=True):
    """Whether something may be shown for a group, and the rule that decided it."""

    shown: bool
    count: int
    minimum: int
    reason: str


def comments_visibility(answers: int, minimum: int = COMMENTS_THRESHOLD) -> Visibility:
    """Free-text comments are shown only from 10 answers up: wording identifies people."""
    check_threshold(minimum)
    shown = answers >= minimum
    return Visibility(shown, answers, minimum, SHOWN if shown else BELOW_THRESHOLD)


def response_rate_visibility(invited: int, minimum: int = INVITED_THRESHOLD) -> Visibility:
    """A response rate is shown only for groups with at least 5 invited."""
    check_threshold(minimum)
    shown = invited >= minimum
    return Visibility(shown, invited, minimum, SHOWN if shown else BELOW_THRESHOLD)
