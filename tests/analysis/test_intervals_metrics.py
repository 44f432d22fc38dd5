import math

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from analysis.intervals import mean_t, nps_adjusted_wald, wilson
from analysis.metrics import (
    csat_top2,
    customer_effort,
    mean_score,
    net_promoter,
    resolution_rate,
    response_rate,
)
from analysis.results import NOT_ENOUGH_DATA


@pytest.mark.parametrize(("successes", "n"), [(0, 10), (3, 10), (10, 10), (412, 1000)])
def test_wilson_matches_statsmodels(successes, n):
    result = wilson(successes, n)
    low, high = proportion_confint(successes, n, method="wilson")
    assert result.estimate == pytest.approx(successes / n)
    assert result.low == pytest.approx(low, abs=1e-12)
    assert result.high == pytest.approx(high, abs=1e-12)


def test_mean_t_matches_scipy():
    values = np.array([1, 2, 2, 3, 5, 4, 4, 5, 3], dtype=float)
    result = mean_t(values.size, values.sum(), values @ values)
    low, high = stats.t.interval(0.95, values.size - 1, values.mean(), stats.sem(values))
    assert (result.low, result.high) == (pytest.approx(low), pytest.approx(high))


def test_nps_adjusted_wald_hand_worked():
    # 50 promoters, 20 detractors, 100 answers: NPS 30. Adjusted: p = 50.75/101.5 = 0.5,
    # d = 20.75/101.5; var = (p + d - (p - d)^2) / 101.5.
    p, d = 50.75 / 101.5, 20.75 / 101.5
    half = 1.959963984540054 * math.sqrt((p + d - (p - d) ** 2) / 101.5)
    result = nps_adjusted_wald(50, 20, 100)
    assert result.estimate == pytest.approx(30.0)
    assert result.low == pytest.approx(100 * (p - d - half))
    assert result.high == pytest.approx(100 * (p - d + half))


def test_csat_counts_four_and_five_and_ignores_missing():
    result = csat_top2(np.array([5, 4, 3, 2, 1, np.nan, 4]))
    assert result.estimate == pytest.approx(3 / 6)
    assert result.n == 6
    assert result.small_group


def test_metrics_on_hand_example():
    scores = np.array([1.0, 2, 3, 4, 5])
    assert mean_score(scores).estimate == 3.0
    assert customer_effort(np.array([2.0, 4, np.nan])).estimate == 3.0
    assert net_promoter(np.array([10.0, 9, 8, 6, 0])).estimate == pytest.approx(0.0)
    codes = np.array([0, 0, 1, 2, 3])  # yes, yes, partly, no, unanswered
    assert resolution_rate(codes, 0, codes < 3).estimate == pytest.approx(0.5)
    assert response_rate(np.array([True, False, False, True])).estimate == 0.5


@pytest.mark.parametrize("values", [np.array([]), np.array([np.nan, np.nan])])
def test_empty_or_missing_gives_not_enough_data(values):
    for metric in (csat_top2, mean_score, customer_effort, net_promoter):
        result = metric(values)
        assert result.status == NOT_ENOUGH_DATA
        assert result.estimate is None and result.low is None and result.high is None


def test_single_answer_mean_has_no_interval_but_no_nan():
    result = mean_score(np.array([4.0]))
    assert result.estimate == 4.0
    assert result.low is None and result.high is None


def test_all_equal_scores():
    result = mean_score(np.full(40, 3.0))
    assert (result.estimate, result.low, result.high) == (3.0, 3.0, 3.0)
    assert csat_top2(np.full(40, 5.0)).estimate == 1.0
