import numpy as np
import pytest
from scipy import stats

from analysis.columns import ReferentColumns
from analysis.consultations import scale_result
from analysis.referents import cronbach_alpha, scale_scores, score_summary
from analysis.results import NOT_ENOUGH_DATA
from questionnaires import default_registry, scale_item_scores, score_scales

SUS_CODES = [f"sus_{n:02d}" for n in range(1, 11)]


def _alpha_by_hand(items):
    k = items.shape[1]
    return k / (k - 1) * (1 - items.var(axis=0, ddof=1).sum() / items.sum(axis=1).var(ddof=1))


def test_cronbach_alpha_and_feldt_interval():
    rng = np.random.default_rng(0)
    trait = rng.normal(size=(60, 1))
    items = np.clip(np.round(3 + trait + rng.normal(0, 0.8, (60, 4))), 1, 5)
    result = cronbach_alpha(items)
    alpha = _alpha_by_hand(items)
    assert result.estimate == pytest.approx(alpha)
    # Feldt (1965): bounds 1 - (1 - alpha) F quantiles with df (n - 1, (n - 1)(k - 1)).
    assert result.low == pytest.approx(1 - (1 - alpha) * stats.f.ppf(0.975, 59, 177))
    assert result.high == pytest.approx(1 - (1 - alpha) * stats.f.ppf(0.025, 59, 177))


def test_alpha_uses_complete_cases_and_refuses_too_few():
    items = np.array([[1, 2], [2, np.nan], [4, 5]], dtype=float)
    assert cronbach_alpha(items).status == NOT_ENOUGH_DATA
    assert cronbach_alpha(np.full((10, 3), 3.0)).status == NOT_ENOUGH_DATA


def test_sus_known_values():
    # Each respondent's SUS is the questionnaire's scoring rule; the summary is analysis'.
    referent = default_registry().get("referent-consultation-2012", 1)
    best = dict(zip(SUS_CODES, [5, 1] * 5, strict=True))
    neutral = dict.fromkeys(SUS_CODES, 3)
    scores = np.array([score_scales(referent, answers)["sus"] for answers in (best, neutral)])
    assert scores.tolist() == [100.0, 50.0]
    mean, sd = score_summary(scores)
    assert mean.estimate == 75.0 and sd == pytest.approx(np.std([100, 50], ddof=1))


def test_a_sus_scale_result_measures_alpha_on_items_turned_its_way():
    referent = default_registry().get("referent-consultation-2012", 1)
    sus = next(scale for scale in referent.scales if scale.name == "sus")
    rng = np.random.default_rng(3)
    agreement = rng.integers(1, 6, size=(12, 1))
    answers = [dict(zip(SUS_CODES, [int(a), 6 - int(a)] * 5, strict=True)) for a in agreement[:, 0]]
    items = np.array([scale_item_scores(referent, sus, a) for a in answers])
    scores = np.array([score_scales(referent, a)["sus"] for a in answers])
    result = scale_result(scale="sus", title="SUS", scores=scores, items=items)
    # Agreeing with the positive items and disagreeing with the negative ones is consistent.
    assert result.alpha is not None and result.alpha.estimate == pytest.approx(1.0)
    assert result.mean.estimate == pytest.approx(np.mean((agreement[:, 0] - 1) * 25))


def test_a_one_item_scale_has_no_alpha():
    result = scale_result(
        scale="one", title="One", scores=np.array([4.0, 5.0, np.nan]), items=np.ones((3, 1))
    )
    assert result.alpha is None and result.mean.n == 2


def test_scale_scores_reverse_items():
    answers = np.array([[5, 1, 4], [4, 2, 4], [2, 4, 1], [1, 5, 2], [3, 3, np.nan]], dtype=float)
    columns = ReferentColumns(
        answers=answers,
        item_codes=("q1", "q2", "q3"),
        reverse=np.array([False, True, False]),
        scale=("overall", "overall", ""),
        office=np.array(["a"] * 5),
    )
    (score,) = scale_scores(columns)
    assert score.items == ("q1", "q2")
    # q2 reversed (6 - x) equals q1 here, so each respondent's score is q1.
    assert score.mean.estimate == pytest.approx(answers[:, 0].mean())
