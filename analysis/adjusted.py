"""The adjusted question: satisfaction on path, channel, request type, emergency, the handling
office and time to close, as odds ratios and as differences in percentage points of CSAT.

Specification (the methods notes of the report say the same):
- time to close in hours, log(1 + hours): Front Office cases close within hours, so calendar
  days (0-3 for nearly all of them) confound the path with the wait;
- an emergency term: emergencies bring both more Back Office cases and lower scores;
- a term for Back Office cases coordinated with other bodies (regions, prefectures, fire
  brigades…): it is the difference between such a case and one the office answered alone, the
  Back Office term being the latter's difference from the Front Office;
- the handling office as a fixed effect with deviation (sum-to-zero) coding among Back Office
  cases, so the Back Office term is the average office's effect and each office term is its
  departure from that average. Fixed rather than a random intercept because the office is not
  independent of the other predictors (it decides the wait and the request types it gets), which
  a random intercept assumes, and because there are few offices each with many answers; offices
  with fewer than OFFICE_MINIMUM answers are pooled so that no estimate rests on a handful.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec
import numpy as np
from scipy import special

from analysis.columns import Factor, FeedbackColumns
from analysis.intervals import Z95
from analysis.ordinal import OrdinalFit, fit_with_covariance, odds_ratio_term, thresholds_from
from analysis.proportional_odds_check import ProportionalOddsCheck, brant_test

# Reference levels of the treatment coding: the most common way a case goes.
REFERENCES = {"resolution_path": "front_office", "channel": "phone", "request_type": "information"}
BACK_OFFICE_TERM = "resolution_path=back_office"
EMERGENCY_TERM = "in_emergency"
OTHER_BODIES_TERM = "back_office_with_other_bodies"
TIME_TERM = "log1p_hours_to_close"
OFFICE_MINIMUM = 30
POOLED_OFFICES = "other_offices"
# The wait the time difference is stated for: closed within the hour against after a week.
TIME_CONTRAST_HOURS = (0.0, 168.0)
# Scores of 4 and 5 are satisfied (CSAT, top two boxes).
SATISFIED_FROM = 4.0


class AdjustedDifference(msgspec.Struct, frozen=True):
    """A term's adjusted difference in CSAT, percentage points, with its 95 % delta interval."""

    term: str
    points: float
    low: float
    high: float


class AdjustedModel(msgspec.Struct, frozen=True, kw_only=True):
    """The proportional-odds fit, its CSAT differences and the check of its assumption."""

    fit: OrdinalFit
    references: dict[str, str]
    differences: tuple[AdjustedDifference, ...] = ()
    proportional_odds: ProportionalOddsCheck | None = None
    offices: tuple[str, ...] = ()  # the office terms' levels, the last one balancing the others
    outcome: str = "satisfaction (1-5)"
    time_term: str = "log(1 + hours to close)"


@dataclass(frozen=True)
class ModelDesign:
    """The model's outcome, design matrix (no intercept) and frequency weights, term names."""

    y: np.ndarray
    X: np.ndarray
    weights: np.ndarray
    names: list[str]
    references: dict[str, str]
    offices: tuple[str, ...]


def whole_hours_to_close(columns: FeedbackColumns) -> np.ndarray:
    """Whole hours from opening to closing (NaN while open): the model's time, also used to
    group answers into patterns, so the row-level and aggregated fits see the same values."""
    elapsed = (columns.closed_at - columns.opened_at) / np.timedelta64(1, "h")
    hours = np.floor(np.asarray(elapsed, dtype=np.float64))
    return np.where(hours < 0, 0.0, hours)


def _aggregate(keys: list[np.ndarray], sizes: list[int]) -> tuple[np.ndarray, np.ndarray]:
    # Rows with the same predictors and score are one pattern with a frequency weight: the
    # likelihood is unchanged and a million answers become a few thousand patterns.
    flat = np.zeros(keys[0].size, dtype=np.int64)
    for key, size in zip(keys, sizes, strict=True):
        flat = flat * size + key
    patterns, weights = np.unique(flat, return_counts=True)
    decoded = []
    for size in reversed(sizes):
        decoded.append(patterns % size)
        patterns = patterns // size
    return np.column_stack(decoded[::-1]), weights.astype(np.float64)


