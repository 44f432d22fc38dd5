"""Scoring: SUS, means and sums with reverse coding, missing answers, single-item indicators."""

from __future__ import annotations

import pytest

from questionnaires import (
    Questionnaire,
    csat_top2,
    decode_definition,
    face_for_value,
    faces_value,
    item_score,
    nps_category,
    scale_item_scores,
    score_scales,
    validate_answers,
    validate_partial,
)
from tests.questionnaires.questionnaire_samples import definition_text, shipped


@pytest.fixture
def referent() -> Questionnaire:
    return shipped("referent-consultation-2012")


SUS_CODES = [f"sus_{n:02d}" for n in range(1, 11)]


def referent_answers(sus: list[int], **others: int) -> dict[str, object]:
    base = {item: 3 for item in ("request_clarity", "request_completeness", "request_relevance")}
    return {**base, **dict(zip(SUS_CODES, sus, strict=True)), **others}


def test_sus_all_best_is_100_and_all_worst_is_0(referent: Questionnaire) -> None:
    best = [5, 1] * 5  # agree with every positive item, disagree with every negative one
    worst = [1, 5] * 5
    assert score_scales(referent, referent_answers(best))["sus"] == 100.0
    assert score_scales(referent, referent_answers(worst))["sus"] == 0.0


def test_sus_mixed_example_by_hand(referent: Questionnaire) -> None:
    # Answers 4,2,4,1,3,2,5,2,4,3.
    # Odd items, v - 1: 3 + 3 + 2 + 4 + 3 = 15. Even items, 5 - v: 3 + 4 + 3 + 3 + 2 = 15.
    # (15 + 15) * 2.5 = 75.
    answers = referent_answers([4, 2, 4, 1, 3, 2, 5, 2, 4, 3])
    assert score_scales(referent, answers)["sus"] == 75.0


def test_item_scores_turn_sus_even_items_round(referent: Questionnaire) -> None:
    # The same answers as above: even items 2, 1, 2, 2, 3 become 6 - v = 4, 5, 4, 4, 3, so
    # every item points the way of the positive ones (what Cronbach's alpha needs).
    sus = next(scale for scale in referent.scales if scale.name == "sus")
    answers = referent_answers([4, 2, 4, 1, 3, 2, 5, 2, 4, 3])
    assert scale_item_scores(referent, sus, answers) == [4, 4, 4, 5, 3, 4, 5, 4, 4, 3]


def test_sus_needs_every_item(referent: Questionnaire) -> None:
    answers = validate_partial(referent, referent_answers([5, 1] * 5))
    del answers["sus_07"]
    assert score_scales(referent, answers)["sus"] is None


def test_reverse_coded_workload(referent: Questionnaire) -> None:
    # "Excessive workload" 4 (agree) reverses to 5 + 1 - 4 = 2; with "manageable" 3 the mean is 2.5.
    answers = referent_answers([3] * 10, workload_excessive=4, workload_manageable=3)
    scores = score_scales(referent, answers)
    assert scores["workload"] == 2.5
    assert scores["request_quality"] == 3.0


def test_a_scale_needs_half_of_its_items_by_default(referent: Questionnaire) -> None:
    two_of_three = {"request_clarity": 4, "request_relevance": 5}
    assert score_scales(referent, two_of_three)["request_quality"] == 4.5
    assert score_scales(referent, {"request_clarity": 4})["request_quality"] is None
    assert score_scales(referent, {})["overall"] is None


SCALES = """
- {code: a, type: rating, scales: [total, picky], text: {it: A, en: A}}
- {code: b, type: rating, reverse: true, scales: [total, picky], text: {it: B, en: B}}
- {code: c, type: rating, scales: [total, picky], text: {it: C, en: C}}
- {code: d, type: rating, scales: [total, picky], text: {it: D, en: D}}
- {code: e, type: nps, reverse: true, scales: [recommend], text: {it: E, en: E}}
- {code: f, type: yes_no, reverse: true, scales: [problems], text: {it: F, en: F}}
- {code: g, type: faces, scales: [mood], text: {it: G, en: G}}
"""
SCALE_LIST = """[
  {name: total, rule: sum, title: {it: Totale, en: Total}},
  {name: picky, rule: mean, min_share: 0.75, title: {it: Esigente, en: Picky}},
  {name: recommend, rule: mean, title: {it: Consiglio, en: Recommend}},
  {name: problems, rule: mean, title: {it: Problemi, en: Problems}},
  {name: mood, rule: mean, title: {it: Umore, en: Mood}}
]"""


@pytest.fixture
def scored() -> Questionnaire:
    return decode_definition(definition_text(SCALES, scales=SCALE_LIST))


def test_sum_mean_and_reverse_on_each_range(scored: Questionnaire) -> None:
    answers = validate_answers(
        scored, {"a": 5, "b": 2, "c": 4, "d": 3, "e": 8, "f": True, "g": "neutral"}
    )
    # b = 2 reversed on 1..5 is 4, so the sum is 5 + 4 + 4 + 3 = 16.
    assert score_scales(scored, answers) == {
        "total": 16.0,
        "picky": 4.0,
        "recommend": 2.0,  # 10 - 8
        "problems": 0.0,  # yes reversed on 0..1
        "mood": 2.0,
    }


def test_sum_with_gaps_is_prorated_and_min_share_is_honoured(scored: Questionnaire) -> None:
    # Three of four answered: mean (5 + 4 + 3) / 3 = 4, prorated to 4 items = 16.
    scores = score_scales(scored, {"a": 5, "b": 2, "d": 3})
    assert scores["total"] == 16.0
    assert scores["picky"] == 4.0  # 3 of 4 meets min_share 0.75
    scores = score_scales(scored, {"a": 5, "b": 2})
    assert scores["total"] == 16.0 * 4.5 / 4  # 2 of 4 meets the default half
    assert scores["picky"] is None


def test_item_scores_turn_reverse_items_round_and_leave_gaps(scored: Questionnaire) -> None:
    total = next(scale for scale in scored.scales if scale.name == "total")
    answers = validate_partial(scored, {"a": 5, "b": 2, "c": 4})
    assert scale_item_scores(scored, total, answers) == [5.0, 4.0, 4.0, None]


def test_item_score_reverse(scored: Questionnaire) -> None:
    item = scored.item("a")
    assert item_score(item, 1, reverse=True) == 5.0
    assert item_score(scored.item("g"), "positive") == 3.0


@pytest.mark.parametrize(
    ("value", "category"),
    [
        (0, "detractor"),
        (6, "detractor"),
        (7, "passive"),
        (8, "passive"),
        (9, "promoter"),
        (10, "promoter"),
    ],
)
def test_nps_category(value: int, category: str) -> None:
    assert nps_category(value) == category


def test_csat_top2() -> None:
    assert [csat_top2(v) for v in range(1, 6)] == [False, False, False, True, True]


def test_faces_value_both_ways() -> None:
    assert [faces_value(face) for face in ("negative", "neutral", "positive")] == [1, 2, 3]
    assert [face_for_value(v) for v in (1, 2, 3)] == ["negative", "neutral", "positive"]


@pytest.mark.parametrize(
    ("helper", "value"),
    [
        (nps_category, 11),
        (nps_category, True),
        (csat_top2, 0),
        (faces_value, "happy"),
        (face_for_value, 4),
    ],
)
def test_helpers_refuse_values_outside_their_scale(helper, value) -> None:
    with pytest.raises(ValueError):
        helper(value)
