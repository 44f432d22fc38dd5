"""A tallied consultation as one wave of a programme: compared with the wave it follows, its
groups × scales heatmap, and the drivers of overall satisfaction. The statistics are in
`analysis.waves`, `analysis.heatmap` and `analysis.drivers`; here the tallied answers are read,
scored with the questionnaire's rules and labelled.

Nothing here reads anything but tallied answers (`ConsultationResponse`): before the close
there is no wave to compare (`NotTallied`), and a wave under the anonymity threshold shows
nothing at all."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import numpy as np

from analysis.drivers import driver_analysis
from analysis.heatmap import favourable_heatmap
from analysis.offices import groups_side_by_side
from analysis.recoding import DEPARTMENT
from analysis.suppression import check_threshold
from analysis.waves import WaveScores, compare_waves, favourable_flags, wave_figures
from case_bridge import storage
from case_bridge.storage.clock import DEPARTMENT_ZONE
from questionnaires import LikertItem, Questionnaire, Registry, scale_item_scores, score_scales
from questionnaires.comparison import match_versions
from survey.consultations.errors import NotTallied
from survey.consultations.groups import group_labels
from survey.consultations.schemas import (
    ApartScale,
    ChangedItem,
    CitizensBesideOut,
    ComparedScale,
    ComparisonNote,
    ConsultationOut,
    DriversOut,
    HeatmapOut,
    TalliedWave,
    WaveComparisonOut,
)
from survey.consultations.services import get_consultation
from survey.consultations.tables import ConsultationResponse
from survey.consultations.tally import areas
from survey.feedback.tables import FeedbackResponse
from survey.questionnaire_versions.services import questionnaire_for

OUTCOME_ITEM = "overall_satisfaction"  # the item the drivers explain
BESIDE_SCALE = "overall"  # the referents' satisfaction with the service, beside the citizens'
CITIZENS_YEAR = timedelta(days=365)  # the citizens' answers of the year the referents judge


async def tallied_wave(*, consultation_id: int, registry: Registry) -> TalliedWave:
    """A closed consultation's tallied answers and groups (`NotTallied` before the close)."""
    consultation = await get_consultation(consultation_id=consultation_id)
    if consultation.state != "closed":
        raise NotTallied()
    rows = (
        await ConsultationResponse.select(ConsultationResponse.answers, ConsultationResponse.office)
        .where(ConsultationResponse.consultation == consultation_id)
        .run()
    )
    return TalliedWave(
        consultation=consultation,
        questionnaire=await questionnaire_for(
            registry, consultation.questionnaire, consultation.questionnaire_version
        ),
        answers=[storage.json_object(row["answers"]) for row in rows],
        groups=[row["office"] or "" for row in rows],
    )


def agree_point(questionnaire: Questionnaire, scale: str) -> float | None:
    """The answer from which a scale's items count as favourable ("agree": 4 of 5, 6 of 7),
    when all its items are agreement items of one length; else None."""
    items = questionnaire.scale_items(scale)
    points = {item.points for item in items if isinstance(item, LikertItem)}
    if len(points) != 1 or not all(isinstance(item, LikertItem) for item in items):
        return None
    return float(points.pop() - 1)


def scale_columns(questionnaire: Questionnaire, answers: list[dict]) -> dict[str, WaveScores]:
    """Per scale: each respondent's score (the questionnaire's rule) and favourable flag."""
    columns = {}
    for scale in questionnaire.scales:
        scores = np.array(
            [score_scales(questionnaire, a)[scale.name] for a in answers], dtype=np.float64
        )
        members = len(questionnaire.scale_items(scale.name))
        items = np.array(
            [scale_item_scores(questionnaire, scale, a) for a in answers], dtype=np.float64
        ).reshape(len(answers), members)
        point = agree_point(questionnaire, scale.name)
        flags = np.full(len(answers), np.nan) if point is None else favourable_flags(items, point)
        # A respondent the scale's rule does not score is not counted as favourable or not.
        flags[~np.isfinite(scores)] = np.nan
        columns[scale.name] = WaveScores(scores=scores, favourable=flags)
    return columns


