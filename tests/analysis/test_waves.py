"""Two waves of a consultation compared: stated changes recovered within their 99 % intervals,
no change found where none was stated, and changed scales never compared."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from analysis.simulation import simulate_consultation_wave
from analysis.waves import (
    DOWN,
    NO_CHANGE,
    UP,
    WaveScores,
    compare_waves,
    favourable_change,
    favourable_flags,
    mean_change,
)

SCALES = {"request_quality": 3, "timeliness": 3, "collaboration": 3, "workload": 2, "overall": 3}
# The second wave's stated changes, in standard deviations of the scale's mood.
STATED = {"timeliness": 0.6, "workload": -0.6}
RESPONDENTS = 300
POPULATION = 200_000  # a wave this large gives the true figures to within ±0.005


def _scores(wave: dict[str, np.ndarray]) -> dict[str, WaveScores]:
    return {
        scale: WaveScores(scores=items.mean(axis=1), favourable=favourable_flags(items, 4.0))
        for scale, items in wave.items()
    }


def _truth(shifts: dict[str, float]) -> dict[str, tuple[float, float]]:
    wave = simulate_consultation_wave(POPULATION, SCALES, shifts, seed=99)
    return {
        scale: (float(items.mean()), float(favourable_flags(items, 4.0).mean()))
        for scale, items in wave.items()
    }


def test_stated_changes_fall_within_their_99_percent_intervals_and_no_change_elsewhere():
    earlier = _scores(simulate_consultation_wave(RESPONDENTS, SCALES, seed=11))
    later = _scores(simulate_consultation_wave(RESPONDENTS, SCALES, STATED, seed=12))
    comparison = compare_waves(earlier, later, comparable=set(SCALES), confidence=0.99)
    before, after = _truth({}), _truth(STATED)
    assert [change.scale for change in comparison.scales] == list(SCALES)
    for change in comparison.scales:
        true_mean = after[change.scale][0] - before[change.scale][0]
        true_share = after[change.scale][1] - before[change.scale][1]
        assert change.mean_change.low <= true_mean <= change.mean_change.high, change.scale
        assert change.favourable_change.low <= true_share <= change.favourable_change.high
        if change.scale in STATED:
            assert abs(true_mean) > 0.15  # the stated change is one worth finding
            assert change.verdict == (UP if STATED[change.scale] > 0 else DOWN), change.scale
            assert change.mean_p_adjusted < 0.01
        else:
            assert abs(true_mean) < 0.01
            assert change.verdict == NO_CHANGE, change.scale
            assert change.mean_change.low < 0 < change.mean_change.high


def test_a_scale_not_comparable_is_set_apart_and_never_compared():
    earlier = _scores(simulate_consultation_wave(RESPONDENTS, SCALES, seed=11))
    later = _scores(simulate_consultation_wave(RESPONDENTS, SCALES, STATED, seed=12))
    comparison = compare_waves(earlier, later, comparable=set(SCALES) - {"timeliness"})
    assert "timeliness" not in [change.scale for change in comparison.scales]
    assert comparison.apart == ("timeliness",)
    only_later = {**later, "new_scale": later["overall"]}
    assert "new_scale" in compare_waves(earlier, only_later, comparable=set(only_later)).apart


def test_welch_and_two_proportion_figures_agree_with_scipy():
    rng = np.random.default_rng(5)
    a, b = rng.normal(3.2, 0.8, 120), rng.normal(3.5, 1.1, 90)
    change, test = mean_change(a, b)
    reference = stats.ttest_ind(b, a, equal_var=False)
    assert test.p_value == pytest.approx(reference.pvalue, rel=1e-9)
    interval = reference.confidence_interval(0.95)
    assert (change.low, change.high) == pytest.approx((interval.low, interval.high), rel=1e-9)
    x = np.r_[np.ones(40), np.zeros(60)]
    y = np.r_[np.ones(60), np.zeros(40)]
    share, share_test = favourable_change(x, y)
    chi2 = stats.chi2_contingency([[40, 60], [60, 40]], correction=False)
    assert share_test.p_value == pytest.approx(chi2.pvalue, rel=1e-9)
    # Newcombe (1998), table II, example (e): 56/70 vs 48/80, difference 0.2, 95 % interval
    # 0.0524 to 0.3339 by method 10.
    first, second = np.r_[np.ones(48), np.zeros(32)], np.r_[np.ones(56), np.zeros(14)]
    share, _ = favourable_change(first, second)
    assert (share.low, share.high) == pytest.approx((0.0524, 0.3339), abs=5e-4)


def test_favourable_flags_need_an_answer_and_count_agreement_on_average():
    items = np.array([[4, 4, 5], [3, 4, 5], [5, np.nan, 3], [np.nan, np.nan, np.nan]])
    flags = favourable_flags(items, 4.0)
    assert flags[:3].tolist() == [1.0, 1.0, 1.0]
    assert np.isnan(flags[3])
    assert favourable_flags(np.array([[3.0, 4.0]]), 4.0).tolist() == [0.0]
