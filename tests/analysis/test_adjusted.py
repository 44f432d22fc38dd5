"""The adjusted model recovers effects it is told about, and its derived figures check out."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy import stats
from statsmodels.genmod.families import Binomial
from statsmodels.genmod.generalized_linear_model import GLM
from statsmodels.miscmodels.ordinal_model import OrderedModel

from analysis.adjusted import adjusted_satisfaction_model, model_design
from analysis.proportional_odds_check import binary_logit, brant_test
from analysis.simulation import KNOWN_EFFECTS, simulate_known_effects

Z99 = stats.norm.ppf(0.995)
# 30,000 cases, about 18,000 answers: every stated effect is estimated with an SE under 0.1.
KNOWN = simulate_known_effects(30_000, seed=17)


@pytest.mark.parametrize("aggregate", [False, True], ids=["row-level", "aggregated"])
def test_every_known_effect_is_within_its_99_percent_interval(aggregate):
    model = adjusted_satisfaction_model(KNOWN, aggregate=aggregate)
    terms = {term.term: term for term in model.fit.terms}
    assert set(terms) == set(KNOWN_EFFECTS)
    for name, value in KNOWN_EFFECTS.items():
        term = terms[name]
        assert term.se < 0.12, name
        assert abs(term.coefficient - value) <= Z99 * term.se, name


def test_row_level_and_aggregated_fits_agree():
    rows = adjusted_satisfaction_model(KNOWN, aggregate=False)
    patterns = adjusted_satisfaction_model(KNOWN, aggregate=True)
    for a, b in zip(rows.fit.terms, patterns.fit.terms, strict=True):
        assert a.term == b.term
        assert a.coefficient == pytest.approx(b.coefficient, abs=1e-8)
        assert a.se == pytest.approx(b.se, rel=1e-6)
    for a, b in zip(rows.differences, patterns.differences, strict=True):
        assert a.points == pytest.approx(b.points, abs=1e-6)


def _statsmodels_fit(design):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = OrderedModel(
            np.repeat(design.y, design.weights.astype(int)).astype(int),
            np.repeat(design.X, design.weights.astype(int), axis=0),
            distr="logit",
        )
        return model, model.fit(method="bfgs", disp=False, maxiter=5000, gtol=1e-10)


def test_csat_differences_match_statsmodels_predictions():
    sample = simulate_known_effects(6_000, seed=3)
    design = model_design(sample, aggregate=True)
    model = adjusted_satisfaction_model(sample)
    statsmodels_model, result = _statsmodels_fit(design)
    X = np.repeat(design.X, design.weights.astype(int), axis=0)
    emergency = design.names.index("in_emergency")

    def csat(value):
        exog = X.copy()
        exog[:, emergency] = value
        probabilities = statsmodels_model.predict(result.params, exog=exog)
        return probabilities[:, 3:].sum(axis=1).mean()  # scores 4 and 5

    expected = 100 * (csat(1.0) - csat(0.0))
    found = next(d for d in model.differences if d.term == "in_emergency")
    assert found.points == pytest.approx(expected, abs=0.05)
    assert found.low < found.points < found.high
    coefficients = [t.coefficient for t in model.fit.terms if not t.term.endswith("hydro_risk")]
    np.testing.assert_allclose(coefficients, result.params[: len(coefficients)], atol=2e-3)


def test_the_balancing_office_is_minus_the_sum_of_the_others():
    terms = {t.term: t for t in adjusted_satisfaction_model(KNOWN).fit.terms}
    offices = [t for name, t in terms.items() if name.startswith("office=")]
    assert sum(t.coefficient for t in offices) == pytest.approx(0.0, abs=1e-9)


def test_binary_logit_matches_statsmodels_glm_with_frequency_weights():
    design = model_design(KNOWN, aggregate=True)
    X = np.column_stack([np.ones(design.y.size), design.X])
    y = (design.y > 3).astype(float)
    ours, _, converged = binary_logit(y, X, design.weights)
    theirs = GLM(y, X, family=Binomial(), freq_weights=design.weights).fit()
    assert converged
    np.testing.assert_allclose(ours, theirs.params, atol=1e-6)


def test_brant_test_keeps_proportional_odds_and_finds_a_departure():
    design = model_design(KNOWN, aggregate=True)
    check = brant_test(design.y, design.X, design.names, design.weights)
    assert check.holds and check.df == len(design.names) * 3
    # A predictor that moves only the lowest cut point breaks proportional odds.
    rng = np.random.default_rng(5)
    n = 8000
    x = rng.integers(0, 2, n).astype(float)
    latent = rng.logistic(size=n)
    lowest = -2.0 + 1.5 * x
    y = 1.0 + (latent > lowest) + (latent > -1.0) + (latent > 0.0) + (latent > 1.0)
    broken = brant_test(y, x[:, None], ["x"])
    assert not broken.holds and broken.terms[0].p_value < 1e-6
    assert broken.terms[0].slopes[0] < broken.terms[0].slopes[-1] - 0.5  # only the first cut moved
