"""Reasons read: what citizens liked, and where they met difficulty, as shares with intervals.

The citizens' questionnaire asks a reason after the score (`liked` for 4-5, `difficulty` for
1-3). Each option's share is taken among the citizens who answered that item, with the Wilson
95 % interval (Wilson 1927; Agresti & Coull 1998), overall and by resolution path, channel,
request type and office. A group with fewer answers to the item than the anonymity threshold
is hidden whole; inside a group, the option counts go through `suppression.suppress_breakdown`
(small counts hidden, and one more when a single hidden count could be worked out from the
total). A zero stays shown: it tells nothing about anybody.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import msgspec
import numpy as np

from analysis.columns import Factor
from analysis.intervals import wilson
from analysis.results import Estimate
from analysis.suppression import DEFAULT_THRESHOLD, suppress_breakdown

# The questionnaire items that ask a reason, in the order a report shows them. A later
# multiple-choice reason item is read the same way once its code is added here.
REASON_ITEMS = ("difficulty", "liked")
# The case attributes the reasons are broken down by.
BREAKDOWNS = ("resolution_path", "channel", "request_type", "office")


@dataclass(frozen=True)
class ReasonChoices:
    """One reason item's answers: which options each case's citizen chose (rows = cases)."""

    options: tuple[str, ...]
    chosen: np.ndarray  # bool, cases x options
    answered: np.ndarray  # bool, cases: the item was answered

    @classmethod
    def from_answers(
        cls, answers: Sequence[str | Sequence[str] | None], options: Sequence[str] = ()
    ) -> ReasonChoices:
        """From each case's answer: an option code, a list of codes, or None."""
        picked = [
            () if value is None else ((value,) if isinstance(value, str) else tuple(value))
            for value in answers
        ]
        known = list(options) + sorted({c for p in picked for c in p} - set(options))
        position = {code: index for index, code in enumerate(known)}
        chosen = np.zeros((len(picked), len(known)), dtype=bool)
        for row, codes in enumerate(picked):
            for code in codes:
                chosen[row, position[code]] = True
        return cls(tuple(known), chosen, np.asarray(chosen.any(axis=1)))

    def __len__(self) -> int:
        return len(self.answered)

    def take(self, mask: np.ndarray) -> ReasonChoices:
        return ReasonChoices(self.options, self.chosen[mask], self.answered[mask])


class ReasonShare(msgspec.Struct, frozen=True):
    """One option in one group: its count and share, or None where hidden."""

    option: str
    count: int | None
    share: Estimate | None
    shown: bool


class ReasonGroup(msgspec.Struct, frozen=True):
    """The options' shares among one group's citizens who answered the item."""

    group: str
    answered: int | None  # None when the group is hidden
    shown: bool
    shares: tuple[ReasonShare, ...]


class ReasonBreakdown(msgspec.Struct, frozen=True):
    """One reason item by one case attribute ("" = overall, one group "all")."""

    item: str
    factor: str
    threshold: int
    groups: tuple[ReasonGroup, ...]
    hidden_groups: int


def _group(choices: ReasonChoices, rows: np.ndarray, name: str, threshold: int) -> ReasonGroup:
    answered = int(np.count_nonzero(choices.answered[rows]))
    if answered < threshold:
        return ReasonGroup(name, None, False, ())
    counts = choices.chosen[rows].sum(axis=0)
    nonzero = {option: int(n) for option, n in zip(choices.options, counts, strict=True) if n}
    cells = {cell.label: cell for cell in suppress_breakdown(nonzero, threshold).cells}
    shares = []
    for option, count in zip(choices.options, counts, strict=True):
        cell = cells.get(option)
        if cell is not None and not cell.shown:
            shares.append(ReasonShare(option, None, None, False))
        else:
            shares.append(ReasonShare(option, int(count), wilson(int(count), answered), True))
    return ReasonGroup(name, answered, True, tuple(shares))


def reason_breakdown(
    item: str,
    choices: ReasonChoices,
    factor: Factor | None = None,
    *,
    factor_name: str = "",
    threshold: int = DEFAULT_THRESHOLD,
) -> ReasonBreakdown:
    """The item's option shares overall (no factor) or per level of `factor`."""
    if factor is None:
        everyone = np.ones(len(choices), dtype=bool)
        return ReasonBreakdown(
            item, "", threshold, (_group(choices, everyone, "all", threshold),), 0
        )
    groups = []
    for code, level in enumerate(factor.levels):
        rows = factor.codes == code
        if np.any(choices.answered & rows):
            groups.append(_group(choices, rows, level, threshold))
    shown = tuple(group for group in groups if group.shown)
    return ReasonBreakdown(item, factor_name, threshold, shown, len(groups) - len(shown))


def reasons_read(
    reasons: Mapping[str, ReasonChoices],
    factors: Mapping[str, Factor],
    *,
    threshold: int = DEFAULT_THRESHOLD,
) -> tuple[ReasonBreakdown, ...]:
    """Every reason item overall and by each breakdown attribute, under the threshold."""
    found = []
    for item in REASON_ITEMS:
        choices = reasons.get(item)
        if choices is None:
            continue
        found.append(reason_breakdown(item, choices, threshold=threshold))
        for name in BREAKDOWNS:
            if name in factors:
                found.append(
                    reason_breakdown(
                        item, choices, factors[name], factor_name=name, threshold=threshold
                    )
                )
    return tuple(found)
