import numpy as np
import pytest
from statsmodels.stats.multitest import multipletests

from analysis.multiple_testing import benjamini_hochberg, holm


def test_holm_wikipedia_example():
    # Wikipedia, "Holm-Bonferroni method", example: four hypotheses with p = 0.01, 0.04,
    # 0.03, 0.005 at alpha 0.05: H4 and H1 are rejected, H3 and H2 are not.
    # Adjusted p: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, max(0.04*1, 0.06) = 0.06.
    adjusted = holm([0.01, 0.04, 0.03, 0.005])
    np.testing.assert_allclose(adjusted, [0.03, 0.06, 0.06, 0.02])
    assert list(adjusted <= 0.05) == [True, False, False, True]


def test_benjamini_hochberg_1995_example():
    # Benjamini & Hochberg (1995), JRSS B 57, section 4.1: the 15 p-values of the
    # myocardial-infarction study; at q = 0.05 the procedure rejects the four smallest
    # (Bonferroni-type procedures reject three).
    p = [
        0.0001,
        0.0004,
        0.0019,
        0.0095,
        0.0201,
        0.0278,
        0.0298,
        0.0344,
        0.0459,
        0.3240,
        0.4262,
        0.5719,
        0.6528,
        0.7590,
        1.0000,
    ]
    adjusted = benjamini_hochberg(p)
    assert np.count_nonzero(adjusted <= 0.05) == 4
    assert np.all(adjusted[:4] <= 0.05)
    np.testing.assert_allclose(adjusted, multipletests(p, method="fdr_bh")[1])


def test_holm_matches_statsmodels_on_random_input():
    p = np.random.default_rng(3).uniform(size=25) ** 3
    np.testing.assert_allclose(holm(p), multipletests(p, method="holm")[1])


@pytest.mark.parametrize("adjust", [holm, benjamini_hochberg])
def test_empty_and_single(adjust):
    assert adjust([]).size == 0
    assert adjust([0.2])[0] == pytest.approx(0.2)
