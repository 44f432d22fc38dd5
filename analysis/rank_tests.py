"""Rank tests built on one shared ranking: Mann-Whitney, Kruskal-Wallis, Dunn, Spearman.

Every test here reduces to a table of counts (group x distinct value): rank sums are the
table times the average rank of each distinct value, and the tie correction depends only on
how many observations share each value. Ranking once and tabulating with bincount is what
makes a million answers cheap.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import msgspec
import numpy as np
from scipy import special, stats

from analysis.intervals import fisher_z_interval
from analysis.multiple_testing import holm
from analysis.results import SMALL_GROUP, Estimate, HypothesisTest, estimate, untestable


@dataclass(frozen=True)
class Ranking:
    """Distinct values of a sample, each observation's value index and each value's mid-rank."""

    codes: np.ndarray
    levels: np.ndarray
    level_counts: np.ndarray
    level_ranks: np.ndarray

    @property
    def n(self) -> int:
        return int(self.codes.size)

    @property
    def tie_sum(self) -> float:
        """Sum over tie groups of t^3 - t."""
        t = self.level_counts.astype(np.float64)
        return float(np.sum(t * t * t - t))

    def ranks(self) -> np.ndarray:
        """Average (mid) rank of every observation."""
        return self.level_ranks[self.codes]


def rank_values(values: np.ndarray) -> Ranking:
    """Rank a 1-D sample of finite values with average ranks for ties."""
    values = np.asarray(values, dtype=np.float64)
    if values.size and _small_integers(values):
        low = int(values.min())
        raw = values.astype(np.int64) - low
        counts = np.bincount(raw)
        present = counts > 0
        remap = np.cumsum(present) - 1
        codes, counts = remap[raw], counts[present]
        levels = (np.flatnonzero(present) + low).astype(np.float64)
    else:
        levels, codes, counts = np.unique(values, return_inverse=True, return_counts=True)
        codes = codes.reshape(-1)
    ends = np.cumsum(counts).astype(np.float64)
    return Ranking(
        codes=codes, levels=levels, level_counts=counts, level_ranks=ends - (counts - 1) / 2.0
    )


def _small_integers(values: np.ndarray) -> bool:
    # Scores (1-5, 0-10) and calendar days are integers: bincount beats a sort by far.
    low, high = values.min(), values.max()
    return bool(high - low < 100_000 and np.all(values == np.floor(values)))


def rank_table(ranking: Ranking, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """Counts of each distinct value within each group: shape (n_groups, n_levels)."""
    levels = ranking.level_counts.size
    flat = groups.astype(np.int64) * levels + ranking.codes
    return np.bincount(flat, minlength=n_groups * levels).reshape(n_groups, levels)


def mann_whitney_from_table(table: np.ndarray) -> HypothesisTest:
    """Mann-Whitney U (normal approximation, tie and continuity corrected) from a 2 x L table.

    U and its variance with ties: Lehmann (1975), Nonparametrics, eq. 1.28; the effect is the
    rank-biserial correlation r = 2 U1 / (n1 n2) - 1 (Kerby 2014), positive when the first
    group ranks higher. Its interval uses Fisher's z with SE sqrt((n1 + n2 + 1) / (3 n1 n2))
    (King, Rosopa & Minium 2011, as in R's effectsize::rank_biserial).
    """
    n1, n2 = (int(v) for v in table.sum(axis=1))
    n = n1 + n2
    if n1 == 0 or n2 == 0:
        return untestable("mann_whitney", n, "one of the two groups has no answers")
    level_ranks = _pooled_level_ranks(table)
    counts = table.sum(axis=0).astype(np.float64)
    tie_sum = float(np.sum(counts**3 - counts))
    u1 = float(table[0] @ level_ranks) - n1 * (n1 + 1) / 2.0
    variance = n1 * n2 / 12.0 * ((n + 1) - tie_sum / (n * (n - 1)))
    if variance <= 0:
        return untestable("mann_whitney", n, "all answers are equal")
    z = (abs(u1 - n1 * n2 / 2.0) - 0.5) / math.sqrt(variance)
    p_value = min(1.0, 2.0 * float(special.ndtr(-z)))
    r = 2.0 * u1 / (n1 * n2) - 1.0
    se_z = math.sqrt((n + 1) / (3.0 * n1 * n2))
    effect = fisher_z_interval(r, se_z, n, "rank_biserial_fisher_z")
    effect = msgspec.structs.replace(effect, small_group=min(n1, n2) < SMALL_GROUP)
    return HypothesisTest(
        test="mann_whitney",
        statistic=u1,
        p_value=p_value,
        n=n,
        effect_name="rank_biserial",
        effect=effect,
    )


def _pooled_level_ranks(table: np.ndarray) -> np.ndarray:
    # A table may cover only some groups of the ranking: re-rank over its own counts so the
    # ranks are those of the pooled sample being tested.
    counts = table.sum(axis=0)
    ends = np.cumsum(counts).astype(np.float64)
    return ends - (counts - 1) / 2.0


def mann_whitney(first: Sequence[float], second: Sequence[float]) -> HypothesisTest:
    """Mann-Whitney U test of two samples (NaN dropped)."""
    a, b = _finite(first), _finite(second)
    if a.size == 0 or b.size == 0:
        return untestable("mann_whitney", a.size + b.size, "one of the two groups has no answers")
    ranking = rank_values(np.concatenate([a, b]))
    groups = np.repeat(np.array([0, 1]), [a.size, b.size])
    return mann_whitney_from_table(rank_table(ranking, groups, 2))


def _finite(values: Sequence[float] | np.ndarray) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64).reshape(-1)
    return array[np.isfinite(array)]


class GroupRanks(msgspec.Struct, frozen=True):
    """One group in a rank comparison."""

    group: str
    n: int
    mean_rank: float
    small_group: bool


class DunnComparison(msgspec.Struct, frozen=True):
    """One pair in Dunn's post-hoc test; p_holm is Holm-adjusted over all pairs."""

    group_a: str
    group_b: str
    z: float
    p_value: float
    p_holm: float


class KruskalWallis(msgspec.Struct, frozen=True):
    """Kruskal-Wallis across groups with epsilon squared and Dunn's pairwise comparisons."""

    test: HypothesisTest
    groups: tuple[GroupRanks, ...]
    dunn: tuple[DunnComparison, ...]


def kruskal_wallis_from_table(
    table: np.ndarray, labels: Sequence[str], tie_correction: bool = True
) -> KruskalWallis:
    """Kruskal-Wallis H (tie-corrected) from a groups x values table, then Dunn with Holm.

    H = [12 / (N (N + 1)) sum R_i^2 / n_i - 3 (N + 1)] / [1 - sum(t^3 - t) / (N^3 - N)]
    (Kruskal & Wallis 1952); effect size epsilon^2 = H / (N - 1) (Tomczak & Tomczak 2014).
    """
    sizes = table.sum(axis=1)
    keep = sizes > 0
    table, sizes = table[keep], sizes[keep].astype(np.float64)
    labels = [label for label, kept in zip(labels, keep, strict=True) if kept]
    n = int(sizes.sum())
    if len(labels) < 2:
        return KruskalWallis(untestable("kruskal_wallis", n, "fewer than two groups"), (), ())
    level_ranks = _pooled_level_ranks(table)
    counts = table.sum(axis=0).astype(np.float64)
    tie_sum = float(np.sum(counts**3 - counts))
    denominator = 1.0 - tie_sum / (n**3 - n)
    mean_ranks = (table @ level_ranks) / sizes
    groups = tuple(
        GroupRanks(label, int(size), float(mean_rank), bool(size < SMALL_GROUP))
        for label, size, mean_rank in zip(labels, sizes, mean_ranks, strict=True)
    )
    if denominator <= 0:
        return KruskalWallis(untestable("kruskal_wallis", n, "all answers are equal"), groups, ())
    h = (12.0 / (n * (n + 1)) * np.sum(sizes * mean_ranks**2) - 3.0 * (n + 1)) / denominator
    df = len(labels) - 1
    test = HypothesisTest(
        test="kruskal_wallis",
        statistic=float(h),
        p_value=float(stats.chi2.sf(h, df)),
        n=n,
        df=float(df),
        effect_name="epsilon_squared",
        effect=_epsilon_squared(float(h), n),
    )
    tie_term = tie_sum / (12.0 * (n - 1)) if tie_correction else 0.0
    dunn = dunn_comparisons(labels, sizes, mean_ranks, n, tie_term)
    return KruskalWallis(test, groups, dunn)


def _epsilon_squared(h: float, n: int) -> Estimate:
    # No closed-form interval is in common use for epsilon^2; only the point is reported.
    return estimate(h / (n - 1), math.nan, math.nan, n, "epsilon_squared")


def dunn_comparisons(
    labels: Sequence[str],
    sizes: np.ndarray,
    mean_ranks: np.ndarray,
    n: int,
    tie_term: float,
) -> tuple[DunnComparison, ...]:
    """Dunn (1964) pairwise z tests on mean ranks, two-sided, Holm-adjusted.

    z_ij = (Rbar_i - Rbar_j) / sqrt((N (N + 1) / 12 - sum(t^3 - t) / (12 (N - 1)))
    (1/n_i + 1/n_j)); Dunn, O. J. (1964) "Multiple comparisons using rank sums",
    Technometrics 6, 241-252, with the tie correction of her eq. for tied observations.
    """
    first, second = np.triu_indices(len(labels), k=1)
    spread = n * (n + 1) / 12.0 - tie_term
    se = np.sqrt(spread * (1.0 / sizes[first] + 1.0 / sizes[second]))
    z = (mean_ranks[first] - mean_ranks[second]) / se
    p = 2.0 * special.ndtr(-np.abs(z))
    adjusted = holm(p)
    return tuple(
        DunnComparison(labels[int(i)], labels[int(j)], float(zij), float(pij), float(aij))
        for i, j, zij, pij, aij in zip(first, second, z, p, adjusted, strict=True)
    )


def kruskal_wallis(
    groups: Mapping[str, Sequence[float]], tie_correction: bool = True
) -> KruskalWallis:
    """Kruskal-Wallis and Dunn on a mapping of group label to values (NaN dropped)."""
    samples = {label: _finite(values) for label, values in groups.items()}
    labels = list(samples)
    pooled = np.concatenate([samples[label] for label in labels]) if labels else np.zeros(0)
    if pooled.size == 0:
        return KruskalWallis(untestable("kruskal_wallis", 0, "no answers"), (), ())
    codes = np.repeat(np.arange(len(labels)), [samples[label].size for label in labels])
    ranking = rank_values(pooled)
    table = rank_table(ranking, codes, len(labels))
    return kruskal_wallis_from_table(table, labels, tie_correction)


def spearman(x: Sequence[float], y: Sequence[float]) -> HypothesisTest:
    """Spearman's rho with a t-based p-value and a Fisher-z interval.

    Interval SE sqrt((1 + rho^2 / 2) / (n - 3)) from Bonett & Wright (2000), Psychometrika 65.
    """
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    keep = np.isfinite(a) & np.isfinite(b)
    a, b = a[keep], b[keep]
    n = int(a.size)
    if n < 4:
        return untestable("spearman", n, "fewer than four complete pairs")
    ra, rb = rank_values(a).ranks(), rank_values(b).ranks()
    ra, rb = ra - ra.mean(), rb - rb.mean()
    denominator = math.sqrt(float(ra @ ra) * float(rb @ rb))
    if denominator == 0:
        return untestable("spearman", n, "one of the two variables is constant")
    rho = float(ra @ rb) / denominator
    rho = max(-1.0, min(1.0, rho))
    t = rho * math.sqrt((n - 2) / max(1e-300, 1.0 - rho * rho))
    p_value = float(2.0 * stats.t.sf(abs(t), n - 2))
    effect = fisher_z_interval(
        rho, math.sqrt((1 + rho * rho / 2) / (n - 3)), n, "spearman_fisher_z"
    )
    return HypothesisTest(
        test="spearman", statistic=rho, p_value=p_value, n=n, effect_name="rho", effect=effect
    )
