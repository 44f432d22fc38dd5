import numpy as np
import pytest
from scipy import stats

from analysis.columns import ReferentColumns
from analysis.referents import cronbach_alpha, scale_scores, sus_scores, sus_summary
from analysis.results import NOT_ENOUGH_DATA


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
    best = np.array([[5, 1] * 5], dtype=float)
    neutral = np.full((1, 10), 3.0)
    assert sus_scores(best)[0] == 100.0
    assert sus_scores(neutral)[0] == 50.0
    mean, sd = sus_summary(np.vstack([best, neutral]))
    assert mean.estimate == 75.0 and sd == pytest.approx(np.std([100, 50], ddof=1))


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
