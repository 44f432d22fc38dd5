import numpy as np
import pytest
from scipy import stats

from analysis import simulate_feedback
from analysis.weighting import compare_respondents, kish_effective_n, post_stratify, sample_size


def test_sample_size_formula():
    # n0 = 1.96^2 * 0.25 / 0.05^2 = 384.1 -> 385; with N = 14,000: 384.1 / (1 + 383.1/14000).
    assert sample_size(0.05) == 385
    assert sample_size(0.05, population=14_000) == 374
    # 1.96^2 * 0.21 / 0.03^2 = 896.35; / (1 + 895.35 / 14000) = 842.5 -> 843.
    assert sample_size(0.03, population=14_000, proportion=0.3) == 843
    with pytest.raises(ValueError):
        sample_size(0)


def test_kish_effective_n():
    assert kish_effective_n(np.ones(10)) == pytest.approx(10)
    assert kish_effective_n(np.array([1.0, 3.0])) == pytest.approx(16 / 10)


def test_post_stratified_shares_reproduce_population():
    columns = simulate_feedback(40_000, seed=2)
    result = post_stratify(columns)
    invited = ~np.isnat(columns.closed_at)
    scored = invited & np.isfinite(columns.satisfaction)
    covered = [s for s in result.strata if not s.empty]
    weighted_total = sum(s.weight * s.respondents for s in covered)
    for stratum in covered:
        population_share = stratum.population / invited.sum()
        assert stratum.weight * stratum.respondents / weighted_total == pytest.approx(
            population_share / (1 - result.uncovered_population_share)
        )
    assert result.effective_n < scored.sum()
    assert 0 < result.csat.estimate < 1


def test_respondents_comparison_matches_scipy():
    columns = simulate_feedback(5_000, seed=4)
    result = compare_respondents(columns)
    invited = ~np.isnat(columns.closed_at)
    channel = next(c for c in result.by_factor if c.factor == "channel")
    table = np.array(
        [
            np.bincount(columns.channel.codes[invited & columns.answered], minlength=6),
            np.bincount(columns.channel.codes[invited & ~columns.answered], minlength=6),
        ]
    )
    expected = stats.chi2_contingency(table[:, table.sum(axis=0) > 0], correction=False)
    assert channel.test.statistic == pytest.approx(expected.statistic)
    assert sum(channel.respondent_shares) == pytest.approx(1)
