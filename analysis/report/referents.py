"""The report's section on the referents' consultations: their scales, SUS included, and their
offices, under each consultation's anonymity threshold."""

from __future__ import annotations

from analysis.report import texts
from analysis.report.data import ReferentConsultation
from analysis.report.structure import Context, Section, Table


def referents_section(context: Context) -> Section:
    lang = context.lang
    title = texts.text(lang, "referents")
    consultations = context.data.consultations
    if not consultations:
        return Section("referents", title, (texts.text(lang, "no_consultation"),))
    parts = tuple(_consultation(lang, consultation) for consultation in consultations)
    return Section("referents", title, parts=parts)


def _consultation(lang: str, consultation: ReferentConsultation) -> Section:
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
        (office.office.label, str(office.office.count) if office.office.shown else hidden)
        for office in results.offices
    )
    if office_rows:
        header = (texts.text(lang, "col_office"), texts.text(lang, "col_answers"))
        tables.append(Table(header, office_rows))
    note = texts.text(lang, "referents_note", k=k)
    return Section("referents", results.title, tuple(findings), tuple(tables), notes=(note,))
