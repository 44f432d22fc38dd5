"""The director's first page: five key figures, their change on the previous period, the
target, and findings chosen by the headline rule."""

from __future__ import annotations

from datetime import date

import pytest

from analysis import simulate_feedback
from analysis.report.data import Period, ReportData
from analysis.report.report import build_report
from analysis.report.summary import KEY_FIGURES, change

PERIOD = Period(date(2011, 1, 1), date(2013, 1, 1))


def _summary(**extra):
    data = ReportData(PERIOD, simulate_feedback(14_000, seed=7), (), (), **extra)
    report = build_report(data=data, lang="en")
    assert report.sections[0].key == "summary"
    assert [s.key for s in report.sections][-2:] == ["family", "methods"]  # the appendix
    return report.sections[0]


def test_five_key_figures_with_their_change_and_target():
    previous = simulate_feedback(9_000, seed=8)
    summary = _summary(previous=previous, targets={"csat": 60.0})
    table = summary.tables[0]
    assert len(table.rows) == len(KEY_FIGURES)
    csat = table.rows[0]
    assert "95 % CI" in csat[1] and "points" in csat[2] and "95 % CI" in csat[2]
    assert csat[3] == "60 %: met"  # CSAT 66.5 % (65.4-67.6): the whole interval clears 60
    assert all(row[2] != "no data" for row in table.rows)


def test_without_a_previous_period_it_says_so():
    summary = _summary(previous=simulate_feedback(0))
    assert all(row[2] == "no data" for row in summary.tables[0].rows)
    assert any("previous period" in note for note in summary.tables[0].notes)


def test_findings_are_the_headline_rule_and_what_to_look_at():
    summary = _summary()
    headlines = [f for f in summary.findings if "CSAT" in f and "points" in f]
    assert 1 <= len(headlines) <= 3
    assert summary.findings[-1].startswith("Look first at")


def test_change_of_a_share_is_newcombe_in_points():
    from analysis.intervals import wilson

    now, before = wilson(70, 100), wilson(50, 100)
    from statsmodels.stats.proportion import confint_proportions_2indep

    points, low, high = change("csat", now, before)
    expected = confint_proportions_2indep(70, 100, 50, 100, method="newcomb")
    assert points == pytest.approx(20.0)
    assert (low, high) == pytest.approx((100 * expected[0], 100 * expected[1]), abs=1e-6)
