"""Referent consultations on the dashboard: results under the anonymity threshold, and each
office's referents beside its citizens (`analysis.offices_side_by_side`)."""

from __future__ import annotations

import msgspec
import numpy as np

from analysis import ReferentColumns, offices_side_by_side, suppression
from questionnaires import LikertItem, Questionnaire, Registry, item_score
from survey.consultations import services
from survey.consultations.results import consultation_results
from survey.consultations.tables import ConsultationResponse
from survey.dashboard import schemas
from survey.dashboard.figures import basis
from survey.dashboard.subsets import Subset
from survey.questionnaire_versions.services import questionnaire_for

PREFERRED_SCALE = "overall"  # the consultation's overall satisfaction with the service


def _scale(questionnaire: Questionnaire) -> str | None:
    names = [scale.name for scale in questionnaire.scales]
    return PREFERRED_SCALE if PREFERRED_SCALE in names else (names[0] if names else None)


def referent_columns(questionnaire: Questionnaire, scale: str, rows: list[dict]) -> ReferentColumns:
    """The answers to the scale's five-point items, one row per respondent, with the office."""
    items = [
        item
        for item in questionnaire.scale_items(scale)
        if isinstance(item, LikertItem) and item.points == 5
    ]
    answers = np.full((len(rows), len(items)), np.nan)
    for r, row in enumerate(rows):
        given = row["answers"]
        given = msgspec.json.decode(given) if isinstance(given, str | bytes) else dict(given)
        for i, item in enumerate(items):
            if given.get(item.code) is not None:
                answers[r, i] = item_score(item, given[item.code], reverse=False)
    return ReferentColumns(
        answers=answers,
        item_codes=tuple(item.code for item in items),
        reverse=np.array([item.reverse for item in items], dtype=bool),
        scale=tuple(scale for _ in items),
        office=np.array([row["office"] or "" for row in rows], dtype=object),
    )


async def consultation_view(
    *, consultation_id: int, registry: Registry, lang: str, subset: Subset
) -> schemas.ConsultationView:
    """A consultation's results and the office view beside the period's citizens."""
    consultation = await services.get_consultation(consultation_id=consultation_id)
    results = await consultation_results(
        consultation_id=consultation_id, registry=registry, lang=lang
    )
    questionnaire = await questionnaire_for(
        registry, consultation.questionnaire, consultation.questionnaire_version
    )
    scale = _scale(questionnaire)
    offices: list[schemas.OfficeView] = []
    if scale is not None and results.shown:
        rows = (
            await ConsultationResponse.select(
                ConsultationResponse.answers, ConsultationResponse.office
            )
            .where(ConsultationResponse.consultation == consultation_id)
            .run()
        )
        referents = referent_columns(questionnaire, scale, rows)
        side_by_side = offices_side_by_side(
            subset.data.columns, referents, scale=scale, threshold=consultation.threshold
        )
        k = suppression.DEFAULT_THRESHOLD
        offices = [
            schemas.OfficeView(
                office=row.office,
                citizens_answers=row.citizens_csat.n,
                citizens_csat=row.citizens_csat if row.citizens_csat.n >= k else None,
                referents_shown=row.referents_shown,
                referents=row.referents,
                referents_mean=row.referents_mean,
            )
            for row in side_by_side
        ]
    return schemas.ConsultationView(
        consultation=consultation,
        results=results,
        scale=scale,
        offices=offices,
        basis=basis(subset),
    )
