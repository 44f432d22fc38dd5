import numpy as np
import pytest
from scipy import stats

from analysis.rank_tests import kruskal_wallis, mann_whitney, rank_values, spearman
from analysis.results import NOT_ENOUGH_DATA

# Hollander & Wolfe (1973) p. 116, the example of R's kruskal.test documentation:
# "Kruskal-Wallis chi-squared = 0.7714, df = 2, p-value = 0.68".
MUCOCILIARY = {
    "normal": [2.9, 3.0, 2.5, 2.6, 3.2],
    "obstructive": [3.8, 2.7, 4.0, 2.4],
    "asbestosis": [2.8, 3.4, 3.7, 2.2, 2.0],
}


def test_ranks_match_scipy_with_ties():
    values = np.array([3.0, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 0.5])
    np.testing.assert_allclose(rank_values(values).ranks(), stats.rankdata(values))


def test_mann_whitney_matches_scipy():
    rng = np.random.default_rng(0)
    a, b = rng.integers(1, 6, 300).astype(float), rng.integers(2, 6, 120).astype(float)
    ours = mann_whitney(a, b)
    theirs = stats.mannwhitneyu(a, b, method="asymptotic")
    assert ours.statistic == pytest.approx(theirs.statistic)
    assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-10)
    assert ours.effect.estimate == pytest.approx(2 * theirs.statistic / (300 * 120) - 1)
    assert ours.effect.low < ours.effect.estimate < ours.effect.high


def test_rank_biserial_hand_example():
    # Complete separation: every first-group value above every second-group value -> r = 1.
    result = mann_whitney([4, 5, 5], [1, 2])
    assert result.statistic == 6.0
    assert result.effect.estimate == 1.0


def test_kruskal_wallis_r_documentation_example():
    result = kruskal_wallis(MUCOCILIARY)
    assert result.test.statistic == pytest.approx(0.7714, abs=5e-5)
    assert result.test.df == 2
    assert result.test.p_value == pytest.approx(0.68, abs=5e-3)
    assert result.test.effect.estimate == pytest.approx(result.test.statistic / 13)


def test_kruskal_wallis_matches_scipy_with_ties():
    rng = np.random.default_rng(1)
    groups = {f"g{i}": rng.integers(1, 6, 40 + 10 * i).astype(float) for i in range(4)}
    theirs = stats.kruskal(*groups.values())
    ours = kruskal_wallis(groups).test
    assert ours.statistic == pytest.approx(theirs.statistic, rel=1e-12)
    assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-10)


def test_dunn_published_example_scikit_posthocs():
    # scikit-posthocs 0.3 docstring of posthoc_dunn (Dunn 1964 z, two-sided, Holm):
    # x = [[1,2,3,5,1], [12,31,54,nan], [10,12,6,74,11]] ->
    # [[-1, 0.01764845, 0.04131415], [0.01764845, -1, 0.45319956], ...]. That release
    # applied no tie correction (its tie sum evaluated to zero), so compare with ours off.
    groups = {"a": [1, 2, 3, 5, 1], "b": [12, 31, 54, np.nan], "c": [10, 12, 6, 74, 11]}
    pairs = kruskal_wallis(groups, tie_correction=False).dunn
    holm = {(p.group_a, p.group_b): p.p_holm for p in pairs}
    assert holm[("a", "b")] == pytest.approx(0.01764845, abs=1e-8)
    assert holm[("a", "c")] == pytest.approx(0.04131415, abs=1e-8)
    assert holm[("b", "c")] == pytest.approx(0.45319956, abs=1e-8)


def test_dunn_tie_correction_hand_computed():
    groups = {"a": [1, 2, 3, 5, 1], "b": [12, 31, 54], "c": [10, 12, 6, 74, 11]}
    pooled = np.concatenate(list(groups.values())).astype(float)
    ranks = stats.rankdata(pooled)
    n = pooled.size
    _, ties = np.unique(pooled, return_counts=True)
    spread = n * (n + 1) / 12 - (ties**3 - ties).sum() / (12 * (n - 1))
    z_ab = (ranks[:5].mean() - ranks[5:8].mean()) / np.sqrt(spread * (1 / 5 + 1 / 3))
    first = kruskal_wallis(groups).dunn[0]
    assert first.z == pytest.approx(z_ab)
    assert first.p_value == pytest.approx(2 * stats.norm.sf(abs(z_ab)))


def test_spearman_matches_scipy():
    rng = np.random.default_rng(2)
    x = rng.integers(0, 40, 500).astype(float)
    y = np.clip(np.round(4 - x / 20 + rng.normal(0, 1, 500)), 1, 5)
    ours, theirs = spearman(x, y), stats.spearmanr(x, y)
    assert ours.statistic == pytest.approx(theirs.statistic, rel=1e-12)
    assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-8)


def test_edge_cases_say_not_enough_data():
    assert mann_whitney([], [1, 2]).status == NOT_ENOUGH_DATA
    assert mann_whitney([3, 3], [3, 3, 3]).status == NOT_ENOUGH_DATA
    assert kruskal_wallis({"only": [1, 2, 3]}).test.status == NOT_ENOUGH_DATA
    assert kruskal_wallis({}).test.status == NOT_ENOUGH_DATA
    assert kruskal_wallis({"a": [4, 4], "b": [4, 4, 4]}).test.status == NOT_ENOUGH_DATA
    assert spearman([1, 2], [3, 4]).status == NOT_ENOUGH_DATA
    assert spearman([1, 2, 3, 4, 5], [2, 2, 2, 2, 2]).status == NOT_ENOUGH_DATA
