"""The report's follow-ups section, built from records without a database: counts, outcomes
in words, offices by name, months by name, and the re-asks apart from the main CSAT."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from analysis import simulate_feedback
from analysis.follow_ups import FollowUpRecord
from analysis.report import texts
from analysis.report.data import Period, ReportData
from analysis.report.render_html import render_html
from analysis.report.report import build_report
from analysis.report.texts import LANGUAGES

OPENED = datetime(2012, 5, 7, 10)


def _records(count: int, *, answered_again: int) -> tuple[FollowUpRecord, ...]:
    return tuple(
        FollowUpRecord(
            case_id=n,
            office="volontariato" if n % 3 else "front_office",
            state="closed" if n % 4 else "open",
            opened_at=OPENED + timedelta(days=40 * (n % 2)),
            closed_at=OPENED + timedelta(days=40 * (n % 2) + 2) if n % 4 else None,
            outcome="unreachable" if n % 4 == 1 else ("recontacted_solved" if n % 4 else None),
            overdue=n % 4 == 0,
            re_asked=n < answered_again + 1,
            first_rating=2,
            re_ask_rating=5 if n < answered_again else None,
        )
        for n in range(count)
    )


def _data(records: tuple[FollowUpRecord, ...]) -> ReportData:
    columns = simulate_feedback(2000, seed=3)
    data = ReportData(Period(date(2012, 1, 1), date(2013, 1, 1)), columns, (), ())
    return replace(data, follow_ups=records, office_names={"volontariato": "Volontariato"})


def _section(report, key: str):
    return next(section for section in report.sections if section.key == key)


def test_the_section_counts_follow_ups_by_office_and_month_with_outcomes_in_words():
    report = build_report(data=_data(_records(12, answered_again=6)), lang="it")
    section = _section(report, "follow_ups")
    assert section.title == "Seguiti delle valutazioni basse"
    assert section.findings[0].startswith("Le valutazioni basse dei casi del periodo hanno")
    assert (
        "12 seguiti: 9 chiusi, 3 ancora da chiudere, di cui 3 oltre il termine"
        in (section.findings[0])
    )
    assert "mediana di 2,0 giorni" in section.findings[1]
    outcomes, offices, months = section.tables
    assert ("Ricontattato, risolto", "66,7 %") in outcomes.rows
    assert ("Non raggiungibile", "33,3 %") in outcomes.rows
    assert [row[0] for row in offices.rows] == ["Front Office", "Volontariato"]
    assert [row[0] for row in months.rows] == ["maggio 2012", "giugno 2012"]
    html = render_html(report)
    assert "Seguiti delle valutazioni basse" in html


def test_re_asks_are_their_own_figure_and_hidden_under_five_answers():
    shown = _section(
        build_report(data=_data(_records(12, answered_again=6)), lang="en"), "follow_ups"
    )
    (sentence,) = [f for f in shown.findings if "asked again" in f]
    assert "7 citizens were asked again and 6 answered: CSAT 100.0 %" in sentence
    assert "against 0.0 %" in sentence and "6 raised their rating" in sentence
    assert "stay out of the main CSAT" in sentence

    hidden = _section(
        build_report(data=_data(_records(12, answered_again=4)), lang="en"), "follow_ups"
    )
    (sentence,) = [f for f in hidden.findings if "asked again" in f]
    assert "5 citizens were asked again and 4 answered" in sentence
    assert "CSAT" not in sentence and "fewer than 5 answers" in sentence


def test_a_period_without_follow_ups_says_so():
    report = build_report(data=_data(()), lang="en")
    assert _section(report, "follow_ups").findings == ("No follow-up for the period's cases.",)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_first_page_gives_the_open_and_overdue_follow_ups(lang):
    records = _records(12, answered_again=6)  # 3 open (n = 0, 4, 8), all 3 overdue
    summary = _section(build_report(data=_data(records), lang=lang), "summary")
    expected = texts.text(lang, "summary_follow_ups", open="3", overdue="3", total="12")
    assert expected in summary.findings
    assert sum(1 for r in records if r.closed_at is None) == 3
    assert sum(1 for r in records if r.overdue) == 3
    nothing = _section(build_report(data=_data(()), lang=lang), "summary")
    assert texts.text(lang, "summary_follow_ups_none") in nothing.findings