def _titles(questionnaire: Questionnaire, lang: str) -> dict[str, str]:
    return {scale.name: scale.title.get(lang) for scale in questionnaire.scales}


def _hidden(wave: TalliedWave) -> bool:
    return len(wave.answers) < check_threshold(wave.consultation.threshold)


async def wave_comparison(
    *, consultation_id: int, registry: Registry, lang: str = "it"
) -> WaveComparisonOut:
    """This wave against the one it follows, scale by scale; scales whose items changed are
    shown apart, each wave on its own, never compared."""
    later = await tallied_wave(consultation_id=consultation_id, registry=registry)
    follows = later.consultation.follows
    if follows is None:
        return _no_comparison(later.consultation, None, "follows_nothing")
    earlier_consultation = await get_consultation(consultation_id=follows)
    if earlier_consultation.state != "closed":
        return _no_comparison(later.consultation, earlier_consultation, "earlier_not_tallied")
    earlier = await tallied_wave(consultation_id=follows, registry=registry)
    if _hidden(earlier) or _hidden(later):
        return _no_comparison(later.consultation, earlier_consultation, "below_threshold")
    match = match_versions(earlier.questionnaire, later.questionnaire)
    before = scale_columns(earlier.questionnaire, earlier.answers)
    after = scale_columns(later.questionnaire, later.answers)
    comparison = compare_waves(before, after, comparable=set(match.same_scales))
    titles = _titles(earlier.questionnaire, lang) | _titles(later.questionnaire, lang)
    old_items = {item.code: item for item in earlier.questionnaire.items()}
    new_items = {item.code: item for item in later.questionnaire.items()}
    return WaveComparisonOut(
        consultation_id=consultation_id,
        title=later.consultation.title,
        follows=follows,
        follows_title=earlier_consultation.title,
        shown=True,
        note=None,
        confidence=comparison.confidence,
        scales=[
            ComparedScale(scale=change.scale, title=titles[change.scale], change=change)
            for change in comparison.scales
        ],
        apart=[
            ApartScale(
                scale=scale,
                title=titles[scale],
                earlier=wave_figures(before[scale]) if scale in before else None,
                later=wave_figures(after[scale]) if scale in after else None,
            )
            for scale in comparison.apart
        ],
        changed_items=[
            ChangedItem(
                code=code,
                earlier_text=old_items[code].text.get(lang),
                later_text=new_items[code].text.get(lang),
            )
            for code in match.changed_items
        ],
    )


def _no_comparison(
    consultation: ConsultationOut, earlier: ConsultationOut | None, note: ComparisonNote
) -> WaveComparisonOut:
    return WaveComparisonOut(
        consultation_id=consultation.id,
        title=consultation.title,
        follows=earlier.id if earlier else None,
        follows_title=earlier.title if earlier else None,
        shown=False,
        note=note,
        confidence=0.95,
        scales=[],
        apart=[],
        changed_items=[],
    )


async def heatmap(*, consultation_id: int, registry: Registry, lang: str = "it") -> HeatmapOut:
    """The groups of the tally × the scales, favourable shares under the threshold rules."""
    wave = await tallied_wave(consultation_id=consultation_id, registry=registry)
    columns = scale_columns(wave.questionnaire, wave.answers)
    favourable = {
        name: column.favourable
        for name, column in columns.items()
        if agree_point(wave.questionnaire, name) is not None
    }
    result = favourable_heatmap(wave.groups, favourable, wave.consultation.threshold)
    return HeatmapOut(
        consultation_id=consultation_id,
        heatmap=result,
        scale_titles={name: _titles(wave.questionnaire, lang)[name] for name in result.scales},
        group_labels=group_labels([row.group for row in result.rows], wave.questionnaire, lang),
    )


