"""Reasons read: option shares among those who answered, with Wilson intervals, suppressed."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.proportion import proportion_confint

from analysis.columns import Factor
from analysis.reasons import ReasonChoices, reason_breakdown, reasons_read


def test_shares_are_among_those_who_answered_with_wilson_intervals():
    answers = ["long_wait"] * 6 + ["unclear_answer"] * 14 + [None] * 30
    found = reason_breakdown("difficulty", ReasonChoices.from_answers(answers))
    (everyone,) = found.groups
    assert everyone.answered == 20
    shares = {share.option: share for share in everyone.shares}
    assert shares["long_wait"].count == 6
    assert shares["long_wait"].share.estimate == pytest.approx(0.3)
    low, high = proportion_confint(6, 20, method="wilson")
    assert (shares["long_wait"].share.low, shares["long_wait"].share.high) == pytest.approx(
        (low, high)
    )


def test_small_groups_are_hidden_and_small_counts_suppressed():
    answers = ["long_wait"] * 8 + ["other"] * 2 + ["long_wait"] * 3
    channel = Factor.from_values(["phone"] * 10 + ["fax"] * 3)
    found = reason_breakdown(
        "difficulty", ReasonChoices.from_answers(answers), channel, factor_name="channel"
    )
    assert [group.group for group in found.groups] == ["phone"] and found.hidden_groups == 1
    shares = {share.option: share for share in found.groups[0].shares}
    # "other" (2) is under 5, and "long_wait" would give it away from the total: both hidden.
    assert not shares["other"].shown and shares["other"].share is None
    assert not shares["long_wait"].shown


def test_multiple_choice_answers_count_each_option_once_per_citizen():
    choices = ReasonChoices.from_answers([["a", "b"], ["a"], ["b"], ["a", "b"], ["a"], None])
    assert choices.options == ("a", "b") and int(np.count_nonzero(choices.answered)) == 5
    read = reasons_read({"liked": choices}, {"channel": Factor.from_values(["x"] * 6)})
    assert [(found.item, found.factor) for found in read] == [("liked", ""), ("liked", "channel")]
