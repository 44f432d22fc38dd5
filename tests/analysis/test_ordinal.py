import warnings

import numpy as np
import pandas as pd
import pytest
from statsmodels.miscmodels.ordinal_model import OrderedModel

from analysis.adjusted import adjusted_satisfaction_model
from analysis.ordinal import fit_proportional_odds
from analysis.results import NOT_ENOUGH_DATA
from analysis.simulation import simulate_feedback


def _simulated(n=2500, seed=0):
    rng = np.random.default_rng(seed)
    X = np.column_stack(
        [rng.integers(0, 2, n), rng.integers(0, 2, n), np.log1p(rng.integers(0, 30, n))]
    ).astype(float)
    latent = X @ np.array([-0.8, 0.3, -0.25]) + rng.logistic(size=n)
    return np.digitize(latent, [-2, -1, 0, 1]) + 1, X


def _statsmodels(y, X):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = OrderedModel(y, X, distr="logit")
        return model.fit(method="bfgs", disp=False, maxiter=5000, gtol=1e-10)


def test_matches_statsmodels_ordered_model():
    y, X = _simulated()
    ours = fit_proportional_odds(y, X, ["back_office", "web_form", "log_days"])
    theirs = _statsmodels(y, X)
    coefficients = np.array([t.coefficient for t in ours.terms])
    np.testing.assert_allclose(coefficients, theirs.params[:3], rtol=1e-3)
    np.testing.assert_allclose([t.se for t in ours.terms], theirs.bse[:3], rtol=1e-3)
    # statsmodels' threshold parameters: theta_1 then log increments.
    expected_theta = np.cumsum(np.concatenate([theirs.params[3:4], np.exp(theirs.params[4:])]))
    np.testing.assert_allclose(ours.thresholds, expected_theta, rtol=1e-3)
    assert ours.converged


def test_sign_convention_and_odds_ratio():
    y, X = _simulated(4000, seed=4)
    back_office = fit_proportional_odds(y, X, ["a", "b", "c"]).terms[0]
    assert back_office.coefficient < 0  # simulated with -0.8: lower scores more likely
    assert back_office.odds_ratio == pytest.approx(np.exp(back_office.coefficient))
    assert back_office.low < back_office.odds_ratio < back_office.high


def test_frequency_weights_equal_expanded_rows():
    y, X = _simulated(600, seed=5)
    frame = pd.DataFrame(np.column_stack([X, y]), columns=["a", "b", "c", "y"])
    data = frame.groupby(["a", "b", "c", "y"]).size().reset_index(name="count").to_numpy()
    weighted = fit_proportional_odds(data[:, 3], data[:, :3], "abc", weights=data[:, 4])
    plain = fit_proportional_odds(y, X, "abc")
    for w, p in zip(weighted.terms, plain.terms, strict=True):
        assert w.coefficient == pytest.approx(p.coefficient, rel=1e-9)
        assert w.se == pytest.approx(p.se, rel=1e-9)


def test_one_score_level_is_not_enough():
    fit = fit_proportional_odds(np.full(50, 4.0), np.ones((50, 1)), ["x"])
    assert fit.status == NOT_ENOUGH_DATA and fit.terms == ()


def test_adjusted_model_on_feedback():
    model = adjusted_satisfaction_model(simulate_feedback(20_000, seed=3))
    assert model.references == {
        "resolution_path": "front_office",
        "channel": "phone",
        "request_type": "information",
    }
    terms = {t.term: t for t in model.fit.terms}
    assert terms["resolution_path=back_office"].odds_ratio < 1
    assert terms["log1p_hours_to_close"].coefficient < 0
    assert "resolution_path=open" not in terms  # open cases have no time to close