async def drivers(*, consultation_id: int, registry: Registry, lang: str = "it") -> DriversOut:
    """Which scales move the overall satisfaction item (Shapley shares of R²), beside each
    scale's favourable share today."""
    wave = await tallied_wave(consultation_id=consultation_id, registry=registry)
    questionnaire = wave.questionnaire
    outcome_item = questionnaire.item(OUTCOME_ITEM)
    titles = _titles(questionnaire, lang)
    if outcome_item is None or _hidden(wave):
        return DriversOut(consultation_id=consultation_id, outcome=None, analysis=None, titles={})
    columns = scale_columns(questionnaire, wave.answers)
    # Scales that contain the outcome item would explain it by containing it: left out.
    predictors = {
        scale.name: columns[scale.name].scores
        for scale in questionnaire.scales
        if OUTCOME_ITEM not in {item.code for item in questionnaire.scale_items(scale.name)}
    }
    scores = {}
    for name in predictors:
        flags = columns[name].favourable
        answered = flags[np.isfinite(flags)]
        scores[name] = float(answered.mean()) if answered.size else None
    outcome = np.array(
        [
            float(a[OUTCOME_ITEM]) if isinstance(a.get(OUTCOME_ITEM), int | float) else np.nan
            for a in wave.answers
        ]
    )
    return DriversOut(
        consultation_id=consultation_id,
        outcome=outcome_item.text.get(lang),
        analysis=driver_analysis(
            outcome, predictors, scores, outcome_name=OUTCOME_ITEM, seed=consultation_id
        ),
        titles={name: titles[name] for name in predictors},
    )


def office_groups(area_of: dict[str, str | None], groups: set[str]) -> dict[str, str]:
    """Each office → the tally's group its referents were counted in: itself when it stands
    alone, else its area when its small offices stood together, else the department."""
    placed = {}
    for office, area in area_of.items():
        if office in groups:
            placed[office] = office
        elif area is not None and area in groups:
            placed[office] = area
        elif DEPARTMENT in groups:
            placed[office] = DEPARTMENT
    return placed


async def _citizens_by_office(closes_on) -> list[tuple[str, int]]:
    """(office, satisfaction) of the citizens' ordinary answers on Back Office cases closed in
    the year up to the consultation's close (re-asks are counted apart everywhere)."""
    end = datetime.combine(closes_on + timedelta(days=1), time(), tzinfo=DEPARTMENT_ZONE)
    rows = (
        await FeedbackResponse.select(
            FeedbackResponse.satisfaction,
            FeedbackResponse.case.office.code.as_alias("office"),  # type: ignore[union-attr]  # Piccolo types the columns reached through a foreign key as Column | Any
        )
        .where(
            (FeedbackResponse.re_ask == False)
            & (FeedbackResponse.satisfaction.is_not_null())
            & (FeedbackResponse.case.resolution_path == "back_office")
            & (FeedbackResponse.case.closed_at >= end - CITIZENS_YEAR)
            & (FeedbackResponse.case.closed_at < end)
        )
        .run()
    )
    return [(row["office"], row["satisfaction"]) for row in rows if row["office"]]


async def citizens_beside(
    *, consultation_id: int, registry: Registry, lang: str = "it"
) -> CitizensBesideOut:
    """Per group of the tally: the referents' overall satisfaction beside the CSAT of the
    citizens whose Back Office cases the group's offices closed in the year before the close."""
    wave = await tallied_wave(consultation_id=consultation_id, registry=registry)
    questionnaire = wave.questionnaire
    names = [scale.name for scale in questionnaire.scales]
    scale = BESIDE_SCALE if BESIDE_SCALE in names else (names[0] if names else None)
    if scale is None or _hidden(wave):
        return CitizensBesideOut(
            consultation_id=consultation_id, scale=None, scale_title=None, rows=[], labels={}
        )
    column = scale_columns(questionnaire, wave.answers)[scale]
    placed = office_groups(await areas(), set(wave.groups))
    citizens = [
        (placed[office], satisfaction)
        for office, satisfaction in await _citizens_by_office(wave.consultation.closes_on)
        if office in placed
    ]
    rows = groups_side_by_side(
        wave.groups,
        column.scores,
        column.favourable,
        [group for group, _ in citizens],
        np.array([satisfaction for _, satisfaction in citizens], dtype=np.float64),
        referent_threshold=wave.consultation.threshold,
    )
    return CitizensBesideOut(
        consultation_id=consultation_id,
        scale=scale,
        scale_title=_titles(questionnaire, lang)[scale],
        rows=list(rows),
        labels=group_labels([row.group for row in rows], questionnaire, lang),
    )
