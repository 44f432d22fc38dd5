"""What a consultation's answers say, once tallied, with every group under the anonymity
threshold hidden.

Before the close there are no results at all (`NotTallied`, a 409): the answers are sealed, and
figures recomputed after each answer would give that answer away by difference."""

from __future__ import annotations

import numpy as np

from analysis import suppress_breakdown
from analysis.consultations import (
    ChoiceCount,
    ConsultationResults,
    ItemResult,
    OfficeResult,
    ScaleResult,
    choice_counts,
    scale_result,
)
from analysis.recoding import recode_groups
from analysis.suppression import COMMENTS_THRESHOLD, check_threshold
from case_bridge import storage
from questionnaires import Questionnaire, Registry, TextItem, scale_item_scores, score_scales
from survey.consultations.errors import NotTallied
from survey.consultations.services import get_consultation
from survey.consultations.tables import ConsultationResponse
from survey.consultations.tally import identifying_items
from survey.questionnaire_versions.services import questionnaire_for
from survey.web.forms import choices


async def consultation_results(
    *, consultation_id: int, registry: Registry, lang: str = "it"
) -> ConsultationResults:
    """Distributions, scale scores (SUS included) and per-office scales, under the threshold."""
    consultation = await get_consultation(consultation_id=consultation_id)
    if consultation.state != "closed":
        raise NotTallied()
    k = check_threshold(consultation.threshold)
    questionnaire = await questionnaire_for(
        registry, consultation.questionnaire, consultation.questionnaire_version
    )
    rows = (
        await ConsultationResponse.select(ConsultationResponse.answers, ConsultationResponse.office)
        .where(ConsultationResponse.consultation == consultation_id)
        .run()
    )
    answers = [storage.json_object(row["answers"]) for row in rows]
    if len(answers) < k:
        return ConsultationResults(
            consultation_id=consultation_id,
            title=consultation.title,
            threshold=k,
            shown=False,
            answers=None,
            note=f"fewer than {k} answers",
            items=[],
            scales=[],
            offices=[],
            comments=[],
        )
    return ConsultationResults(
        consultation_id=consultation_id,
        title=consultation.title,
        threshold=k,
        shown=True,
        answers=len(answers),
        note=None,
        items=_items(questionnaire, answers, k, lang),
        scales=_scales(questionnaire, answers, lang),
        offices=_offices(questionnaire, answers, [row["office"] for row in rows], k, lang),
        comments=_comments(questionnaire, answers),
    )


def _items(
    questionnaire: Questionnaire, answers: list[dict], k: int, lang: str
) -> list[ItemResult]:
    identifying = set(identifying_items(questionnaire))
    results = []
    for item in questionnaire.items():
        if isinstance(item, TextItem):
            continue
        given = [a[item.code] for a in answers if item.code in a]
        if item.code in identifying:
            results.append(_identifying(item, given, k, lang))
            continue
        flat = [v for value in given for v in (value if isinstance(value, list) else [value])]
        as_text = ["yes" if v is True else "no" if v is False else str(v) for v in flat]
        results.append(
            ItemResult(
                code=item.code,
                text=item.text.get(lang),
                answered=len(given),
                distribution=choice_counts(as_text, choices(item, lang)),
            )
        )
    return results


def _identifying(item, given: list[object], k: int, lang: str) -> ItemResult:
    """An identifying item by the groups it was recoded to at the tally (recoded again here,
    which changes nothing in a tallied consultation: every group already reaches k)."""
    counts: dict[str, int] = {}
    for value in given:
        counts[str(value)] = counts.get(str(value), 0) + 1
    groups = recode_groups(counts, {}, k)
    merged: dict[str, int] = {}
    for value, count in counts.items():
        merged[groups[value]] = merged.get(groups[value], 0) + count
    labels = dict(choices(item, lang))
    distribution = [
        ChoiceCount(value=group, label=labels.get(group, group), count=count)
        for group, count in sorted(merged.items())
    ]
    return ItemResult(
        code=item.code, text=item.text.get(lang), answered=len(given), distribution=distribution
    )


def _scales(questionnaire: Questionnaire, answers: list[dict], lang: str) -> list[ScaleResult]:
    """Each respondent scored by the questionnaire's rules, each scale summarised by analysis."""
    scores = [score_scales(questionnaire, a) for a in answers]
    results = []
    for scale in questionnaire.scales:
        members = len(questionnaire.scale_items(scale.name))
        items = [scale_item_scores(questionnaire, scale, a) for a in answers]
        results.append(
            scale_result(
                scale=scale.name,
                title=scale.title.get(lang),
                scores=np.array([s[scale.name] for s in scores], dtype=float),
                items=np.array(items, dtype=float).reshape(len(answers), members),
            )
        )
    return results


def _offices(
    questionnaire: Questionnaire, answers: list[dict], offices: list[str | None], k: int, lang: str
) -> list[OfficeResult]:
    if questionnaire.item("office") is None:
        return []
    counts: dict[str, int] = {}
    for office in offices:
        counts[office or "—"] = counts.get(office or "—", 0) + 1
    breakdown = suppress_breakdown(counts, threshold=k)
    results = []
    for cell in breakdown.cells:
        members = [
            a for a, office in zip(answers, offices, strict=True) if (office or "—") == cell.label
        ]
        scales = _scales(questionnaire, members, lang) if cell.shown else []
        results.append(OfficeResult(office=cell, scales=scales))
    return results


def _comments(questionnaire: Questionnaire, answers: list[dict]) -> list[str]:
    """Free text, shown only from ten answers up: fewer could be told apart by their style."""
    texts = [
        str(a[item.code])
        for item in questionnaire.items()
        if isinstance(item, TextItem)
        for a in answers
        if item.code in a
    ]
    return sorted(texts) if len(answers) >= COMMENTS_THRESHOLD else []
