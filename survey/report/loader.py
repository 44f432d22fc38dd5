"""Cases joined with their citizens' answers, read as columns for `analysis` and filled into
the report's data (`analysis.report.data`).

One plain SQL query per table (cases, feedback responses, emergency periods, offices) and no
ORM objects per row: the rows come back as dicts and go straight into numpy arrays and
`Factor`s. Times are turned into the department's wall-clock time (Europe/Rome) because every
figure of the report counts calendar days as the contact center lives them (a case opened at
23:30 and closed at 00:30 was closed the next day).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np

from analysis import Factor, FeedbackColumns
from analysis.columns import (
    CHANNELS,
    COLLECTION_CHANNELS,
    REQUEST_TYPES,
    REQUESTER_KINDS,
    RESOLUTION_PATHS,
    RESOLVED,
)
from analysis.follow_ups import FollowUpRecord
from analysis.reasons import REASON_ITEMS, ReasonChoices
from analysis.report.data import (
    Comment,
    Emergency,
    Period,
    ReferentConsultation,
    ReportData,
    WavesCompared,
)
from case_bridge.service_hours import ORDINARY, OrdinaryHours
from case_bridge.storage import clock
from case_bridge.storage.clock import DEPARTMENT_ZONE
from case_bridge.storage.engines import EPOCH_SECONDS, AscoltoEngine
from survey.follow_ups.states import DEFAULT_DUE_DAYS, FRONT_OFFICE, is_overdue
from survey.privacy.masking import mask

_NAT = np.iinfo(np.int64).min  # the int64 behind numpy's NaT

# Times are read as whole seconds since the epoch (`engines.EPOCH_SECONDS`).
EPOCH = EPOCH_SECONDS
CASES_SQL = """
SELECT id, {opened_at} AS opened_at, {closed_at} AS closed_at, channel, request_type, topic,
       region, resolution_path, office, requester_kind, other_bodies <> '' AS other_bodies
FROM cases WHERE opened_at >= ? AND opened_at < ? ORDER BY id
"""
RESPONSES_SQL = """
SELECT r."case" AS case_id, r.satisfaction, r.resolved, r.effort, r.recommend,
       r.collection_channel, r.first_submitted_at, r.answers
FROM feedback_responses r
WHERE r."case" IN (SELECT id FROM cases WHERE opened_at >= ? AND opened_at < ?)
  AND NOT r.re_ask
"""
# A case's re-ask answer never joins its row above (it would count a call-back's effect in the
# main CSAT): it comes with the case's follow-up, counted apart.
FOLLOW_UPS_SQL = """
SELECT f."case" AS case_id, o.code AS office, f.status, {opened_at} AS opened_at,
       {closed_at} AS closed_at, f.outcome, i.id AS re_ask_invitation,
       answered.satisfaction AS first_rating, again.satisfaction AS re_ask_rating
