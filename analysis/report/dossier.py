"""The year-end dossier written out in Italian or English, as a `Report` that the report's
renderers (HTML, and PDF by WeasyPrint) lay out like the management report.

Its sections follow the department's dossier of 4 July 2012: the year's requests, the channels,
what was asked and by whom, how the requests stood at the end, the emergencies with their
busiest days, regions and topics, the hours kept, and what citizens said.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from analysis.report import texts
from analysis.report.data import ReportData
from analysis.report.dossier_figures import DossierFigures, Share, dossier_figures, share_of
from analysis.report.dossier_words import WORDS
from analysis.report.structure import Report, Section, Table
from analysis.service_hours import ORDINARY_PERIOD
from analysis.suppression import DEFAULT_THRESHOLD

if TYPE_CHECKING:  # the counts come from the case tracker's status history
    from case_bridge.as_of import AsOfCounts


class _Writer:
    """The words and number formats of one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def t(self, key: str, **values: object) -> str:
        return WORDS[self.lang][key].format(**values)

    def count(self, value: int) -> str:
        return texts.count(self.lang, value)

    def percent(self, share: float | None, digits: int = 1) -> str:
        return texts.percent(self.lang, share, digits)

    def day(self, value: date) -> str:
        return texts.day(self.lang, value)

    def level(self, code: str, factor: str) -> str:
        return texts.level(self.lang, code, factor=factor)

    def shares_table(
        self, shares: Sequence[Share], factor: str, caption: str, digits: int = 2
    ) -> Table:
        """Counts and shares; groups under the anonymity threshold hidden (one line)."""
        shown = [share for share in shares if share.count >= DEFAULT_THRESHOLD]
        rows = tuple(
            (self.level(s.level, factor), self.count(s.count), self.percent(s.share, digits))
            for s in shown
        )
        hidden = sum(share.count for share in shares if share.count < DEFAULT_THRESHOLD)
        notes = (
            (self.t("hidden_groups", k=DEFAULT_THRESHOLD, n=self.count(hidden)),) if hidden else ()
        )
        header = (self.t(f"col_{factor}"), self.t("col_requests"), self.t("col_share"))
        return Table(header, rows, caption=caption, notes=notes)


def _volumes(w: _Writer, f: DossierFigures) -> Section:
    findings = [w.t("volumes_total", n=w.count(f.requests), start=w.day(f.start))]
    if f.per_ordinary_day is not None:
        findings.append(w.t("volumes_ordinary", n=texts.number(w.lang, f.per_ordinary_day, 0)))
    rows = tuple((month.month, w.count(month.requests)) for month in f.months)
    table = Table((w.t("col_month"), w.t("col_requests")), rows, caption=w.t("volumes_caption"))
    return Section("volumes", w.t("volumes"), tuple(findings), (table,))


def _first_week(w: _Writer, counts: AsOfCounts, start: date) -> Section:
    """How the first week stood at its end, from the status history (the note of 13 July)."""
    received = max(counts.received, 1)
    finding = w.t(
        "first_week_finding",
        start=w.day(start),
        n=w.count(counts.received),
        closed=w.percent(counts.closed / received),
        phone=w.percent(counts.phone_closed / max(counts.phone_received, 1)),
        waiting=w.percent(counts.back_office / received),
        open=w.percent(counts.open / received),
    )
    rows = tuple(
        (w.t(key), w.count(value))
        for key, value in (
            ("first_week_received", counts.received),
            ("first_week_closed", counts.closed),
            ("first_week_back_office", counts.back_office),
            ("first_week_open", counts.open),
            ("first_week_phone", counts.phone_received),
            ("first_week_phone_closed", counts.phone_closed),
        )
    )
    table = Table((w.t("col_path"), w.t("col_requests")), rows, caption=w.t("first_week"))
    return Section("first-week", w.t("first_week"), (finding,), (table,))


def _channels(w: _Writer, f: DossierFigures) -> Section:
    findings = []
    if f.channels:
        top = f.channels[0]
        findings.append(
            w.t(
                "channels_top",
                channel=w.level(top.level, "channel"),
                share=w.percent(top.share, 2),
            )
        )
    table = w.shares_table(f.channels, "channel", w.t("channels_caption"))
    return Section("channels", w.t("channels"), tuple(findings), (table,))


def _requests(w: _Writer, f: DossierFigures) -> Section:
    findings = []
    information, report = (share_of(f.request_types, code) for code in ("information", "report"))
    if information and report:
        findings.append(
            w.t(
                "types_top",
                information=w.percent(information.share, 2),
                report=w.percent(report.share, 2),
            )
        )
    if f.requesters:
        findings.append(
            w.t(
                "requesters_top",
                kind=w.level(f.requesters[0].level, "requester_kind"),
                share=w.percent(f.requesters[0].share),
            )
        )
    tables = (
        w.shares_table(f.request_types, "request_type", w.t("types_caption")),
        w.shares_table(f.requesters, "requester_kind", w.t("requesters_caption")),
    )
    return Section("requests", w.t("requests"), tuple(findings), tables)


