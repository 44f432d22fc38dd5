"""Headline figures: volumes by channel and type, the resolution paths, peaks, response rate."""

from __future__ import annotations

import numpy as np

from analysis import Factor
from analysis.report import texts
from analysis.report.data import Emergency
from analysis.report.structure import Context, Section, Table

PEAK_DAYS = 5


def headline_section(context: Context) -> Section:
    """Volumes, the Front/Back Office/open split, peak days and emergencies, response rate."""
    columns = context.data.columns
    days = max(1, (context.data.period.end - context.data.period.start).days)
    cases = len(columns)
    channel, kind = volume_table(context, "channel"), volume_table(context, "request_type")
    path = volume_table(context, "resolution_path")
    peaks, emergencies = peak_days_table(context), emergencies_table(context)
    findings = [
        context.t(
            "finding_volume",
            cases=texts.count(context.lang, cases),
            per_day=context.number(cases / days),
        ),
        context.t(
            "finding_top",
            channel=channel.rows[0][0],
            channel_share=channel.rows[0][2],
            kind=kind.rows[0][0],
            kind_share=kind.rows[0][2],
        ),
        _path_finding(context),
        _peak_finding(context, cases / days),
        _response_finding(context),
    ]
    return Section(
        "headline",
        context.t("headline"),
        tuple(findings),
        (channel, kind, path, peaks, emergencies),
    )


def _counts(factor: Factor) -> list[tuple[str, int]]:
    counts = np.bincount(factor.codes.astype(np.int64), minlength=len(factor.levels))
    order = np.argsort(-counts, kind="stable")
    return [(factor.levels[i], int(counts[i])) for i in order if counts[i] > 0]


def volume_table(context: Context, name: str) -> Table:
    """Cases per level of a factor with their share, largest first."""
    factor: Factor = getattr(context.data.columns, name)
    total = len(factor)
    rows = tuple(
        (context.level(code, name), texts.count(context.lang, n), context.percent(n / total))
        for code, n in _counts(factor)
    )
    header = (context.t(name), context.t("cases"), context.t("share"))
    return Table(header, rows, caption=context.t(f"by_{name}"))


def _path_finding(context: Context) -> str:
    path = context.data.columns.resolution_path
    total = len(path)
    shares = {code: n / total for code, n in _counts(path)}
    return context.t(
        "finding_path",
        front=context.percent(shares.get("front_office", 0.0)),
        back=context.percent(shares.get("back_office", 0.0)),
        open=context.percent(shares.get("open", 0.0)),
    )


def _daily_counts(context: Context) -> tuple[np.ndarray, np.ndarray]:
    days = context.data.columns.opened_at.astype("datetime64[D]")
    return np.unique(days, return_counts=True)


def _emergency_of(day: np.datetime64, emergencies: tuple[Emergency, ...]) -> str:
    for emergency in emergencies:
        start = np.datetime64(emergency.starts_at, "s").astype("datetime64[D]")
        end = np.datetime64(emergency.ends_at, "s")
        if start <= day and day.astype("datetime64[s]") < end:
            return emergency.name
    return ""


def peak_days_table(context: Context) -> Table:
    """The busiest days of the period, with the emergency running then."""
    days, counts = _daily_counts(context)
    order = np.argsort(-counts, kind="stable")[:PEAK_DAYS]
    rows = tuple(
        (
            texts.day(context.lang, days[i].astype(object)),
            texts.count(context.lang, int(counts[i])),
            _emergency_of(days[i], context.data.emergencies) or context.t("none"),
        )
        for i in order
    )
    header = (context.t("day"), context.t("cases"), context.t("emergency_name"))
    return Table(header, rows, caption=context.t("peak_days"))


def _peak_finding(context: Context, per_day: float) -> str:
    days, counts = _daily_counts(context)
    top = int(np.argmax(counts))
    finding = context.t(
        "finding_peak",
        day=texts.day(context.lang, days[top].astype(object)),
        cases=texts.count(context.lang, int(counts[top])),
        times=context.number(counts[top] / per_day),
    )
    emergency = _emergency_of(days[top], context.data.emergencies)
    return finding + (context.t("finding_peak_emergency", name=emergency) if emergency else "")


def emergencies_table(context: Context) -> Table:
    """Each emergency period overlapping the report's period, with the cases opened in it."""
    opened = context.data.columns.opened_at
    rows = []
    for emergency in context.data.emergencies:
        start, end = np.datetime64(emergency.starts_at, "s"), np.datetime64(emergency.ends_at, "s")
        cases = int(np.count_nonzero((opened >= start) & (opened < end)))
        length = max((end - start) / np.timedelta64(1, "D"), 1.0)
        rows.append(
            (
                emergency.name,
                texts.day(context.lang, emergency.starts_at.date()),
                texts.day(context.lang, emergency.ends_at.date()),
                texts.count(context.lang, cases),
                context.number(cases / length),
            )
        )
    header = (
        context.t("emergency_name"),
        context.t("from"),
        context.t("to"),
        context.t("cases"),
        context.t("per_day"),
    )
    notes = () if rows else (context.t("no_emergencies"),)
    return Table(header, tuple(rows), caption=context.t("emergency_periods"), notes=notes)


def _response_finding(context: Context) -> str:
    analysis = context.analysis
    rate = analysis.overview.response_rate
    return context.t(
        "finding_response",
        answers=texts.count(context.lang, analysis.answers),
        closed=texts.count(context.lang, rate.n),
        rate=texts.share(context.lang, rate),
    )
