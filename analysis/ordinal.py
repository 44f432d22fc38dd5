"""Proportional-odds (cumulative logit) model fitted by Newton's method with analytic derivatives.

Convention (the same as statsmodels' OrderedModel): P(y <= j | x) = F(theta_j - x'beta), F
logistic, so beta > 0 (odds ratio > 1) means higher categories are more likely. Thresholds
are kept ordered by optimising a = (theta_1, log(theta_2 - theta_1), ...) (McCullagh 1980,
JRSS B 42, 109-142, for the model).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import msgspec
import numpy as np
from scipy import special

from analysis.intervals import Z95
from analysis.results import NOT_ENOUGH_DATA, OK


class OddsRatio(msgspec.Struct, frozen=True):
    """One predictor's coefficient with its Wald 95 % interval, also as an odds ratio."""

    term: str
    coefficient: float
    se: float
    odds_ratio: float
    low: float
    high: float
    p_value: float


class OrdinalFit(msgspec.Struct, frozen=True, kw_only=True):
    """A fitted proportional-odds model; terms are empty when it could not be fitted."""

    terms: tuple[OddsRatio, ...]
    thresholds: tuple[float, ...]
    categories: tuple[float, ...]
    n: int
    log_likelihood: float | None
    iterations: int
    converged: bool
    status: str = OK
    note: str = ""


def thresholds_from(a: np.ndarray) -> np.ndarray:
    """Ordered thresholds theta from the unconstrained parameters a."""
    return np.cumsum(np.concatenate([a[:1], np.exp(a[1:])]))


def _theta_jacobian(a: np.ndarray) -> np.ndarray:
    # d theta_j / d a_m: 1 for m = 0, exp(a_m) for 1 <= m <= j, 0 otherwise.
    k = a.size
    jacobian = np.tril(np.tile(np.concatenate([[1.0], np.exp(a[1:])]), (k, 1)))
    return jacobian


def _theta_derivatives(beta, theta, y, X, w):
    """Log-likelihood, gradient and Hessian in (beta, theta)."""
    eta = X @ beta
    k = theta.size
    u = np.append(theta, np.inf)[y] - eta
    lower = np.insert(theta, 0, -np.inf)[y] - eta
    cdf_u, cdf_l = special.expit(u), special.expit(lower)
    dens_u, dens_l = cdf_u * (1 - cdf_u), cdf_l * (1 - cdf_l)
    p = np.maximum(cdf_u - cdf_l, 1e-300)
    g_u, g_l = dens_u / p, -dens_l / p
    h_uu = dens_u * (1 - 2 * cdf_u) / p - g_u * g_u
    h_ll = -dens_l * (1 - 2 * cdf_l) / p - g_l * g_l
    h_ul = -g_u * g_l
    loglik = float(w @ np.log(p))
    grad_beta = -(X.T @ (w * (g_u + g_l)))
    grad_theta = np.bincount(y, w * g_u, k + 1)[:k] + np.bincount(y, w * g_l, k + 1)[1:]
    h_bb = (X.T * (w * (h_uu + 2 * h_ul + h_ll))) @ X
    upper_part, lower_part = w * (h_uu + h_ul), w * (h_ul + h_ll)
    h_bt = np.empty((X.shape[1], k))
    for m in range(k):
        h_bt[:, m] = -(X.T @ (upper_part * (y == m)) + X.T @ (lower_part * (y == m + 1)))
    h_tt = np.diag(np.bincount(y, w * h_uu, k + 1)[:k] + np.bincount(y, w * h_ll, k + 1)[1:])
    off = np.bincount(y, w * h_ul, k + 1)[1:k]
    h_tt[np.arange(1, k), np.arange(k - 1)] = off
    h_tt[np.arange(k - 1), np.arange(1, k)] = off
    return loglik, grad_beta, grad_theta, h_bb, h_bt, h_tt


def _derivatives(params, y, X, w):
    """Log-likelihood, gradient and Hessian in the optimised parameters (beta, a)."""
    p = X.shape[1]
    beta, a = params[:p], params[p:]
    theta = thresholds_from(a)
    loglik, g_b, g_t, h_bb, h_bt, h_tt = _theta_derivatives(beta, theta, y, X, w)
    jac = _theta_jacobian(a)
    g_a = jac.T @ g_t
    tail = np.cumsum(g_t[::-1])[::-1]
    curvature = np.concatenate([[0.0], np.exp(a[1:]) * tail[1:]])
    h_aa = jac.T @ h_tt @ jac + np.diag(curvature)
    h_ba = h_bt @ jac
    hessian = np.block([[h_bb, h_ba], [h_ba.T, h_aa]])
    return loglik, np.concatenate([g_b, g_a]), hessian


def _start(y: np.ndarray, w: np.ndarray, k: int, p: int) -> np.ndarray:
    # Thresholds at the logits of the marginal cumulative shares, coefficients at zero.
    shares = np.cumsum(np.bincount(y, w, k + 1))[:k] / w.sum()
    theta = special.logit(np.clip(shares, 1e-6, 1 - 1e-6))
    a = np.concatenate([theta[:1], np.log(np.maximum(np.diff(theta), 1e-6))])
    return np.concatenate([np.zeros(p), a])