def _paths(w: _Writer, f: DossierFigures) -> Section:
    finding = w.t(
        "paths_finding",
        end=w.day(f.end),
        open=w.percent(f.not_closed.share, 2),
        closed=w.percent(f.closed_front_office.share + f.closed_back_office.share, 2),
        front=w.percent(f.closed_front_office.share, 2),
        back=w.percent(f.closed_back_office.share, 2),
    )
    findings = [finding]
    if f.back_office_with_bodies.n:
        findings.append(
            w.t(
                "paths_bodies",
                share=w.percent(f.back_office_with_bodies.estimate),
                n=w.count(f.back_office_with_bodies.n),
            )
        )
    rows = tuple(
        (w.t(f"path_{share.level}"), w.count(share.count), w.percent(share.share, 2))
        for share in (f.closed_front_office, f.closed_back_office, f.not_closed)
    )
    header = (w.t("col_path"), w.t("col_requests"), w.t("col_share"))
    table = Table(header, rows, caption=w.t("paths_caption", end=w.day(f.end)))
    return Section("paths", w.t("paths"), tuple(findings), (table,))


def _peaks(w: _Writer, f: DossierFigures) -> Section:
    findings = []
    if f.busiest_day is not None:
        day, contacts = f.busiest_day
        findings.append(w.t("peaks_busiest", day=w.day(day), n=w.count(contacts)))
    rows = tuple(
        (
            peak.name,
            f"{w.day(peak.first_day)} – {w.day(peak.last_day)}",
            w.day(peak.day) if peak.day else "—",
            w.count(peak.contacts),
        )
        for peak in f.peaks
    )
    header = (w.t("col_emergency"), w.t("col_period"), w.t("col_peak_day"), w.t("col_requests"))
    table = Table(header, rows, caption=w.t("peaks_caption"))
    if not f.peaks:
        return Section("peaks", w.t("peaks"), (*findings, w.t("peaks_none")))
    return Section("peaks", w.t("peaks"), tuple(findings), (table,))


def _places_and_topics(w: _Writer, f: DossierFigures) -> Section:
    findings = []
    if f.regions:
        leading = ", ".join(w.level(share.level, "region") for share in f.regions[:5])
        findings.append(w.t("regions_top", regions=leading))
    if f.topics:
        findings.append(
            w.t(
                "topics_top",
                topics="; ".join(
                    f"{w.level(s.level, 'topic')} ({w.percent(s.share)})" for s in f.topics[:2]
                ),
            )
        )
    tables = (
        w.shares_table(f.regions, "region", w.t("regions_caption"), digits=1),
        w.shares_table(f.topics, "topic", w.t("topics_caption"), digits=1),
    )
    return Section("places", w.t("places"), tuple(findings), tables)


def _hours(w: _Writer, f: DossierFigures) -> Section:
    rows = tuple(
        (
            w.t("hours_ordinary_period") if row.period == ORDINARY_PERIOD else row.period,
            "h24"
            if (row.opening_hour, row.closing_hour) == (0, 24)
            else f"{row.opening_hour}–{row.closing_hour}",
            w.count(row.phone_requests),
            w.percent(row.share.estimate),
        )
        for row in f.hours
    )
    header = (w.t("col_period"), w.t("col_hours"), w.t("col_phone"), w.t("col_inside"))
    table = Table(header, rows, caption=w.t("hours_caption"))
    outside = sum(row.phone_requests - row.inside for row in f.hours)
    findings = (w.t("hours_finding"), w.t("hours_outside", n=w.count(outside)))
    return Section("hours", w.t("hours"), findings, (table,))


def _satisfaction(w: _Writer, f: DossierFigures) -> Section:
    if f.answers < DEFAULT_THRESHOLD:
        return Section("satisfaction", w.t("satisfaction"), (w.t("satisfaction_none"),))
    finding = w.t(
        "satisfaction_finding",
        n=w.count(f.answers),
        rate=w.percent(f.response_rate.estimate),
        csat=w.percent(f.csat.estimate),
        low=w.percent(f.csat.low),
        high=w.percent(f.csat.high),
    )
    rows = tuple(
        (
            month.month,
            w.count(month.answers),
            w.percent(month.csat.estimate),
            f"{w.percent(month.csat.low)}–{w.percent(month.csat.high)}",
        )
        for month in f.satisfaction_months
    )
    header = (w.t("col_month"), w.t("col_answers"), w.t("col_csat"), w.t("col_interval"))
    table = Table(header, rows, caption=w.t("satisfaction_caption"))
    return Section("satisfaction", w.t("satisfaction"), (finding,), (table,))


SECTIONS = (_volumes, _channels, _requests, _paths, _peaks, _places_and_topics, _hours)


def build_dossier(
    *,
    data: ReportData,
    lang: str = "it",
    today: date | None = None,
    first_week: AsOfCounts | None = None,
) -> Report:
    """The dossier of the data's period in `lang`; `first_week`, when given, is how the cases
    of the first seven days stood at their end (`case_bridge.as_of`)."""
    w = _Writer(lang)
    figures = dossier_figures(data)
    title = w.t("title")
    subtitle = w.t("subtitle", start=w.day(data.period.start), end=w.day(data.period.end))
    generated = texts.text(lang, "generated", today=texts.day(lang, today or date.today()))
    if figures.requests == 0:
        empty = Section("volumes", w.t("volumes"), (w.t("empty"),))
        return Report(lang, title, subtitle, generated, (empty,), empty=True)
    sections = [builder(w, figures) for builder in SECTIONS]
    if first_week is not None and first_week.received >= DEFAULT_THRESHOLD:
        sections.insert(1, _first_week(w, first_week, data.period.start))
    sections.append(_satisfaction(w, figures))
    return Report(lang, title, subtitle, generated, tuple(sections))
