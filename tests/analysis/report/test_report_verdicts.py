"""Every "significant" in the report rests on an adjusted p below 0.05; every headline on
groups of at least 30 answers; every test sentence says what its test measures."""

from __future__ import annotations

import dataclasses
import re
import string
from datetime import date

import numpy as np
import pytest

from analysis import analyse_feedback, simulate_feedback
from analysis.headlines import HEADLINE_MINIMUM, headline_findings
from analysis.report import texts
from analysis.report.data import Period, ReportData
from analysis.report.report import build_report
from analysis.report.structure import Section

VERDICTS = {
    "it": ("Significativo al 5 %", "Non significativo al 5 %"),
    "en": ("Significant at 5 %", "Not significant at 5 %"),
}
Q = re.compile(r"\(q ([=<]) ([0-9.,]+)\)")


def _strings(section: Section):
    yield from section.findings
    yield from section.notes
    for table in section.tables:
        yield from table.notes
        for row in table.rows:
            yield from row
    for chart in section.charts:
        yield chart.title
    for part in section.parts:
        yield from _strings(part)


def _q(lang: str, sentence: str) -> float:
    found = Q.findall(sentence)
    assert len(found) == 1, sentence
    sign, value = found[0]
    number = float(value.replace(".", "").replace(",", ".") if lang == "it" else value)
    return number / 2 if sign == "<" else number


@pytest.fixture(scope="module")
def reports():
    # Large enough for significant and non-significant tests, with small groups (fax, letter).
    columns = simulate_feedback(14_000, seed=7)
    data = ReportData(Period(date(2011, 1, 1), date(2013, 1, 1)), columns, (), ())
    return {lang: build_report(data=data, lang=lang) for lang in ("it", "en")}


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_verdict_reads_the_adjusted_p(reports, lang):
    yes, no = VERDICTS[lang]
    verdicts = [s for section in reports[lang].sections for s in _strings(section) if "5 %" in s]
    said_yes = [s for s in verdicts if yes in s and no not in s]
    said_no = [s for s in verdicts if no in s]
    assert said_yes and said_no  # both kinds occur, so the check below is not empty
    assert all(_q(lang, s) < 0.05 for s in said_yes)
    assert all(_q(lang, s) >= 0.05 for s in said_no)


def test_the_family_holds_every_test_the_report_states(reports):
    report = reports["en"]
    family = next(s for s in report.sections if s.key == "family")
    names = {row[0] for row in family.tables[0].rows}
    assert any("Kruskal" in name for name in names)
    rows = family.tables[0].rows
    # The "significant" column agrees with q < 0.05 on every row.
    for _, _, q, significant in rows:
        value = 0.0 if q.startswith("<") else float(q)
        assert (significant == "yes") == (value < 0.05)


def test_headlines_come_only_from_large_groups_significant_after_correction():
    from analysis import analyse_feedback, compare_respondents
    from analysis.headlines import group_against_rest
    from analysis.report.verdicts import report_family

    columns = simulate_feedback(4_000, seed=7)  # fax and letter under 30 answers
    analysis = analyse_feedback(columns)
    family = report_family(analysis, compare_respondents(columns))
    candidates = [d for c in analysis.by_factor for d in group_against_rest(c.factor, c)]
    candidates += group_against_rest("time_to_close", _bands(analysis))
    small = [d for d in candidates if d.group_n < HEADLINE_MINIMUM]
    assert small, "the data hold small groups the rule must refuse"
    chosen = headline_findings(candidates, family)
    for difference in chosen:
        assert difference.group_n >= HEADLINE_MINIMUM
        assert difference.reference_n >= HEADLINE_MINIMUM
        assert family.significant(difference.test)


def _bands(analysis):
    from analysis.comparisons import GroupComparison

    time_to_close = analysis.time_to_close
    return GroupComparison("time_band", time_to_close.bands, time_to_close.correlation)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_group_findings_name_only_groups_of_thirty(reports, lang):
    answers = "risposte" if lang == "it" else "answers"
    against = "contro" if lang == "it" else "against"
    counted = re.compile(r"\(([0-9.,]+) " + answers + r"(?: " + against + r" ([0-9.,]+))?\)")
    for section in reports[lang].sections:
        for sentence in _strings(section):
            for pair in counted.findall(sentence):
                for n in filter(None, pair):
                    assert int(n.replace(".", "").replace(",", "")) >= HEADLINE_MINIMUM, sentence


