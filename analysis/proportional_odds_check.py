"""Does the proportional-odds assumption hold? Brant's test from separate binary logits.

Brant, R. (1990) "Assessing proportionality in the proportional odds model for ordinal
logistic regression", Biometrics 46, 1171-1178. For each cut j the binary logit of
[y > j] on X is fitted on its own; under proportional odds the slopes are the same at every
cut. The slopes of the K - 1 logits are stacked with Brant's covariance,

    Cov(b_j, b_l) = (X'W_jj X)^-1 (X'W_jl X) (X'W_ll X)^-1,
    W_jl = diag(pi_l (1 - pi_j)) for j <= l (y > l implies y > j),

and the Wald statistic of b_1 - b_j = 0 (j = 2..K-1) is chi-square with p (K - 2) degrees of
freedom; one such statistic per predictor (K - 2 df) says which term breaks the assumption.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
import numpy as np
from scipy import special, stats

from analysis.results import NOT_ENOUGH_DATA, OK

# Above this the assumption is treated as broken: the check is a diagnostic, reported with the
# model, not one of the report's findings, so it is not part of the multiple-testing family.
PROPORTIONAL_ODDS_LEVEL = 0.05


class TermCheck(msgspec.Struct, frozen=True):
    """Brant's Wald test for one predictor: are its slopes equal at every cut point?"""

    term: str
    statistic: float
    df: int
    p_value: float
    slopes: tuple[float, ...]  # the separate binary logits' slopes, one per cut point


class ProportionalOddsCheck(msgspec.Struct, frozen=True, kw_only=True):
    """The omnibus and per-term Brant tests; `holds` is False when the omnibus p < 0.05."""

    statistic: float | None
    df: int
    p_value: float | None
    terms: tuple[TermCheck, ...]
    holds: bool
    status: str = OK
    note: str = ""


def binary_logit(
    y: np.ndarray, X: np.ndarray, weights: np.ndarray, max_iterations: int = 50
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Weighted logistic regression of a 0/1 `y` on X (with its own intercept column) by Newton;
    returns the coefficients, the fitted probabilities and whether it converged."""
    beta = np.zeros(X.shape[1])
    for _ in range(max_iterations):
        pi = special.expit(X @ beta)
        gradient = X.T @ (weights * (y - pi))
        information = (X.T * (weights * pi * (1 - pi))) @ X
        try:
            step = np.linalg.solve(information, gradient)
        except np.linalg.LinAlgError:
            return beta, pi, False
        beta = beta + step
        if np.max(np.abs(step)) < 1e-9:
            return beta, special.expit(X @ beta), True
    return beta, special.expit(X @ beta), False


def brant_test(
    y: np.ndarray, X: np.ndarray, names: Sequence[str], weights: np.ndarray | None = None
) -> ProportionalOddsCheck:
    """Brant's test of proportional odds for the predictors X of the ordinal outcome y."""
    y = np.asarray(y, dtype=np.float64)
    w = np.ones(y.size) if weights is None else np.asarray(weights, dtype=np.float64)
    categories = np.unique(y)
    cuts = categories.size - 1
    p = X.shape[1]
    if cuts < 2:
        return _not_run("need at least three score levels")
    design = np.column_stack([np.ones(y.size), X])
    fitted, slopes = [], []
    for cut in categories[:-1]:
        beta, pi, converged = binary_logit((y > cut).astype(np.float64), design, w)
        if not converged:
            return _not_run("a binary logit did not converge (a level with one score)")
        fitted.append(pi)
        slopes.append(beta[1:])
    inverse = [np.linalg.inv((design.T * (w * pi * (1 - pi))) @ design) for pi in fitted]
    block = np.empty((cuts * p, cuts * p))
    for j in range(cuts):
        for m in range(j, cuts):
            middle = (design.T * (w * fitted[m] * (1 - fitted[j]))) @ design
            covariance = (inverse[j] @ middle @ inverse[m])[1:, 1:]
            block[j * p : (j + 1) * p, m * p : (m + 1) * p] = covariance
            block[m * p : (m + 1) * p, j * p : (j + 1) * p] = covariance.T
    stacked = np.concatenate(slopes)
    statistic, df = _wald(stacked, block, p, cuts, range(p))
    terms = tuple(
        TermCheck(
            term=name,
            statistic=term_statistic,
            df=term_df,
            p_value=float(stats.chi2.sf(term_statistic, term_df)),
            slopes=tuple(float(s[index]) for s in slopes),
        )
        for index, name in enumerate(names)
        for term_statistic, term_df in [_wald(stacked, block, p, cuts, [index])]
    )
    p_value = float(stats.chi2.sf(statistic, df))
    return ProportionalOddsCheck(
        statistic=statistic,
        df=df,
        p_value=p_value,
        terms=terms,
        holds=p_value >= PROPORTIONAL_ODDS_LEVEL,
    )


def _wald(
    stacked: np.ndarray, block: np.ndarray, p: int, cuts: int, predictors: Sequence[int]
) -> tuple[float, int]:
    # Contrasts b_1[i] - b_j[i] for j = 2..cuts and each chosen predictor i.
    rows = []
    for j in range(1, cuts):
        for i in predictors:
            row = np.zeros(cuts * p)
            row[i], row[j * p + i] = 1.0, -1.0
            rows.append(row)
    contrast = np.array(rows)
    difference = contrast @ stacked
    variance = contrast @ block @ contrast.T
    statistic = float(difference @ np.linalg.pinv(variance) @ difference)
    return statistic, len(rows)


def _not_run(note: str) -> ProportionalOddsCheck:
    return ProportionalOddsCheck(
        statistic=None,
        df=0,
        p_value=None,
        terms=(),
        holds=True,
        status=NOT_ENOUGH_DATA,
        note=note,
    )
