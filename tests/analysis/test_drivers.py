"""Relative importance of scales for overall satisfaction on data whose importances are known."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.drivers import FIX_FIRST, MAINTAIN, SECONDARY, STRENGTH, driver_analysis, shapley_r2


def test_independent_scales_get_their_known_shares_of_r2():
    # y = 0.6 a + 0.5 b + 0.0 c + noise(sd 0.6), a, b, c independent with variance 1: the
    # population R² is 0.61 / 0.97 and each scale's share is beta² / var(y).
    rng = np.random.default_rng(3)
    n = 4000
    a, b, c = rng.normal(size=(3, n))
    y = 0.6 * a + 0.5 * b + rng.normal(0, 0.6, n)
    result = driver_analysis(
        y, {"a": a, "b": b, "c": c}, {"a": 0.5, "b": 0.7, "c": 0.6}, samples=200
    )
    truth = {"a": 0.36 / 0.97, "b": 0.25 / 0.97, "c": 0.0}
    assert result.r2.estimate == pytest.approx(0.61 / 0.97, abs=0.02)
    for driver in result.drivers:
        assert driver.importance.low <= truth[driver.scale] + 0.005
        assert truth[driver.scale] <= driver.importance.high + 0.005
        assert driver.importance.estimate == pytest.approx(truth[driver.scale], abs=0.025)
    shares = {driver.scale: driver.importance.estimate for driver in result.drivers}
    assert sum(shares.values()) == pytest.approx(result.r2.estimate)
    quadrants = {driver.scale: driver.quadrant for driver in result.drivers}
    # a: important and lowest score; b: important and highest; c: unimportant, at the median.
    assert quadrants == {"a": FIX_FIRST, "b": STRENGTH, "c": MAINTAIN}


def test_correlated_scales_with_equal_effects_share_equally_and_order_does_not_matter():
    rng = np.random.default_rng(4)
    n = 3000
    common = rng.normal(size=n)
    a = common + rng.normal(size=n)
    b = common + rng.normal(size=n)
    c = rng.normal(size=n)
    y = a + b + 0.3 * c + rng.normal(0, 1, n)
    forward = shapley_r2(y, np.column_stack([a, b, c]))
    backward = shapley_r2(y, np.column_stack([c, b, a]))
    assert forward[0] == pytest.approx(forward[1], abs=0.02)
    assert forward.tolist() == pytest.approx(backward[::-1].tolist())
    assert forward[2] < forward[0] / 5
    # The regression's R², computed directly, is what the shares add up to.
    design = np.column_stack([np.ones(n), a, b, c])
    residual = y - design @ np.linalg.lstsq(design, y, rcond=None)[0]
    assert forward.sum() == pytest.approx(1 - residual.var() / y.var())


def test_too_few_respondents_give_no_importance_and_say_so():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(10, 2))
    result = driver_analysis(x[:, 0], {"a": x[:, 0], "b": x[:, 1]}, {"a": 0.5, "b": None})
    assert result.status == "not_enough_data"
    assert all(driver.importance.estimate is None for driver in result.drivers)


def test_a_low_score_of_little_importance_is_secondary():
    rng = np.random.default_rng(6)
    n = 500
    a, b = rng.normal(size=(2, n))
    y = a + 0.05 * b + rng.normal(0, 0.5, n)
    result = driver_analysis(y, {"a": a, "b": b}, {"a": 0.8, "b": 0.3}, samples=50)
    assert [d.quadrant for d in result.drivers] == [STRENGTH, SECONDARY]
