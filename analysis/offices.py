"""Citizens and referents side by side, per office, under the referents' anonymity threshold."""

from __future__ import annotations

import msgspec
import numpy as np

from analysis.columns import FeedbackColumns, ReferentColumns
from analysis.intervals import mean_t
from analysis.metrics import csat_top2
from analysis.referents import respondent_scale_scores
from analysis.results import Estimate
from analysis.suppression import DEFAULT_THRESHOLD, check_threshold


class OfficeSideBySide(msgspec.Struct, frozen=True):
    """An office's citizens' CSAT on its Back Office cases beside its referents' mean score."""

    office: str
    citizens_csat: Estimate
    referents: int
    referents_shown: bool
    referents_mean: Estimate | None
    referents_reason: str


def offices_side_by_side(
    feedback: FeedbackColumns,
    referents: ReferentColumns,
    scale: str = "overall_satisfaction",
    threshold: int = DEFAULT_THRESHOLD,
) -> tuple[OfficeSideBySide, ...]:
    """Per office: citizens' CSAT (Back Office cases) and referents' scale mean if >= k answered."""
    check_threshold(threshold)
    back = feedback.resolution_path.codes == feedback.resolution_path.code("back_office")
    office_names = feedback.office.values()
    scores = respondent_scale_scores(referents.scored()[:, referents.scale_items(scale)])
    referent_offices = np.asarray(referents.office).astype(str)
    names = sorted((set(office_names[back].tolist()) | set(referent_offices.tolist())) - {""})
    rows = []
    for office in names:
        citizens = feedback.satisfaction[back & (office_names == office)]
        mine = scores[(referent_offices == office) & np.isfinite(scores)]
        shown = mine.size >= threshold
        rows.append(
            OfficeSideBySide(
                office=office,
                citizens_csat=csat_top2(citizens),
                referents=int(mine.size) if shown else 0,
                referents_shown=shown,
                referents_mean=mean_t(mine.size, float(mine.sum()), float(mine @ mine))
                if shown
                else None,
                referents_reason="shown" if shown else f"fewer than {threshold} answers",
            )
        )
    return tuple(rows)
