"""What dissatisfaction goes with: CSAT by whether the request was resolved and by effort, and
the share of dissatisfied answers each level accounts for beyond its reference level.

A dissatisfied answer is one outside CSAT (a score of 1, 2 or 3). For a level L with n_L
answers, d_L of them dissatisfied, against a reference level with dissatisfaction rate r_ref
(requests resolved; requests found easy), the share L explains is

    (d_L - n_L * r_ref) / D

where D is every dissatisfied answer: the dissatisfied answers there would be fewer if L's
answers were dissatisfied as often as the reference's. It is the population attributable
fraction of epidemiology (Levin 1953; Rockhill, Newman & Weinberg 1998, Am. J. Public Health
88, 15-19), read as an association: a request left unresolved may be the harder one to begin
with.
"""

from __future__ import annotations

import msgspec
import numpy as np

from analysis.columns import RESOLVED, FeedbackColumns
from analysis.headlines import HEADLINE_MINIMUM
from analysis.intervals import wilson
from analysis.results import Estimate

# The effort question (1-7, 7 = "it was easy") in three bands; "easy" is the reference.
EFFORT_BANDS = ("effort_easy", "effort_neutral", "effort_hard")
EFFORT_EDGES = {"effort_easy": (5, 7), "effort_neutral": (4, 4), "effort_hard": (1, 3)}


class DriverLevel(msgspec.Struct, frozen=True):
    """One level of a driver: its answers, CSAT, dissatisfied answers and the share of all
    dissatisfied answers it accounts for beyond the reference (None for the reference)."""

    level: str
    n: int
    csat: Estimate
    dissatisfied: int
    explained: float | None
    small_group: bool


class SatisfactionDriver(msgspec.Struct, frozen=True):
    """A driver of satisfaction (resolved, effort): its levels, reference level first."""

    name: str
    reference: str
    answers: int
    dissatisfied: int
    levels: tuple[DriverLevel, ...]

    def largest(self) -> DriverLevel | None:
        """The level of at least 30 answers that explains the most dissatisfaction."""
        candidates = [
            level
            for level in self.levels
            if level.explained is not None and not level.small_group and level.explained > 0
        ]
        return max(candidates, key=lambda level: level.explained or 0.0, default=None)


def _driver(
    name: str, satisfaction: np.ndarray, groups: dict[str, np.ndarray]
) -> SatisfactionDriver:
    scored = np.isfinite(satisfaction)
    unhappy = scored & (satisfaction < 4)
    in_any = np.zeros(satisfaction.size, dtype=bool)
    for mask in groups.values():
        in_any |= mask
    answers = int(np.count_nonzero(scored & in_any))
    dissatisfied = int(np.count_nonzero(unhappy & in_any))
    reference = next(iter(groups))
    reference_n = int(np.count_nonzero(scored & groups[reference]))
    reference_rate = (
        np.count_nonzero(unhappy & groups[reference]) / reference_n if reference_n else None
    )
    levels = []
    for level, mask in groups.items():
        n = int(np.count_nonzero(scored & mask))
        d = int(np.count_nonzero(unhappy & mask))
        explained = None
        if level != reference and reference_rate is not None and dissatisfied:
            explained = (d - n * reference_rate) / dissatisfied
        levels.append(
            DriverLevel(
                level=level,
                n=n,
                csat=wilson(n - d, n),
                dissatisfied=d,
                explained=explained,
                small_group=n < HEADLINE_MINIMUM,
            )
        )
    return SatisfactionDriver(name, reference, answers, dissatisfied, tuple(levels))


def satisfaction_drivers(columns: FeedbackColumns) -> tuple[SatisfactionDriver, SatisfactionDriver]:
    """CSAT and explained dissatisfaction by resolved (yes/partly/no) and by effort band."""
    resolved = columns.resolved
    by_resolved = {level: resolved.codes == resolved.code(level) for level in RESOLVED}
    effort = columns.effort
    by_effort = {
        band: np.isfinite(effort) & (effort >= low) & (effort <= high)
        for band, (low, high) in EFFORT_EDGES.items()
    }
    return (
        _driver("resolved", columns.satisfaction, by_resolved),
        _driver("effort", columns.satisfaction, by_effort),
    )
