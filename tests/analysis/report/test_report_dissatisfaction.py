"""The report's words on dissatisfaction's drivers and on the offices' funnel plot, checked in
both languages against the figures the answers were built to give."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.report import texts
from analysis.report.data import Period, ReportData
from analysis.report.report import build_report
from tests.analysis.test_dissatisfaction import _answers, _columns

OFFICES = {
    "relazioni": "Relazioni con il pubblico",
    "rischi": "Rischi",
    "volontariato": "Volontariato",
}


def _section(lang: str, rows, key: str):
    data = ReportData(
        Period(date(2012, 1, 1), date(2013, 1, 1)), _columns(rows), (), (), office_names=OFFICES
    )
    report = build_report(data=data, lang=lang)
    return next(section for section in report.sections if section.key == key)


@pytest.mark.parametrize("lang", texts.LANGUAGES)
def test_the_driver_finding_names_the_level_that_explains_most(lang):
    rows = (
        _answers(100, 10, "yes", 6.0)
        + _answers(50, 20, "partly", 6.0)
        + _answers(50, 30, "no", 6.0)
    )
    drivers = _section(lang, rows, "drivers")
    assert drivers.findings[0] == texts.text(
        lang,
        "finding_driver",
        driver=texts.text(lang, "driver_resolved"),
        level=texts.LEVELS[lang]["resolved_no"],
        n="50",
        csat=texts.percent(lang, 0.4),
        reference=texts.LEVELS[lang]["resolved_yes"],
        reference_csat=texts.percent(lang, 0.9),
        explained=texts.percent(lang, 25 / 60),
    )
    # Everyone found it easy: no effort band is more dissatisfied than the reference.
    assert drivers.findings[1] == texts.text(
        lang,
        "finding_driver_none",
        driver=texts.text(lang, "driver_effort"),
        reference=texts.LEVELS[lang]["effort_easy"],
    )
    resolved = drivers.tables[0]
    assert [row[0] for row in resolved.rows] == [
        texts.LEVELS[lang][f"resolved_{code}"] for code in ("yes", "partly", "no")
    ]
    assert resolved.rows[0][4] == texts.text(lang, "reference")
    assert resolved.rows[2][4] == texts.percent(lang, 25 / 60)


@pytest.mark.parametrize("lang", texts.LANGUAGES)
def test_the_funnel_finding_names_the_offices_outside_the_limits(lang):
    rows = (
        _answers(100, 20, "yes", 6.0, "relazioni")
        + _answers(100, 80, "yes", 6.0, "rischi")
        + _answers(64, 32, "yes", 6.0, "volontariato")
        + _answers(4, 4, "yes", 6.0, "legale")
    )
    offices = _section(lang, rows, "offices")
    named = "; ".join(
        texts.text(lang, "funnel_office", office=name, csat=texts.percent(lang, share), n="100")
        for name, share in (("Relazioni con il pubblico", 0.8), ("Rischi", 0.2))
    )
    expected = texts.text(
        lang, "finding_funnel", centre=texts.percent(lang, 132 / 264), offices=named
    )
    assert offices.findings == (expected,)
    assert offices.charts[0].title == expected
    assert offices.charts[0].alt.startswith(texts.text(lang, "chart_alt_funnel"))
    table = offices.tables[0]
    assert "Legale" not in str(table.rows)  # 4 answers: left out
    assert texts.counted(lang, "hidden_groups", 1, k=5) in table.notes


@pytest.mark.parametrize("lang", texts.LANGUAGES)
def test_offices_within_the_limits_are_said_to_differ_by_chance(lang):
    rows = _answers(100, 25, "yes", 6.0, "relazioni") + _answers(90, 20, "yes", 6.0, "rischi")
    offices = _section(lang, rows, "offices")
    assert offices.findings == (
        texts.text(
            lang, "finding_funnel_none", offices=2, k=5, centre=texts.percent(lang, 145 / 190)
        ),
    )