FROM follow_ups f
LEFT JOIN office o ON o.id = f.office
LEFT JOIN feedback_invitations i ON i."case" = f."case" AND i.re_ask
LEFT JOIN feedback_responses answered ON answered."case" = f."case" AND NOT answered.re_ask
LEFT JOIN feedback_responses again ON again."case" = f."case" AND again.re_ask
WHERE f."case" IN (SELECT id FROM cases WHERE opened_at >= ? AND opened_at < ?)
ORDER BY f.id
"""
EMERGENCIES_SQL = """
SELECT name, {starts_at} AS starts_at, {ends_at} AS ends_at, opening_hour, closing_hour
FROM emergency_period
WHERE starts_at < ? AND ends_at > ? ORDER BY starts_at
"""
OFFICES_SQL = "SELECT id, code, name FROM office"


async def load_report_data(
    *,
    engine: AscoltoEngine,
    period: Period,
    previous: bool = False,
    ordinary_hours: OrdinaryHours = ORDINARY,
    follow_up_due_days: int = DEFAULT_DUE_DAYS,
) -> ReportData:
    """Read cases opened in the period, their answers, the emergencies and offices (4 queries)
    and the cases' follow-ups; with `previous`, the same for the period of the same length just
    before (the report's first page compares with it). `ordinary_hours` are the settings'
    (ASCOLTO_SERVICE_HOURS)."""
    rows = await _period_rows(engine, period)
    _, responses, emergencies, offices = rows
    columns = _columns(rows)
    before = _columns(await _period_rows(engine, period.before())) if previous else None
    return ReportData(
        period=period,
        columns=columns,
        emergencies=tuple(
            Emergency(
                row["name"],
                _local(row["starts_at"]),
                _local(row["ends_at"]),
                row["opening_hour"],
                row["closing_hour"],
            )
            for row in emergencies
        ),
        comments=_comments(columns, responses),
        consultations=await _consultations(period),
        office_names={row["code"]: row["name"] for row in offices if row["name"]},
        previous=before,
        ordinary_hours=ordinary_hours,
        follow_ups=await _follow_ups(engine, period, follow_up_due_days),
    )


async def _follow_ups(
    engine: AscoltoEngine, period: Period, due_days: int
) -> tuple[FollowUpRecord, ...]:
    start, end = period.bounds()
    bounds = [engine.timestamp_parameter(start), engine.timestamp_parameter(end)]
    rows = await engine.run_sql(
        _with_epochs(FOLLOW_UPS_SQL, engine, "opened_at", "closed_at"), bounds
    )
    now = clock.now()
    return tuple(
        FollowUpRecord(
            case_id=row["case_id"],
            office=row["office"] or FRONT_OFFICE,
            state=row["status"],
            opened_at=_local(row["opened_at"]),
            closed_at=None if row["closed_at"] is None else _local(row["closed_at"]),
            outcome=row["outcome"],
            overdue=is_overdue(
                row["status"], datetime.fromtimestamp(row["opened_at"], UTC), now, due_days
            ),
            re_asked=row["re_ask_invitation"] is not None,
            first_rating=row["first_rating"],
            re_ask_rating=row["re_ask_rating"],
        )
        for row in rows
    )


async def _period_rows(engine: AscoltoEngine, period: Period) -> tuple[list, list, list, list]:
    start, end = period.bounds()
    bounds = [engine.timestamp_parameter(start), engine.timestamp_parameter(end)]
    cases = await engine.run_sql(_with_epochs(CASES_SQL, engine, "opened_at", "closed_at"), bounds)
    responses = await engine.run_sql(RESPONSES_SQL, bounds)
    emergencies = await engine.run_sql(
        _with_epochs(EMERGENCIES_SQL, engine, "starts_at", "ends_at"), bounds[::-1]
    )
    offices = await engine.run_sql(OFFICES_SQL)
    return cases, responses, emergencies, offices


def _columns(rows: tuple[list, list, list, list]) -> FeedbackColumns:
    cases, responses, emergencies, offices = rows
    return feedback_columns(
        cases=cases,
        responses=responses,
        emergencies=emergencies,
        offices={row["id"]: row["code"] for row in offices},
    )


async def _consultations(period: Period) -> tuple[ReferentConsultation, ...]:
    from survey.consultations.results import consultation_results
    from survey.consultations.services import list_consultations
    from survey.questionnaire_versions.services import load_registry

    found = [
        c
        for c in await list_consultations()
        # Only tallied consultations have results (an open one's answers are still sealed).
        if c.state == "closed" and c.opens_on <= period.end and c.closes_on >= period.start
    ]
    if not found:
        return ()
    registry = await load_registry()
    consultations = []
    for c in found:
        results = await consultation_results(consultation_id=c.id, registry=registry)
        waves = await _waves_compared(c.id, registry)
        consultations.append(ReferentConsultation(c.invited, c.state, results, waves))
    return tuple(consultations)


async def _waves_compared(consultation_id: int, registry) -> WavesCompared | None:
    """The consultation against the wave it follows, when both are tallied and shown."""
    from survey.consultations.waves import wave_comparison

    comparison = await wave_comparison(consultation_id=consultation_id, registry=registry)
    if not comparison.shown or comparison.follows_title is None:
        return None
    return WavesCompared(
        follows_title=comparison.follows_title,
        changes=tuple((row.title, row.change) for row in comparison.scales),
        apart=tuple(row.title for row in comparison.apart),
    )


def _with_epochs(sql: str, engine: AscoltoEngine, *columns: str) -> str:
    template = EPOCH[engine.engine_type]
    return sql.format(**{column: template.format(column=column) for column in columns})


async def load_feedback_columns(*, engine: AscoltoEngine, period: Period) -> FeedbackColumns:
    """Cases opened in the period joined with their answers, one row per case."""
    return _columns(await _period_rows(engine, period))


def feedback_columns(
    *,
    cases: Sequence[Mapping[str, Any]],
    responses: Sequence[Mapping[str, Any]],
    emergencies: Sequence[Mapping[str, Any]],
    offices: Mapping[int, str],
) -> FeedbackColumns:
    """Build the columns from the rows of the four queries."""
    case_id = np.fromiter((row["id"] for row in cases), dtype=np.int64, count=len(cases))
    opened = _seconds(row["opened_at"] for row in cases)
    closed = _seconds(row["closed_at"] for row in cases)
    answers = _answer_columns(case_id, responses)
    return FeedbackColumns(
        case_id=case_id,
        channel=_factor((row["channel"] for row in cases), CHANNELS),
        request_type=_factor((row["request_type"] for row in cases), REQUEST_TYPES),
        topic=_factor(row["topic"] for row in cases),
        region=_factor(row["region"] for row in cases),
        # A case without a resolution path is not closed yet: open, or with the Back Office.
        resolution_path=_factor(
            (row["resolution_path"] or "open" for row in cases), RESOLUTION_PATHS
        ),
        office=_factor(offices.get(row["office"], "") for row in cases),
        requester_kind=_factor((row["requester_kind"] for row in cases), REQUESTER_KINDS),
        other_bodies=np.fromiter(
            (bool(row["other_bodies"]) for row in cases), dtype=bool, count=len(cases)
        ),
        opened_at=_wall_clock(opened),
        closed_at=_wall_clock(closed),
        in_emergency=_in_emergency(opened, emergencies),
        **answers,
    )


def _answer_columns(case_id: np.ndarray, responses: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    # Place each answer on its case's row; rows without an answer keep NaN / "".
    row_of = {int(identifier): index for index, identifier in enumerate(case_id)}
    rows = np.array([row_of[int(r["case_id"])] for r in responses], dtype=np.int64)
    columns: dict[str, Any] = {"answered": np.zeros(case_id.size, dtype=bool)}
    columns["answered"][rows] = True
    for name in ("satisfaction", "effort", "recommend"):
        values = np.full(case_id.size, np.nan)
        values[rows] = [np.nan if r[name] is None else float(r[name]) for r in responses]
        columns[name] = values
    for name, levels in (("resolved", RESOLVED), ("collection_channel", COLLECTION_CHANNELS)):
        labels = np.full(case_id.size, "", dtype=object)
        labels[rows] = [r[name] or "" for r in responses]
        columns[name] = Factor.from_values(labels, levels)
    columns["reasons"] = _reason_columns(case_id.size, rows, responses)
    return columns


def _reason_columns(
    size: int, rows: np.ndarray, responses: Sequence[Mapping[str, Any]]
) -> dict[str, ReasonChoices]:
    # The reason items live in the answers' JSON only (no column of their own).
    documents = [_answers_of(response) for response in responses]
    found = {}
    for item in REASON_ITEMS:
        values: list[Any] = [None] * size
        for row, answers in zip(rows.tolist(), documents, strict=True):
            values[row] = answers.get(item) or None
        found[item] = ReasonChoices.from_answers(values)
    return found


def _answers_of(response: Mapping[str, Any]) -> dict[str, Any]:
    answers = response["answers"]
    if isinstance(answers, (str, bytes)):
        answers = json.loads(answers)
    return answers or {}


def _factor(values: Iterable[str | None], levels: Sequence[str] = ()) -> Factor:
    return Factor.from_values(np.array([value or "" for value in values], dtype=object), levels)


def _seconds(values: Iterable[int | None]) -> np.ndarray:
    """Seconds since the epoch as int64, NaT's value where missing."""
    return np.array([_NAT if v is None else int(v) for v in values], dtype=np.int64)


def _wall_clock(seconds: np.ndarray) -> np.ndarray:
    """UTC seconds to naive Europe/Rome datetime64[s] (NaT stays NaT).

    The UTC offset is looked up at both ends of each distinct UTC day, not per row; only the
    rows of the two days a year when the clocks change are looked up one by one.
    """
    local = seconds.copy()
    known = seconds != _NAT
    days, row_day = np.unique(seconds[known] // 86400, return_inverse=True)
    first = np.array([_offset(int(day) * 86400) for day in days], dtype=np.int64)
    last = np.array([_offset(int(day) * 86400 + 86399) for day in days], dtype=np.int64)
    offsets = first[row_day.reshape(-1)]
    changing = np.flatnonzero((first != last)[row_day.reshape(-1)])
    offsets[changing] = [_offset(int(value)) for value in seconds[known][changing]]
    local[known] += offsets
    return local.view("datetime64[s]")


def _offset(second: int) -> int:
    moment = datetime.fromtimestamp(second, DEPARTMENT_ZONE)
    return int(moment.utcoffset().total_seconds())  # type: ignore[union-attr]


def _in_emergency(opened: np.ndarray, emergencies: Sequence[Mapping[str, Any]]) -> np.ndarray:
    """True where a case was opened inside an emergency period [starts_at, ends_at)."""
    flags = np.zeros(opened.size, dtype=bool)
    for period in emergencies:
        start, end = _seconds([period["starts_at"], period["ends_at"]])
        flags |= (opened >= start) & (opened < end)
    return flags


def _comments(
    columns: FeedbackColumns, responses: Sequence[Mapping[str, Any]]
) -> tuple[Comment, ...]:
    row_of = {int(identifier): index for index, identifier in enumerate(columns.case_id)}
    paths = columns.resolution_path.values()
    found = []
    for response in responses:
        answers = response["answers"]
        if isinstance(answers, (str, bytes)):
            answers = json.loads(answers)
        text = (answers or {}).get("comment")
        if isinstance(text, str) and text.strip():
            # What management reads and exports: personal data masked (the original only
            # through an administrator's `ascolto privacy export`).
            text = mask(text)
            row = row_of[int(response["case_id"])]
            found.append(
                Comment(
                    int(response["case_id"]), float(columns.satisfaction[row]), paths[row], text
                )
            )
    return tuple(sorted(found, key=lambda comment: comment.case_id))


def _local(seconds: int) -> datetime:
    """Naive Europe/Rome wall-clock time of an epoch second."""
    return datetime.fromtimestamp(int(seconds), DEPARTMENT_ZONE).replace(tzinfo=None)
