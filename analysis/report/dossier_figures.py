"""The year-end dossier's figures, as the department publishes them ("4 luglio 2012 - Un anno di
Contact Center"): volumes, channels, request types, requesters, how cases stood at the end,
the busiest day of each emergency, regions, topics, hours and satisfaction. Plain numbers from
the report's data; `analysis.report.dossier` writes them out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

from analysis.columns import Factor
from analysis.intervals import wilson
from analysis.metrics import csat_top2, response_rate
from analysis.report.data import ReportData
from analysis.results import Estimate
from analysis.service_hours import HoursCoverage, phone_coverage

SATISFACTION_MONTH_MINIMUM = 30  # as on the transparency page: a month's CSAT from 30 answers


@dataclass(frozen=True)
class Share:
    level: str
    count: int
    share: float  # of all the period's requests


@dataclass(frozen=True)
class Peak:
    """An emergency period and its busiest day (None: no request in it)."""

    name: str
    first_day: date
    last_day: date
    day: date | None
    contacts: int


@dataclass(frozen=True)
class MonthCount:
    month: str  # YYYY-MM
    requests: int


@dataclass(frozen=True)
class MonthSatisfaction:
    month: str
    answers: int
    csat: Estimate


@dataclass(frozen=True)
class DossierFigures:
    start: date
    end: date  # the day after the period: how cases stood at its start
    requests: int
    per_ordinary_day: float | None  # mean requests on working days outside emergencies
    months: tuple[MonthCount, ...]
    channels: tuple[Share, ...]
    request_types: tuple[Share, ...]
    requesters: tuple[Share, ...]
    topics: tuple[Share, ...]
    regions: tuple[Share, ...]
    closed_front_office: Share
    closed_back_office: Share
    not_closed: Share
    back_office_with_bodies: Estimate  # of the cases handed to an office
    busiest_day: tuple[date, int] | None
    peaks: tuple[Peak, ...]
    hours: tuple[HoursCoverage, ...]
    answers: int
    csat: Estimate
    response_rate: Estimate
    satisfaction_months: tuple[MonthSatisfaction, ...]


def _shares(factor: Factor, total: int, keep: np.ndarray | None = None) -> tuple[Share, ...]:
    """Each level's count and share of `total`, largest first ("" levels left out)."""
    codes = factor.codes if keep is None else factor.codes[keep]
    counts = np.bincount(codes.astype(np.int64), minlength=len(factor.levels))
    found = [
        Share(level, int(count), count / total)
        for level, count in zip(factor.levels, counts, strict=True)
        if count and level
    ]
    return tuple(sorted(found, key=lambda share: (-share.count, share.level)))


def _days(moments: np.ndarray) -> np.ndarray:
    return moments.astype("datetime64[D]")


def _peaks(data: ReportData, days: np.ndarray) -> tuple[Peak, ...]:
    found = []
    for emergency in data.emergencies:
        first, last = emergency.starts_at.date(), emergency.last_day
        inside = (days >= np.datetime64(first)) & (days <= np.datetime64(last))
        if not inside.any():
            found.append(Peak(emergency.name, first, last, None, 0))
            continue
        busiest, counts = np.unique(days[inside], return_counts=True)
        top = int(np.argmax(counts))
        day = busiest[top].astype(object)
        found.append(Peak(emergency.name, first, last, day, int(counts[top])))
    return tuple(found)


def _ordinary_mean(data: ReportData, days: np.ndarray) -> float | None:
    columns = data.columns
    ordinary = ~columns.in_emergency
    weekday = (days.astype(np.int64) + 3) % 7  # 1 January 1970 was a Thursday
    working = ordinary & (weekday < 5)
    if not working.any():
        return None
    _, counts = np.unique(days[working], return_counts=True)
    return float(np.mean(counts))


def _by_month(moments: np.ndarray, keep: np.ndarray) -> dict[str, np.ndarray]:
    months = moments.astype("datetime64[M]").astype(str)
    return {month: keep & (months == month) for month in sorted(set(months[keep].tolist()))}


def dossier_figures(data: ReportData) -> DossierFigures:
    """The figures of the cases opened in the data's period, as they stood at its end."""
    columns, period = data.columns, data.period
    n = len(columns)
    days = _days(columns.opened_at)
    end = np.datetime64(datetime.combine(period.end, datetime.min.time()), "s")
    closed = ~np.isnat(columns.closed_at) & (columns.closed_at < end)
    path = columns.resolution_path
    front = closed & (path.codes == path.code("front_office"))
    back = closed & (path.codes == path.code("back_office"))
    escalated = columns.office.codes != columns.office.code("")
    dates, counts = np.unique(days, return_counts=True)
    busiest = (dates[int(np.argmax(counts))].astype(object), int(counts.max())) if n else None
    months = _by_month(columns.opened_at, np.ones(n, dtype=bool))
    answered = np.isfinite(columns.satisfaction)
    invited = ~np.isnat(columns.closed_at)
    satisfaction_months = []
    for month, rows in _by_month(columns.closed_at, answered & invited).items():
        scores = columns.satisfaction[rows]
        if scores.size >= SATISFACTION_MONTH_MINIMUM:
            satisfaction_months.append(
                MonthSatisfaction(month, int(scores.size), csat_top2(scores))
            )
    return DossierFigures(
        start=period.start,
        end=period.end,
        requests=n,
        per_ordinary_day=_ordinary_mean(data, days),
        months=tuple(MonthCount(month, int(rows.sum())) for month, rows in months.items()),
        channels=_shares(columns.channel, n),
        request_types=_shares(columns.request_type, n),
        requesters=_shares(columns.requester_kind, n),
        topics=_shares(columns.topic, n),
        regions=_shares(columns.region, n),
        closed_front_office=Share("front_office", int(front.sum()), front.sum() / max(n, 1)),
        closed_back_office=Share("back_office", int(back.sum()), back.sum() / max(n, 1)),
        not_closed=Share("open", int((~closed).sum()), (~closed).sum() / max(n, 1)),
        back_office_with_bodies=wilson(
            int(np.count_nonzero(escalated & columns.other_bodies)),
            int(np.count_nonzero(escalated)),
        ),
        busiest_day=busiest,
        peaks=_peaks(data, days),
        hours=phone_coverage(
            columns, data.ordinary_hours, [emergency.hours for emergency in data.emergencies]
        ),
        answers=int(answered.sum()),
        csat=csat_top2(columns.satisfaction),
        response_rate=response_rate(columns.answered[invited]),
        satisfaction_months=tuple(satisfaction_months),
    )


def share_of(shares: Sequence[Share], level: str) -> Share | None:
    return next((share for share in shares if share.level == level), None)
