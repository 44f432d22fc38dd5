"""Satisfaction by the office that handled the case, as a funnel plot: each office's CSAT
against its number of answers, with the limits within which an office whose citizens are as
satisfied as the average would fall 95 % and 99.8 % of the time.

Spiegelhalter (2005), "Funnel plots for comparing institutional performance", Statistics in
Medicine 24, 1185-1202: for a share p̄ and an office of n answers the limits are
p̄ ± z √(p̄ (1 − p̄) / n), z = 1.96 (95 %) and 3.09 (99.8 %). Unlike a ranking, the funnel shows
that a small office's extreme share is what chance gives small offices. Offices with fewer
answers than the anonymity threshold are left out of the plot and of the average.
"""

from __future__ import annotations

import msgspec
import numpy as np

from analysis.columns import FeedbackColumns
from analysis.suppression import DEFAULT_THRESHOLD, check_threshold

Z_95, Z_998 = 1.959964, 3.090232


class FunnelOffice(msgspec.Struct, frozen=True):
    """An office's answers and CSAT, and whether it falls outside each pair of limits."""

    office: str
    n: int
    csat: float
    outside_95: bool
    outside_998: bool


class Funnel(msgspec.Struct, frozen=True):
    """The offices shown, their average CSAT, and how many offices were left out."""

    centre: float | None
    offices: tuple[FunnelOffice, ...]
    hidden: int

    def limits(self, n: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
        """The lower and upper limit at `n` answers for the normal quantile `z`."""
        centre = self.centre or 0.0
        spread = z * np.sqrt(centre * (1 - centre) / np.maximum(n, 1))
        return np.clip(centre - spread, 0, 1), np.clip(centre + spread, 0, 1)


def office_funnel(columns: FeedbackColumns, threshold: int = DEFAULT_THRESHOLD) -> Funnel:
    """CSAT per handling office against the offices' average, with 95 % and 99.8 % limits."""
    check_threshold(threshold)
    scored = np.isfinite(columns.satisfaction)
    office = columns.office
    named = scored & (office.codes >= 0)
    named &= np.asarray(office.levels, dtype=object)[office.codes] != ""
    n = np.bincount(office.codes[named], minlength=len(office.levels))
    happy = np.bincount(
        office.codes[named],
        weights=(columns.satisfaction[named] >= 4).astype(np.float64),
        minlength=len(office.levels),
    )
    shown = [i for i in range(len(office.levels)) if n[i] >= threshold]
    hidden = sum(1 for i in range(len(office.levels)) if 0 < n[i] < threshold)
    total = int(sum(n[i] for i in shown))
    if not total:
        return Funnel(None, (), hidden)
    centre = float(sum(happy[i] for i in shown) / total)
    funnel = Funnel(centre, (), hidden)
    offices = []
    for i in shown:
        share = float(happy[i] / n[i])
        low95, high95 = funnel.limits(np.array([n[i]]), Z_95)
        low998, high998 = funnel.limits(np.array([n[i]]), Z_998)
        offices.append(
            FunnelOffice(
                office=office.levels[i],
                n=int(n[i]),
                csat=share,
                outside_95=not low95[0] <= share <= high95[0],
                outside_998=not low998[0] <= share <= high998[0],
            )
        )
    offices.sort(key=lambda found: found.n, reverse=True)
    return Funnel(centre, tuple(offices), hidden)