def _office_codes(columns: FeedbackColumns, keep: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Office per kept row: an index into the returned levels at Back Office, -1 elsewhere."""
    back = columns.resolution_path.codes[keep] == columns.resolution_path.code("back_office")
    office: Factor = columns.office
    codes = office.codes[keep].astype(np.int64)
    counts = np.bincount(codes[back], minlength=len(office.levels))
    large = [i for i in np.flatnonzero(counts >= OFFICE_MINIMUM)]
    small = np.flatnonzero((counts > 0) & (counts < OFFICE_MINIMUM))
    levels = [office.levels[i] or "" for i in large]
    remap = np.full(len(office.levels), -1, dtype=np.int64)
    remap[large] = np.arange(len(large))
    if small.size:
        remap[small] = len(levels)
        levels.append(POOLED_OFFICES)
    return np.where(back, remap[codes], -1), levels


def model_design(columns: FeedbackColumns, *, aggregate: bool) -> ModelDesign:
    """Rows (or distinct patterns with their counts) of closed, answered cases as the model's
    design: treatment-coded factors, emergency, deviation-coded offices, log(1 + hours)."""
    hours = whole_hours_to_close(columns)
    keep = np.isfinite(columns.satisfaction) & np.isfinite(hours)
    factors = [getattr(columns, name) for name in REFERENCES]
    offices, office_levels = _office_codes(columns, keep)
    scores = columns.satisfaction[keep]
    score_levels, score_codes = np.unique(scores, return_inverse=True)
    hour_codes = hours[keep].astype(np.int64)
    keys = [f.codes[keep].astype(np.int64) for f in factors]
    keys += [columns.in_emergency[keep].astype(np.int64), offices + 1, hour_codes]
    keys += [columns.other_bodies[keep].astype(np.int64), score_codes.reshape(-1)]
    sizes = [len(f.levels) for f in factors]
    sizes += [2, len(office_levels) + 1, int(hour_codes.max(initial=0)) + 1, 2, score_levels.size]
    if aggregate:
        table, weights = _aggregate(keys, sizes)
    else:
        table, weights = np.column_stack(keys), np.ones(keys[0].size)
    design, names, references = [], [], {}
    for index, (name, factor) in enumerate(zip(REFERENCES, factors, strict=True)):
        counts = np.bincount(table[:, index], weights=weights, minlength=len(factor.levels))
        code = factor.code(REFERENCES[name])
        reference = code if code >= 0 and counts[code] > 0 else int(np.argmax(counts))
        references[name] = factor.levels[reference]
        for level in np.flatnonzero(counts > 0):
            if level != reference:
                design.append((table[:, index] == level).astype(np.float64))
                names.append(f"{name}={factor.levels[level]}")
    column = len(factors)
    if np.unique(table[:, column]).size > 1:
        design.append(table[:, column].astype(np.float64))
        names.append(EMERGENCY_TERM)
    office = table[:, column + 1] - 1
    balancing = len(office_levels) - 1
    for index in range(balancing):  # deviation coding: the last office is minus the sum
        design.append((office == index).astype(np.float64) - (office == balancing))
        names.append(f"office={office_levels[index]}")
    design.append(np.log1p(table[:, column + 2].astype(np.float64)))
    names.append(TIME_TERM)
    if np.unique(table[:, column + 3]).size > 1:
        design.append(table[:, column + 3].astype(np.float64))
        names.append(OTHER_BODIES_TERM)
    return ModelDesign(
        y=score_levels[table[:, -1]],
        X=np.column_stack(design),
        weights=weights,
        names=names,
        references=references,
        offices=tuple(office_levels) if balancing > 0 else (),
    )


def adjusted_satisfaction_model(
    columns: FeedbackColumns, *, aggregate: bool = True
) -> AdjustedModel:
    """Fit the cumulative-logit model on closed, answered cases; `aggregate` fits the same
    likelihood on distinct patterns with frequency weights (fast, identical estimates)."""
    design = model_design(columns, aggregate=aggregate)
    fitted = fit_with_covariance(design.y, design.X, design.names, weights=design.weights)
    if not fitted.fit.terms:
        return AdjustedModel(fit=fitted.fit, references=design.references)
    fit = _with_balancing_office(fitted.fit, fitted.covariance, design)
    return AdjustedModel(
        fit=fit,
        references=design.references,
        differences=_differences(design, fitted.parameters, fitted.covariance, fit),
        proportional_odds=brant_test(design.y, design.X, design.names, design.weights),
        offices=design.offices,
    )


def _with_balancing_office(
    fit: OrdinalFit, covariance: np.ndarray, design: ModelDesign
) -> OrdinalFit:
    # The last office's coefficient is minus the sum of the others, with that sum's variance.
    if not design.offices:
        return fit
    rows = [i for i, name in enumerate(design.names) if name.startswith("office=")]
    coefficient = -sum(fit.terms[i].coefficient for i in rows)
    se = float(np.sqrt(covariance[np.ix_(rows, rows)].sum()))
    last = odds_ratio_term(f"office={design.offices[-1]}", coefficient, se)
    terms = list(fit.terms)
    terms.insert(rows[-1] + 1, last)
    return msgspec.structs.replace(fit, terms=tuple(terms))


def _satisfied_cut(fit: OrdinalFit) -> int:
    """Index of the threshold above which a score is 4 or 5."""
    return sum(category < SATISFIED_FROM for category in fit.categories) - 1


def _csat_difference(
    design: ModelDesign, parameters: np.ndarray, covariance: np.ndarray, cut: int, to, frm
) -> tuple[float, float]:
    """Average over the answers of P(score >= 4) with the columns set by `to` minus by `frm`
    (each maps column index -> value), and its delta-method SE."""
    p = design.X.shape[1]
    beta, a = parameters[:p], parameters[p:]
    theta = thresholds_from(a)[cut]
    weights = design.weights / design.weights.sum()
    gradient = np.zeros(parameters.size)
    difference = 0.0
    for sign, setting in ((1.0, to), (-1.0, frm)):
        X = design.X.copy()
        for column, value in setting.items():
            X[:, column] = value
        satisfied = special.expit(X @ beta - theta)  # P(y > cut) = F(eta - theta)
        density = satisfied * (1 - satisfied)
        difference += sign * float(weights @ satisfied)
        gradient[:p] += sign * (X.T @ (weights * density))
        # theta_cut = a_0 + sum_{m=1..cut} exp(a_m)
        d_theta = -sign * float(weights @ density)
        gradient[p] += d_theta
        gradient[p + 1 : p + 1 + cut] += d_theta * np.exp(a[1 : 1 + cut])
    return difference, float(np.sqrt(max(gradient @ covariance @ gradient, 0.0)))


def _differences(
    design: ModelDesign, parameters: np.ndarray, covariance: np.ndarray, fit: OrdinalFit
) -> tuple[AdjustedDifference, ...]:
    cut = _satisfied_cut(fit)
    if cut < 0 or cut >= len(fit.thresholds):
        return ()
    names = design.names
    back = names.index(BACK_OFFICE_TERM) if BACK_OFFICE_TERM in names else None
    found = []
    for index, name in enumerate(names):
        if name == OTHER_BODIES_TERM and back is not None:
            # Among Back Office cases: with other bodies against the office alone.
            to, frm = {index: 1.0, back: 1.0}, {index: 0.0, back: 1.0}
        elif name == TIME_TERM:
            low, high = (np.log1p(hours) for hours in TIME_CONTRAST_HOURS)
            to, frm = {index: high}, {index: low}
        elif name.startswith("office="):
            continue  # offices: handled below, against the average office
        else:
            factor = name.split("=", 1)[0]
            siblings = {i: 0.0 for i, other in enumerate(names) if other.startswith(factor + "=")}
            to, frm = {**siblings, index: 1.0}, {**siblings, index: 0.0}
        found.append((name, to, frm))
    office_columns = [i for i, name in enumerate(names) if name.startswith("office=")]
    if office_columns and back is not None:
        average = {i: 0.0 for i in office_columns} | {back: 1.0}
        for position, office in enumerate(design.offices):
            if position < len(office_columns):
                coding = {i: float(i == office_columns[position]) for i in office_columns}
            else:  # the balancing office: -1 on every office column
                coding = {i: -1.0 for i in office_columns}
            found.append((f"office={office}", coding | {back: 1.0}, average))
    differences = []
    for name, to, frm in found:
        points, se = _csat_difference(design, parameters, covariance, cut, to, frm)
        differences.append(
            AdjustedDifference(
                term=name,
                points=100 * points,
                low=100 * (points - Z95 * se),
                high=100 * (points + Z95 * se),
            )
        )
    return tuple(differences)
