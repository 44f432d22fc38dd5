"""Queries and rules of the case tracker. Every change runs in one writing transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime, timedelta

import msgspec
import numpy as np
from piccolo.query import Select

from case_bridge import storage
from case_bridge.errors import CaseNotFound, DuplicateCase, DuplicateOffice, DuplicateReferent
from case_bridge.lifecycle import Action, check_closing_time, check_other_bodies, next_state
from case_bridge.schemas import (
    CaseOut,
    CasePage,
    Closing,
    EmergencyIn,
    EmergencyOut,
    Escalation,
    FollowUpOut,
    HistoryEntry,
    NewCase,
    OfficeIn,
    OfficeOut,
    PublicStatus,
    ReferentIn,
    ReferentOut,
)
from case_bridge.service_hours import ORDINARY, ExtendedHours, OrdinaryHours, inside_hours
from case_bridge.storage import clock
from case_bridge.storage.errors import Invalid, NotFound
from case_bridge.storage.scripts import Statements
from case_bridge.tables import Case, CaseEvent, EmergencyPeriod, FollowUp, Office, Referent
from case_bridge.vocabulary import (
    CaseStatus,
    Channel,
    RequesterKind,
    RequestType,
    ResolutionPath,
    bodies_of,
    stored_bodies,
)


class ClosedCase(msgspec.Struct, frozen=True):
    """What a listener hears when a case closes (inside the closing transaction)."""

    id: int
    code: str
    closed_at: datetime
    resolution_path: str | None
    contact_email: str | None
    office_id: int | None


CaseClosedListener = Callable[[Sequence[ClosedCase]], Awaitable[None]]
"""Runs in the closing transaction whenever cases close. Each closing service is given one by
its caller (the app holds it, built from its settings): the case tracker keeps none of its own,
so two apps with different settings can share a process."""


# --- reading -------------------------------------------------------------------------------


def _case_query() -> Select:
    return Case.select(
        Case.id,
        Case.code,
        Case.opened_at,
        Case.channel,
        Case.request_type,
        Case.topic,
        Case.region,
        Case.requester_kind,
        Case.contact_email,
        Case.contact_phone,
        Case.status,
        Case.resolution_path,
        Case.office.code.as_alias("office"),
        Case.referent.email.as_alias("referent"),
        Case.other_bodies,
        Case.closed_at,
        Case.office.as_alias("office_id"),
    )


def _case_out(row: dict, outside_hours: bool) -> CaseOut:
    fields = row | {"other_bodies": bodies_of(row["other_bodies"]), "outside_hours": outside_hours}
    return msgspec.convert(fields, CaseOut, from_attributes=False)


def _wall_clock(moment: datetime) -> np.datetime64:
    return np.datetime64(
        clock.as_utc(moment).astimezone(clock.DEPARTMENT_ZONE).replace(tzinfo=None), "s"
    )


async def _outside_hours(opened: list[datetime], hours: OrdinaryHours) -> list[bool]:
    """Whether each case arrived outside the hours in force then: the ordinary `hours`, or
    those of the emergency period that covered it."""
    if not opened:
        return []
    periods = [
        ExtendedHours(
            row["name"],
            _wall_clock(row["starts_at"]).astype(datetime),
            _wall_clock(row["ends_at"]).astype(datetime),
            row["opening_hour"],
            row["closing_hour"],
        )
        for row in await EmergencyPeriod.select().run()
    ]
    moments = np.array([_wall_clock(moment) for moment in opened])
    return (~inside_hours(moments, hours, periods)).tolist()


async def _case_row(code: str) -> dict:
    rows = await _case_query().where(Case.code == code).run()
    if not rows:
        raise CaseNotFound(code)
    return rows[0]


_LOCK_CASE = 'UPDATE "cases" SET "id" = "id" WHERE "code" = ?'


async def _locked_case_row(code: str) -> dict:
    """The case's row, read after taking its row lock (inside a writing transaction).

    PostgreSQL reads committed rows without waiting: two concurrent closes would both read
    'open' and both apply. The no-op update makes the second wait for the first to commit and
    then read 'closed' (SQLite's single writer already serialises them)."""
    await storage.run_sql(_LOCK_CASE, [code])
    return await _case_row(code)


async def get_case(
    *, code: str, with_history: bool = True, hours: OrdinaryHours = ORDINARY
) -> CaseOut:
    """A case with its status history; `hours` are the ordinary hours of the service."""
    row = await _case_row(code)
    case = _case_out(row, (await _outside_hours([row["opened_at"]], hours))[0])
    if with_history:
        events = (
            await CaseEvent.select(
                CaseEvent.at,
                CaseEvent.from_status,
                CaseEvent.to_status,
                CaseEvent.actor,
                CaseEvent.note,
            )
            .where(CaseEvent.case == row["id"])
            .order_by(CaseEvent.at)
            .order_by(CaseEvent.id)
            .run()
        )
        case.history = msgspec.convert(events, list[HistoryEntry])
    return case


async def public_status(*, code: str) -> PublicStatus:
    """Only the status and dates of a case: nothing personal."""
    rows = (
        await Case.select(Case.code, Case.status, Case.opened_at, Case.closed_at)
        .where(Case.code == code)
        .run()
    )
    if not rows:
        raise CaseNotFound(code)
    row = rows[0]
    escalated = (
        await CaseEvent.select(CaseEvent.at)
        .where(
            (CaseEvent.case.code == code) & (CaseEvent.to_status == CaseStatus.BACK_OFFICE.value)
        )
        .order_by(CaseEvent.at)
        .first()
        .run()
    )
    return PublicStatus(
        code=row["code"],
        status=CaseStatus(row["status"]),
        opened_on=clock.local_date(row["opened_at"]),
        closed_on=clock.local_date(row["closed_at"]) if row["closed_at"] else None,
        escalated_on=clock.local_date(escalated["at"]) if escalated else None,
    )


class CaseFilters(msgspec.Struct, kw_only=True):
    status: CaseStatus | None = None
    channel: Channel | None = None
    request_type: RequestType | None = None
    requester_kind: RequesterKind | None = None
    resolution_path: ResolutionPath | None = None
    opened_from: date | None = None
    opened_to: date | None = None


def _filtered(query, filters: CaseFilters):
    for column, value in (
        (Case.status, filters.status),
        (Case.channel, filters.channel),
        (Case.request_type, filters.request_type),
        (Case.requester_kind, filters.requester_kind),
        (Case.resolution_path, filters.resolution_path),
    ):
        if value is not None:
            query = query.where(column == str(value))
    if filters.opened_from is not None:
        query = query.where(Case.opened_at >= _day_start(filters.opened_from))
    if filters.opened_to is not None:
        query = query.where(Case.opened_at < _day_start(filters.opened_to + timedelta(days=1)))
    return query


def _day_start(day: date) -> datetime:
    return clock.as_utc(datetime(day.year, day.month, day.day))


async def list_cases(
    *, filters: CaseFilters, limit: int = 50, offset: int = 0, hours: OrdinaryHours = ORDINARY
) -> CasePage:
    """One page of cases, newest first, with the total that match."""
    for field in ("opened_from", "opened_to"):
        day = getattr(filters, field)
        if day is not None and (problem := clock.outside_service_window(day)):
            raise Invalid(field, problem)
    rows = (
        await _filtered(_case_query(), filters)
        .order_by(Case.opened_at, ascending=False)
        .order_by(Case.id, ascending=False)
        .limit(limit)
        .offset(offset)
        .run()
    )
    total = await _filtered(Case.count(), filters).run()
    flags = await _outside_hours([row["opened_at"] for row in rows], hours)
    items = [_case_out(row, flag) for row, flag in zip(rows, flags, strict=True)]
    return CasePage(items=items, total=total, limit=limit, offset=offset)


# --- changing ------------------------------------------------------------------------------


async def _record_event(
    case_id: int, at: datetime, before: str | None, after: str, actor: str, note: str = ""
) -> None:
    await CaseEvent.insert(
        CaseEvent(case=case_id, at=at, from_status=before, to_status=after, actor=actor, note=note)
    ).run()


async def create_case(*, data: NewCase, actor: str, hours: OrdinaryHours = ORDINARY) -> CaseOut:
    """Open a case as the main platform reports it."""
    opened_at = clock.as_utc(data.opened_at)
    async with storage.writing():
        if await Case.exists().where(Case.code == data.code).run():
            raise DuplicateCase(data.code)
        fields = msgspec.structs.asdict(data) | {"opened_at": opened_at, "status": "open"}
        # A concurrent opening of the same code may commit between the check and the insert.
        rows = await (
            Case.insert(Case(**fields))
            .on_conflict(target=Case.code, action="DO NOTHING")
            .returning(Case.id)
            .run()
        )
        if not rows:
            raise DuplicateCase(data.code)
        await _record_event(rows[0]["id"], opened_at, None, CaseStatus.OPEN, actor)
    return await get_case(code=data.code, hours=hours)


async def _office_and_referent(
    office_code: str, referent_email: str | None
) -> tuple[int, int | None]:
    office = await Office.select(Office.id).where(Office.code == office_code).first().run()
    if office is None:
        raise Invalid("office", f"no office with code {office_code!r}")
    if referent_email is None:
        return office["id"], None
    referent = (
        await Referent.select(Referent.id)
        .where((Referent.email == referent_email) & (Referent.office == office["id"]))
        .first()
        .run()
    )
    if referent is None:
        raise Invalid("referent", f"no referent {referent_email!r} in office {office_code!r}")
    return office["id"], referent["id"]


async def escalate_case(
    *, code: str, data: Escalation, actor: str, hours: OrdinaryHours = ORDINARY
) -> CaseOut:
    """Hand an open case to an office's Back Office."""
    async with storage.writing():
        row = await _locked_case_row(code)
        status, _ = next_state(CaseStatus(row["status"]), Action.ESCALATE)
        at = clock.as_utc(data.at) if data.at else clock.now()
        await _check_after_last_change(row["id"], at, "at")
        office_id, referent_id = await _office_and_referent(data.office, data.referent)
        await (
            Case.update(
                {
                    Case.status: status,
                    Case.office: office_id,
                    Case.referent: referent_id,
                    Case.other_bodies: _with_bodies(row, data.other_bodies),
                    Case.updated_at: clock.now(),
                }
            )
            .where(Case.id == row["id"])
            .run()
        )
        await _record_event(row["id"], at, row["status"], status, actor, data.note)
    return await get_case(code=code, hours=hours)


def _with_bodies(row: dict, added: Sequence[str]) -> str:
    """The case's other bodies with those newly named, as stored."""
    return stored_bodies([*bodies_of(row["other_bodies"]), *added])


async def _check_after_last_change(case_id: int, at: datetime, field: str) -> None:
    last = (
        await CaseEvent.select(CaseEvent.at)
        .where(CaseEvent.case == case_id)
        .order_by(CaseEvent.at, ascending=False)
        .first()
        .run()
    )
    if last is not None and at < last["at"]:
        raise Invalid(field, "a change cannot come before the case's previous change")


async def close_case(
    *,
    code: str,
    data: Closing,
    actor: str,
    on_closed: CaseClosedListener,
    hours: OrdinaryHours = ORDINARY,
) -> CaseOut:
    """Close a case; `on_closed` (feedback invitations) runs in the same transaction."""
    async with storage.writing():
        row = await _locked_case_row(code)
        status, path = next_state(
            CaseStatus(row["status"]), Action.CLOSE, requested_path=data.resolution_path
        )
        closed_at = clock.as_utc(data.at) if data.at else clock.now()
        check_closing_time(row["opened_at"], closed_at)
        check_other_bodies(path == ResolutionPath.BACK_OFFICE, data.other_bodies)
        await _check_after_last_change(row["id"], closed_at, "at")
        await (
            Case.update(
                {
                    Case.status: status,
                    Case.resolution_path: path,
                    Case.other_bodies: _with_bodies(row, data.other_bodies),
                    Case.closed_at: closed_at,
                    Case.updated_at: clock.now(),
                }
            )
            .where(Case.id == row["id"])
            .run()
        )
        await _record_event(row["id"], closed_at, row["status"], status, actor, data.note)
        await on_closed(
            [ClosedCase(row["id"], code, closed_at, path, row["contact_email"], row["office_id"])]
        )
    return await get_case(code=code, hours=hours)


_OPEN_FOLLOW_UP = """
INSERT INTO "follow_ups" ("case", "office", "reason", "status", "opened_at")
SELECT "id", "office", ?, 'open', ? FROM "cases" WHERE "id" = ?
ON CONFLICT ("case") DO NOTHING
"""


async def open_follow_up(db: Statements, *, case_id: int, reason: str, now: datetime) -> None:
    """Open a call-back for a case, routed to its office (Front Office if none); once per case.

    A step of a transaction script, so that it commits with the rating that asked for it."""
    await db.rows(_OPEN_FOLLOW_UP, [reason, now, case_id])


async def follow_ups(*, status: str | None = None) -> list[FollowUpOut]:
    """Follow-ups with their case, state and the office they went to."""
    query = FollowUp.select(
        FollowUp.case.code.as_alias("case"),
        FollowUp.office.code.as_alias("office"),
        FollowUp.reason,
        FollowUp.status,
        FollowUp.opened_at,
        FollowUp.closed_at,
    ).order_by(FollowUp.opened_at, ascending=False)
    if status:
        query = query.where(FollowUp.status == status)
    return msgspec.convert(await query.run(), list[FollowUpOut])


# --- offices, referents, emergencies -----------------------------------------------------


async def create_office(*, data: OfficeIn) -> OfficeOut:
    async with storage.writing():
        if await Office.exists().where(Office.code == data.code).run():
            raise DuplicateOffice(data.code)
        await Office.insert(
            Office(code=data.code, name=data.name, name_en=data.name_en or "", area=data.area)
        ).run()
    return OfficeOut(code=data.code, name=data.name, area=data.area, name_en=data.name_en or "")


async def list_offices() -> list[OfficeOut]:
    rows = await (
        Office.select(Office.code, Office.name, Office.area, Office.name_en)
        .order_by(Office.code)
        .run()
    )
    return msgspec.convert(rows, list[OfficeOut])


async def add_referent(*, office_code: str, data: ReferentIn) -> ReferentOut:
    async with storage.writing():
        office = await Office.select(Office.id).where(Office.code == office_code).first().run()
        if office is None:
            raise NotFound(f"no office with code {office_code!r}")
        if await Referent.exists().where(Referent.email == data.email).run():
            raise DuplicateReferent(data.email)
        await Referent.insert(Referent(office=office["id"], name=data.name, email=data.email)).run()
    return ReferentOut(office=office_code, name=data.name, email=data.email, active=True)


async def list_referents(*, office_code: str | None = None) -> list[ReferentOut]:
    query = Referent.select(
        Referent.office.code.as_alias("office"), Referent.name, Referent.email, Referent.active
    ).order_by(Referent.email)
    if office_code:
        query = query.where(Referent.office.code == office_code)
    return msgspec.convert(await query.run(), list[ReferentOut])


async def create_emergency(*, data: EmergencyIn) -> EmergencyOut:
    starts_at, ends_at = clock.as_utc(data.starts_at), clock.as_utc(data.ends_at)
    if ends_at <= starts_at:
        raise Invalid("ends_at", "an emergency period ends after it starts")
    if data.closing_hour <= data.opening_hour:
        raise Invalid("closing_hour", "the line closes after it opens (24: at midnight)")
    async with storage.writing():
        rows = (
            await EmergencyPeriod.insert(
                EmergencyPeriod(
                    name=data.name,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    opening_hour=data.opening_hour,
                    closing_hour=data.closing_hour,
                )
            )
            .returning(EmergencyPeriod.id)
            .run()
        )
    return EmergencyOut(
        id=rows[0]["id"],
        name=data.name,
        starts_at=starts_at,
        ends_at=ends_at,
        opening_hour=data.opening_hour,
        closing_hour=data.closing_hour,
    )


async def list_emergencies() -> list[EmergencyOut]:
    rows = await EmergencyPeriod.select().order_by(EmergencyPeriod.starts_at).run()
    return msgspec.convert(rows, list[EmergencyOut])
