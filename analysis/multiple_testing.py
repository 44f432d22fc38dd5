"""Adjusted p-values for families of tests: Holm (FWER) and Benjamini-Hochberg (FDR)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def holm(p_values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Holm (1979) step-down adjusted p-values, in the input order.

    Holm, S. (1979) "A simple sequentially rejective multiple test procedure", Scand. J.
    Statist. 6, 65-70: with p sorted ascending, p_adj(i) = max_{j<=i} min(1, (m - j + 1) p(j)).
    """
    p = np.asarray(p_values, dtype=np.float64)
    m = p.size
    if m == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")
    scaled = (m - np.arange(m)) * p[order]
    adjusted_sorted = np.minimum(1.0, np.maximum.accumulate(scaled))
    adjusted = np.empty(m)
    adjusted[order] = adjusted_sorted
    return adjusted


def benjamini_hochberg(p_values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg (1995) step-up adjusted p-values (q-values), in the input order.

    Benjamini, Y. & Hochberg, Y. (1995) "Controlling the false discovery rate", JRSS B 57,
    289-300: with p sorted ascending, p_adj(i) = min_{j>=i} min(1, m p(j) / j). Rejecting
    p_adj <= q is the same as rejecting H(1..k) for the largest k with p(k) <= k q / m.
    """
    p = np.asarray(p_values, dtype=np.float64)
    m = p.size
    if m == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")
    scaled = m * p[order] / np.arange(1, m + 1)
    adjusted_sorted = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
    adjusted = np.empty(m)
    adjusted[order] = adjusted_sorted
    return adjusted