# What each test sentence must say in each language: what it measures and its direction.
SENTENCES = {
    "sentence_mann_whitney": {
        "it": ["«A»", "«B»", "voti più alti"],
        "en": ["“A”", "“B”", "higher scores"],
    },
    "sentence_non_response_days": {
        "it": ["chi ha risposto", "tempi di chiusura più lunghi"],
        "en": ["respondents", "waited longer"],
    },
    "sentence_kruskal_wallis": {"it": ["Kruskal–Wallis", "ε²"], "en": ["Kruskal–Wallis", "ε²"]},
    "sentence_spearman": {"it": ["giorni per la chiusura"], "en": ["days to close"]},
    "sentence_chi_square": {"it": ["Cramér"], "en": ["Cramér"]},
}


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("key", sorted(SENTENCES))
def test_each_sentence_template_says_what_its_test_measures(key, lang):
    template = texts.TEXTS[lang][key]
    fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    assert "verdict" in fields and "p" in fields
    values = {name: "A" if name == "first" else "B" if name == "second" else "x" for name in fields}
    sentence = texts.text(lang, key, **values)
    for words in SENTENCES[key][lang]:
        assert words in sentence, (key, lang, words)
    assert "first group" not in sentence and "primo gruppo" not in sentence


@pytest.mark.parametrize("lang", ["it", "en"])
def test_no_raw_codes_in_the_report(reports, lang):
    for section in reports[lang].sections:
        if section.key == "methods":
            continue
        for sentence in _strings(section):
            assert not re.search(r"\b[a-z]+_[a-z_]+\b", sentence), sentence


def test_a_small_group_with_a_large_gap_is_never_a_headline():
    from analysis.headlines import csat_difference, testing_family

    family = testing_family([("channel", 0.0001), ("region", 0.2), ("topic", 0.001)])
    fax = csat_difference("channel", "channel", ("fax", 5, 6), ("", 600, 1000))  # 83 % on 6
    email = csat_difference("channel", "channel", ("email", 40, 100), ("", 600, 1000))
    valle = csat_difference("region", "region", ("valle_d_aosta", 30, 30), ("", 600, 1000))
    press = csat_difference("topic", "topic", ("stampa", 25, 40), ("", 600, 1000))
    chosen = headline_findings([fax, email, valle, press], family)
    assert [d.group for d in chosen] == ["email"]  # press: its interval crosses zero
    assert press.low < 0 < press.high


def test_both_languages_fill_each_sentence_with_the_same_values():
    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    assert set(texts.TEXTS["it"]) == set(texts.TEXTS["en"])
    for key, italian in texts.TEXTS["it"].items():
        assert fields(italian) == fields(texts.TEXTS["en"][key]), key


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_factor_whose_group_differs_names_that_group_and_its_gap(lang):
    from analysis.headlines import group_against_rest

    columns = simulate_feedback(3_000, seed=7)
    email = (columns.channel.codes == columns.channel.code("email")) & np.isfinite(
        columns.satisfaction
    )
    satisfaction = columns.satisfaction.copy()
    satisfaction[email] = 1.0  # every email answer dissatisfied: a gap no correction hides
    columns = dataclasses.replace(columns, satisfaction=satisfaction)
    data = ReportData(Period(date(2011, 1, 1), date(2012, 1, 1)), columns, (), ())
    report = build_report(data=data, lang=lang)
    factors = next(section for section in report.sections if section.key == "factors")
    channel = next(part for part in factors.parts if part.key == "factors-channel")
    analysis = next(c for c in analyse_feedback(columns).by_factor if c.factor == "channel")
    gap = next(d for d in group_against_rest("channel", analysis) if d.group == "email")
    assert gap.points < -50 and int(email.sum()) >= HEADLINE_MINIMUM
    expected = texts.text(
        lang,
        "finding_spread",
        factor=texts.text(lang, "channel"),
        group="Email",
        n=texts.count(lang, int(email.sum())),
        points=texts.points(lang, gap.points, gap.low, gap.high),
    )
    assert channel.findings[0] == expected
    assert channel.charts[0].title == expected
