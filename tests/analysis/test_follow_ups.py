"""Follow-up figures from plain columns, without a database."""

from __future__ import annotations

from datetime import datetime, timedelta

from analysis.follow_ups import follow_up_figures

START = datetime(2012, 5, 1, 10)


def test_counts_medians_and_outcome_shares_overall_by_office_and_month():
    figures = follow_up_figures(
        offices=["a", "a", "b", "b", "b"],
        states=["open", "in_progress", "closed", "closed", "closed"],
        opened_at=[START, START, START, START + timedelta(days=31), START + timedelta(days=31)],
        closed_at=[
            None,
            None,
            START + timedelta(days=1),
            START + timedelta(days=34),
            START + timedelta(days=41),
        ],
        outcomes=[None, None, "unreachable", "recontacted_solved", "recontacted_solved"],
        overdue=[True, False, False, False, False],
    )
    overall = figures.overall
    assert (overall.total, overall.open, overall.in_progress, overall.overdue) == (5, 2, 1, 1)
    assert overall.closed == 3
    assert overall.median_days_to_close == 3.0
    assert overall.outcome_shares == {"recontacted_solved": 2 / 3, "unreachable": 1 / 3}
    assert [group.group for group in figures.by_office] == ["a", "b"]
    assert figures.by_office[0].median_days_to_close is None
    assert figures.by_office[1].median_days_to_close == 3.0
    assert [(g.group, g.total, g.closed) for g in figures.by_month] == [
        ("2012-05", 3, 1),
        ("2012-06", 2, 2),
    ]
    assert figures.by_month[1].median_days_to_close == 6.5


def test_no_follow_ups_give_empty_figures():
    figures = follow_up_figures(
        offices=[], states=[], opened_at=[], closed_at=[], outcomes=[], overdue=[]
    )
    assert figures.overall.total == 0 and figures.overall.median_days_to_close is None
    assert figures.by_office == () and figures.by_month == ()
