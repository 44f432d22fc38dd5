"""Follow-up figures from plain columns, without a database."""

from __future__ import annotations

from datetime import datetime, timedelta

from analysis.follow_ups import (
    FollowUpRecord,
    figures_of,
    follow_up_figures,
    re_ask_figures,
    re_asks_of,
)

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


def test_re_ask_figures_compare_the_same_citizens_and_hide_fewer_than_k():
    few = re_ask_figures(first=[1, 2, 2, 1], again=[4, None, 2, 5])
    assert (few.asked, few.answered) == (4, 3)
    assert few.csat_again is None and few.csat_first is None and few.improved is None

    found = re_ask_figures(first=[1, 2, 2, 1, 2, 1, 2], again=[4, 5, 2, 1, 4, None, 3])
    assert (found.asked, found.answered, found.improved) == (7, 6, 4)
    assert found.csat_again is not None and found.csat_again.n == 6
    assert found.csat_again.estimate == 3 / 6
    assert found.csat_first is not None and found.csat_first.estimate == 0.0
    low, high = found.csat_again.low, found.csat_again.high
    assert low is not None and high is not None and low < 0.5 < high  # a Wilson interval


def test_records_give_the_figures_and_only_the_re_asked_count_as_re_asks():
    records = [
        FollowUpRecord(
            case_id=n,
            office="volontariato" if n % 2 else "front_office",
            state="closed" if n < 6 else "open",
            opened_at=START,
            closed_at=START + timedelta(days=n) if n < 6 else None,
            outcome="recontacted_solved" if n < 6 else None,
            overdue=n == 7,
            re_asked=n < 6,
            first_rating=2,
            re_ask_rating=4 if n < 6 else None,
        )
        for n in range(8)
    ]
    figures = figures_of(records)
    assert (figures.overall.total, figures.overall.closed, figures.overall.overdue) == (8, 6, 1)
    assert [group.group for group in figures.by_office] == ["front_office", "volontariato"]
    again = re_asks_of(records)
    assert (again.asked, again.answered, again.improved) == (6, 6, 6)
    assert again.csat_again is not None and again.csat_again.estimate == 1.0
