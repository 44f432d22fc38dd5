"""Citizens and referents side by side, per office, under the referents' anonymity threshold."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
import numpy as np

from analysis.columns import FeedbackColumns, ReferentColumns
from analysis.heatmap import column_reasons
from analysis.intervals import mean_t, wilson
from analysis.metrics import csat_top2
from analysis.referents import respondent_scale_scores
from analysis.results import Estimate
from analysis.suppression import DEFAULT_THRESHOLD, SHOWN, check_threshold


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


class GroupBeside(msgspec.Struct, frozen=True, kw_only=True):
    """A group of the tally: its referents' overall satisfaction beside the CSAT of the citizens
    whose Back Office cases its offices handled, each side shown only from its own threshold."""

    group: str
    referents: int | None
    referents_mean: Estimate | None
    referents_favourable: Estimate | None
    referents_reason: str
    citizens: int | None
    citizens_csat: Estimate | None
    citizens_reason: str


def groups_side_by_side(
    referent_groups: Sequence[str],
    referent_scores: np.ndarray,
    referent_favourable: np.ndarray,
    citizen_groups: Sequence[str],
    citizen_satisfaction: np.ndarray,
    *,
    referent_threshold: int,
    citizen_threshold: int = DEFAULT_THRESHOLD,
) -> tuple[GroupBeside, ...]:
    """Per group of referents (never per referent): their scale mean and favourable share
    beside the citizens' CSAT (4 or 5 of 5). Each side follows its threshold (the
    consultation's k for referents, 5 answers for citizens) with complementary suppression,
    as both columns add up to totals shown elsewhere."""
    check_threshold(referent_threshold)
    check_threshold(citizen_threshold)
    mine = np.asarray(list(referent_groups), dtype=object)
    theirs = np.asarray(list(citizen_groups), dtype=object)
    scores = np.asarray(referent_scores, dtype=np.float64)
    favourable = np.asarray(referent_favourable, dtype=np.float64)
    satisfaction = np.asarray(citizen_satisfaction, dtype=np.float64)
    names = sorted(set(mine.tolist()))
    scored = [scores[(mine == g) & np.isfinite(scores)] for g in names]
    flags = [favourable[(mine == g) & np.isfinite(favourable)] for g in names]
    rated = [satisfaction[(theirs == g) & np.isfinite(satisfaction)] for g in names]
    referent_reasons = column_reasons([part.size for part in scored], referent_threshold)
    citizen_reasons = column_reasons([part.size for part in rated], citizen_threshold)
    rows = []
    for i, group in enumerate(names):
        shown, seen = referent_reasons[i] == SHOWN, citizen_reasons[i] == SHOWN
        values, yes, given = scored[i], flags[i], rated[i]
        rows.append(
            GroupBeside(
                group=group,
                referents=int(values.size) if shown else None,
                referents_mean=mean_t(values.size, float(values.sum()), float(values @ values))
                if shown
                else None,
                referents_favourable=wilson(int(yes.sum()), int(yes.size)) if shown else None,
                referents_reason=referent_reasons[i],
                citizens=int(given.size) if seen else None,
                citizens_csat=csat_top2(given) if seen else None,
                citizens_reason=citizen_reasons[i],
            )
        )
    return tuple(rows)
