"""The report's one multiple-testing family and the verdict words that read it."""

from __future__ import annotations

from analysis.feedback import FeedbackAnalysis
from analysis.headlines import TestingFamily, testing_family
from analysis.weighting import NonResponse

# An SE of 5 on the log-odds scale is a 95 % interval spanning a factor of 3 x 10^8: such a
# term has no finite estimate (separation) and is shown as not estimable, not tested.
MAX_SE = 5.0
MODEL_PREFIX = "model:"
NON_RESPONSE_PREFIX = "non_response:"


def model_test(term: str) -> str:
    """The family name of an adjusted-model term's Wald test."""
    return MODEL_PREFIX + term


def non_response_test(name: str) -> str:
    """The family name of a respondents-against-non-respondents test."""
    return NON_RESPONSE_PREFIX + name


def report_family(analysis: FeedbackAnalysis, non_response: NonResponse) -> TestingFamily:
    """Every test the report states a verdict on: the comparisons, each estimable term of the
    adjusted model and the non-response tests, under one Benjamini-Hochberg adjustment."""
    tests: list[tuple[str, float | None]] = [
        (member.name, member.p_value) for member in analysis.family
    ]
    tests += [
        (model_test(term.term), term.p_value)
        for term in analysis.model.fit.terms
        if term.se < MAX_SE
    ]
    tests.append((non_response_test("days_to_close"), non_response.days_to_close.p_value))
    tests += [
        (non_response_test(comparison.factor), comparison.test.p_value)
        for comparison in non_response.by_factor
    ]
    return testing_family(tests)