def _newton(y, X, w, k, max_iterations=100, tolerance=1e-10):
    # A separated level (every answer one score) sends trial steps to huge coefficients whose
    # likelihood overflows; such steps are rejected by the line search below, so the floating
    # point warnings they raise say nothing.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _newton_steps(y, X, w, k, max_iterations, tolerance)


def _newton_steps(y, X, w, k, max_iterations, tolerance):
    params = _start(y, w, k, X.shape[1])
    loglik, grad, hess = _derivatives(params, y, X, w)
    for iteration in range(1, max_iterations + 1):
        try:
            step = np.linalg.solve(-hess, grad)
        except np.linalg.LinAlgError:
            return params, loglik, hess, iteration, False
        scale = 1.0
        while scale > 1e-8:
            trial = params + scale * step
            trial_ll, trial_grad, trial_hess = _derivatives(trial, y, X, w)
            if math.isfinite(trial_ll) and trial_ll >= loglik - 1e-12 * abs(loglik):
                break
            scale /= 2
        params, loglik, grad, hess = trial, trial_ll, trial_grad, trial_hess
        if np.max(np.abs(scale * step)) < tolerance:
            return params, loglik, hess, iteration, True
    return params, loglik, hess, max_iterations, False


@dataclass(frozen=True)
class FittedParameters:
    """A fit with the estimates it came from: (beta, a) and their inverse information."""

    fit: OrdinalFit
    parameters: np.ndarray
    covariance: np.ndarray


def fit_proportional_odds(
    y: np.ndarray,
    X: np.ndarray,
    names: Sequence[str],
    weights: np.ndarray | None = None,
) -> OrdinalFit:
    """Fit P(y <= j) = logistic(theta_j - X beta); `weights` are frequency weights."""
    return fit_with_covariance(y, X, names, weights).fit


def fit_with_covariance(
    y: np.ndarray,
    X: np.ndarray,
    names: Sequence[str],
    weights: np.ndarray | None = None,
) -> FittedParameters:
    """The same fit, keeping (beta, a) and their covariance for derived quantities."""
    y = np.asarray(y, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    X = X[:, None] if X.ndim == 1 else X
    w = np.ones(y.size) if weights is None else np.asarray(weights, dtype=np.float64)
    categories, codes = np.unique(y, return_inverse=True)
    n = round(float(w.sum()))
    empty = np.zeros(0)
    if categories.size < 2 or n <= X.shape[1] + categories.size:
        note = "need at least two score levels and more answers than parameters"
        return FittedParameters(_unfitted(categories, n, note), empty, empty)
    k = categories.size - 1
    params, loglik, hess, iterations, converged = _newton(codes.reshape(-1), X, w, k)
    try:
        covariance = np.linalg.inv(-hess)
    except np.linalg.LinAlgError:
        note = "information matrix is singular (collinear predictors)"
        return FittedParameters(_unfitted(categories, n, note), empty, empty)
    p = X.shape[1]
    se = np.sqrt(np.maximum(np.diag(covariance)[:p], 0.0))
    terms = tuple(
        odds_ratio_term(name, b, s) for name, b, s in zip(names, params[:p], se, strict=True)
    )
    fit = OrdinalFit(
        terms=terms,
        thresholds=tuple(float(t) for t in thresholds_from(params[p:])),
        categories=tuple(float(c) for c in categories),
        n=n,
        log_likelihood=loglik,
        iterations=iterations,
        converged=converged,
    )
    return FittedParameters(fit, params, covariance)


# Largest argument of math.exp that stays finite. A level whose answers all share one score
# (quasi-complete separation, Albert & Anderson 1984, Biometrika 71, 1-10) has no finite
# estimate: Newton drifts to a huge coefficient with a huge SE, and exp() would overflow.
_MAX_EXPONENT = 700.0


def _exp(value: float) -> float:
    return math.exp(min(max(value, -_MAX_EXPONENT), _MAX_EXPONENT))


def odds_ratio_term(name: str, coefficient: float, se: float) -> OddsRatio:
    """A coefficient with its Wald 95 % interval and two-sided p, also as an odds ratio."""
    z = coefficient / se if se > 0 else math.inf
    return OddsRatio(
        term=name,
        coefficient=float(coefficient),
        se=float(se),
        odds_ratio=_exp(coefficient),
        low=_exp(coefficient - Z95 * se),
        high=_exp(coefficient + Z95 * se),
        p_value=float(2 * special.ndtr(-abs(z))),
    )


def _unfitted(categories: np.ndarray, n: int, note: str) -> OrdinalFit:
    return OrdinalFit(
        terms=(),
        thresholds=(),
        categories=tuple(float(c) for c in categories),
        n=n,
        log_likelihood=None,
        iterations=0,
        converged=False,
        status=NOT_ENOUGH_DATA,
        note=note,
    )
