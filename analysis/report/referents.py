"""The report's section on the referents' consultations: their scales, SUS included, and their
offices, under each consultation's anonymity threshold."""

from __future__ import annotations

from analysis.report import texts
from analysis.report.data import ReferentConsultation, WavesCompared
from analysis.report.structure import Context, Section, Table
from analysis.results import Estimate
from analysis.waves import DOWN, NO_CHANGE, UP


def referents_section(context: Context) -> Section:
    lang = context.lang
    title = texts.text(lang, "referents")
    consultations = context.data.consultations
    if not consultations:
        return Section("referents", title, (texts.text(lang, "no_consultation"),))
    parts = tuple(_consultation(context, consultation) for consultation in consultations)
    return Section("referents", title, parts=parts)


def _consultation(context: Context, consultation: ReferentConsultation) -> Section:
    lang = context.lang
    results = consultation.results
    k = results.threshold
    if not results.shown:
        finding = texts.text(lang, "consultation_hidden", title=results.title, k=k)
        return Section("referents", results.title, (finding,))
    findings = [
        texts.text(
            lang,
            "finding_consultation",
            title=results.title,
            answered=results.answers,
            invited=consultation.invited,
            state=texts.text(lang, f"consultation_{consultation.state}"),
        )
    ]
    rows = []
    for scale in results.scales:
        mean = scale.mean
        digits = 0 if scale.scale == "sus" else 2
        rows.append(
            (
                scale.title,
                texts.number(lang, mean.estimate, digits),
                "–".join(texts.number(lang, bound, digits) for bound in (mean.low, mean.high))
                if mean.low is not None
                else "",
                texts.number(lang, scale.sd, 2),
                texts.estimate(lang, scale.alpha, digits=2) if scale.alpha else "",
            )
        )
    header = tuple(
        texts.text(lang, key)
        for key in ("col_scale", "col_mean", "col_interval", "col_sd", "col_alpha")
    )
    tables = [Table(header, tuple(rows))]
    hidden = texts.text(lang, "hidden_group", k=k)
    office_rows = tuple(
        (
            # A cell is labelled with the office's code: named as the offices are.
            context.data.office_names.get(office.office.label, office.office.label),
            str(office.office.count) if office.office.shown else hidden,
        )
        for office in results.offices
    )
    if office_rows:
        header = (texts.text(lang, "col_office"), texts.text(lang, "col_answers"))
        tables.append(Table(header, office_rows))
    notes = [texts.text(lang, "referents_note", k=k)]
    if consultation.waves is not None:
        findings.append(_waves_finding(lang, consultation.waves))
        tables.append(_waves_table(lang, consultation.waves))
        if consultation.waves.apart:
            apart = ", ".join(consultation.waves.apart)
            notes.append(texts.text(lang, "waves_apart", scales=apart))
    return Section("referents", results.title, tuple(findings), tuple(tables), notes=tuple(notes))


def _waves_finding(lang: str, waves: WavesCompared) -> str:
    verdicts = [change.verdict for _, change in waves.changes]
    return texts.text(
        lang,
        "waves_finding",
        earlier=waves.follows_title,
        up=verdicts.count(UP),
        down=verdicts.count(DOWN),
        same=verdicts.count(NO_CHANGE),
    )


def _interval(lang: str, value: Estimate, scale: float, digits: int) -> str:
    if value.estimate is None or value.low is None or value.high is None:
        return texts.text(lang, "not_available")
    point = texts.number(lang, scale * value.estimate, digits)
    sign = "+" if value.estimate > 0 else ""
    low, high = (texts.number(lang, scale * bound, digits) for bound in (value.low, value.high))
    return f"{sign}{point} ({low}–{high})"


def _waves_table(lang: str, waves: WavesCompared) -> Table:
    rows = []
    for title, change in waves.changes:
        digits = 1 if change.scale == "sus" else 2
        rows.append(
            (
                title,
                texts.number(lang, change.earlier.mean.estimate, digits),
                texts.number(lang, change.later.mean.estimate, digits),
                _interval(lang, change.mean_change, 1.0, digits),
                texts.percent(lang, change.earlier.favourable.estimate),
                texts.percent(lang, change.later.favourable.estimate),
                _interval(lang, change.favourable_change, 100.0, 0),
                texts.text(lang, f"verdict_{change.verdict}"),
            )
        )
    keys = (
        "col_scale",
        "col_mean_before",
        "col_mean_now",
        "col_mean_change",
        "col_favourable_before",
        "col_favourable_now",
        "col_favourable_change",
        "col_verdict",
    )
    header = tuple(texts.text(lang, key) for key in keys)
    return Table(header, tuple(rows), caption=texts.text(lang, "waves_caption"))
