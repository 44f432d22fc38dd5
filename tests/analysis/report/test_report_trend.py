"""The report's words on the weekly EWMA, in both languages, against data with a known drop."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from analysis.report import texts
from analysis.report.data import Period, ReportData
from analysis.report.report import build_report
from analysis.trend import weekly_ewma
from tests.analysis.test_weekly_ewma import FIRST_MONDAY, _weeks


def _satisfaction(lang: str, columns):
    data = ReportData(Period(date(2012, 1, 1), date(2013, 1, 1)), columns, (), ())
    report = build_report(data=data, lang=lang)
    return next(section for section in report.sections if section.key == "satisfaction")


@pytest.mark.parametrize("lang", texts.LANGUAGES)
def test_the_report_says_when_the_ewma_first_signalled_a_drop(lang):
    columns = _weeks([30] * 40 + [22] * 12)
    ewma = weekly_ewma(columns)
    first = date.fromisoformat(ewma.signals[0])
    assert FIRST_MONDAY + timedelta(weeks=40) <= first  # the drop starts in week 40
    section = _satisfaction(lang, columns)
    expected = texts.text(
        lang,
        "finding_ewma",
        smoothing=texts.number(lang, 0.2),
        width=texts.number(lang, 2.962, 3),
        first=texts.day(lang, first),
        direction=texts.text(lang, "ewma_low"),
        weeks=texts.counted(lang, "ewma_weeks", len(ewma.signals)),
    )
    assert expected in section.findings
    assert ("2,962" if lang == "it" else "2.962") in expected and "λ = 0" in expected
    chart = section.charts[1]
    assert chart.alt.startswith(texts.text(lang, "chart_alt_ewma"))
    assert chart.title.endswith(f": {len(ewma.signals)}")


@pytest.mark.parametrize("lang", texts.LANGUAGES)
def test_the_report_says_when_the_ewma_gave_no_signal(lang):
    section = _satisfaction(lang, _weeks([30] * 52))
    expected = texts.text(
        lang,
        "finding_ewma_none",
        smoothing=texts.number(lang, 0.2),
        width=texts.number(lang, 2.962, 3),
    )
    assert expected in section.findings


def test_one_week_outside_is_said_in_the_singular():
    assert texts.counted("it", "ewma_weeks", 1) == "1 settimana fuori dai limiti in tutto"
    assert texts.counted("en", "ewma_weeks", 3) == "3 weeks outside the limits in all"
