"""Typed shapes of what the case tracker takes in and gives out."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, ClassVar, Literal

import msgspec

from case_bridge.storage import clock
from case_bridge.storage.validation import value_error
from case_bridge.vocabulary import (
    CaseStatus,
    Channel,
    OtherBody,
    Region,
    RequesterKind,
    RequestType,
    ResolutionPath,
)

# Patterns read alike by Python (msgspec checks them) and by the OpenAPI document's readers
# (ECMA-262 regular expressions): ASCII digits spelt out, and control characters named, as
# Python's \s also holds U+001C-U+001F and ECMA's does not.
CaseCode = Annotated[
    str, msgspec.Meta(pattern=r"^CC-[0-9]{4}-[0-9]{6}$", examples=["CC-2012-004711"])
]
OFFICE_CODE_PATTERN = r"^[a-z0-9_]{2,60}$"
OfficeCode = Annotated[str, msgspec.Meta(pattern=OFFICE_CODE_PATTERN)]
_EMAIL_CHARACTER = r"[^@\s\x00-\x1f\x7f]"
Email = Annotated[
    str,
    msgspec.Meta(
        pattern=rf"^{_EMAIL_CHARACTER}{{1,64}}@{_EMAIL_CHARACTER}+\.{_EMAIL_CHARACTER}+$",
        max_length=254,
    ),
]
Phone = Annotated[str, msgspec.Meta(pattern=r"^\+?[0-9 ./-]{5,40}$")]
Topic = Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
# The bodies a Back Office case was coordinated with; a body named twice counts once.
OtherBodies = Annotated[list[OtherBody], msgspec.Meta(max_length=2 * len(OtherBody))]


# A time or a day the API takes: in the service window (`InServiceWindow` refuses any other),
# which the OpenAPI document states with a pattern (a JSON Schema cannot compare dates).
# Answers carry plain times: stored in UTC, one written at the window's edge in a zone east of
# UTC falls on the day before.
ServiceTime = Annotated[
    datetime,
    msgspec.Meta(extra_json_schema={"extra": {"pattern": clock.SERVICE_DATE_TIME_PATTERN}}),
]
ServiceDay = Annotated[
    date, msgspec.Meta(extra_json_schema={"extra": {"pattern": clock.SERVICE_DATE_PATTERN}})
]


class InServiceWindow(msgspec.Struct):
    """Refuses, while it is decoded, a time outside the service window (`clock`) in any field
    named in `_TIMES`: a 4xx naming the field, before a conversion could overflow."""

    _TIMES: ClassVar[tuple[str, ...]] = ()

    def __post_init__(self) -> None:
        for field in self._TIMES:
            moment = getattr(self, field)
            if moment is not None and (problem := clock.outside_service_window(moment)):
                raise value_error(field, problem)


class NewCase(InServiceWindow, forbid_unknown_fields=True, kw_only=True, gc=False):
    """A case as opened on the main platform.

    Its fields hold only strings, times and enum members, so no cycle can pass through it: kept
    out of the garbage collector (gc=False), an import's 100,000 of them cost it nothing."""

    _TIMES: ClassVar[tuple[str, ...]] = ("opened_at",)

    code: CaseCode
    opened_at: ServiceTime
    channel: Channel
    request_type: RequestType
    topic: Topic
    region: Region | None = None
    requester_kind: RequesterKind | None = None  # None: the platform did not record it
    contact_email: Email | None = None
    contact_phone: Phone | None = None


class Escalation(InServiceWindow, forbid_unknown_fields=True, kw_only=True):
    _TIMES: ClassVar[tuple[str, ...]] = ("at",)

    office: OfficeCode
    referent: Email | None = None
    at: ServiceTime | None = None
    note: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    other_bodies: OtherBodies = msgspec.field(default_factory=list)


class Closing(InServiceWindow, forbid_unknown_fields=True, kw_only=True):
    _TIMES: ClassVar[tuple[str, ...]] = ("at",)

    at: ServiceTime | None = None
    resolution_path: ResolutionPath | None = None
    note: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    # Bodies the Back Office coordinated with, added to those named at escalation.
    other_bodies: OtherBodies = msgspec.field(default_factory=list)


class CaseRecord(NewCase, kw_only=True):
    """A case as exported by the main platform, with where it stands: one row of an import."""

    _TIMES: ClassVar[tuple[str, ...]] = ("opened_at", "closed_at")

    status: CaseStatus = CaseStatus.OPEN
    resolution_path: ResolutionPath | None = None
    office: OfficeCode | None = None
    referent: Email | None = None
    closed_at: datetime | None = None
    other_bodies: OtherBodies = msgspec.field(default_factory=list)


# The columns of an import file (a CSV header, the keys of a JSON line): the record's fields.
IMPORT_COLUMNS: tuple[str, ...] = CaseRecord.__struct_fields__
# Columns holding a list: a JSON line gives an array, a CSV cell the codes joined by commas.
LIST_COLUMNS: tuple[str, ...] = ("other_bodies",)


class HistoryEntry(msgspec.Struct, kw_only=True):
    at: datetime
    from_status: CaseStatus | None
    to_status: CaseStatus
    actor: str
    note: str


class CaseOut(msgspec.Struct, kw_only=True):
    code: str
    opened_at: datetime
    channel: Channel
    request_type: RequestType
    topic: str
    region: Region | None
    requester_kind: RequesterKind | None
    contact_email: str | None
    contact_phone: str | None
    status: CaseStatus
    resolution_path: ResolutionPath | None
    office: str | None
    referent: str | None
    other_bodies: list[OtherBody]
    closed_at: datetime | None
    # Arrived outside the hours in force then (ordinary, or an emergency period's): flagged.
    outside_hours: bool
    history: list[HistoryEntry] | None = None


class CasePage(msgspec.Struct, kw_only=True):
    items: list[CaseOut]
    total: int
    limit: int
    offset: int


class PublicStatus(msgspec.Struct, kw_only=True, omit_defaults=True):
    """What anyone may know of a case: the department's site shows open and closed cases."""

    code: str
    status: CaseStatus
    opened_on: str
    closed_on: str | None
    # The day an office's Back Office took the case over, from the status history; left out of
    # the JSON of a case that never left the Front Office.
    escalated_on: str | None = None


class OfficeIn(msgspec.Struct, forbid_unknown_fields=True):
    code: OfficeCode
    name: Name
    # Its name in English, for citizens' English pages (the Italian name when not given).
    name_en: Name | None = None
    # The larger unit the office belongs to (under the department): results merge an office
    # too small to show on its own into its area.
    area: OfficeCode | None = None


class OfficeOut(msgspec.Struct):
    code: str
    name: str
    area: str | None = None
    name_en: str = ""


class ReferentIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Name
    email: Email


class ReferentOut(msgspec.Struct, kw_only=True):
    office: str
    name: str
    email: str
    active: bool


class EmergencyIn(InServiceWindow, forbid_unknown_fields=True, kw_only=True):
    _TIMES: ClassVar[tuple[str, ...]] = ("starts_at", "ends_at")

    name: Name
    starts_at: ServiceTime
    ends_at: ServiceTime
    # The line's hours on each day of the period (0 to 24: round the clock, as in the Emilia
    # earthquake; the dossier: "può essere esteso fino a una copertura totale nelle 24 ore").
    opening_hour: Annotated[int, msgspec.Meta(ge=0, le=23)] = 0
    closing_hour: Annotated[int, msgspec.Meta(ge=1, le=24)] = 24


class EmergencyOut(msgspec.Struct, kw_only=True):
    id: int
    name: str
    starts_at: datetime
    ends_at: datetime
    opening_hour: int
    closing_hour: int


class _BridgeEvent(InServiceWindow, forbid_unknown_fields=True, kw_only=True, tag_field="type"):
    """An event pushed by the main case platform: its `type` says which fields it carries."""

    _TIMES: ClassVar[tuple[str, ...]] = ("at",)

    id: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    at: ServiceTime | None = None


class CaseOpenedEvent(_BridgeEvent, tag="opened"):
    case: NewCase


class CaseEscalatedEvent(_BridgeEvent, tag="escalated"):
    code: CaseCode
    office: OfficeCode
    referent: Email | None = None
    note: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    other_bodies: OtherBodies = msgspec.field(default_factory=list)


class CaseClosedEvent(_BridgeEvent, tag="closed"):
    code: CaseCode
    resolution_path: ResolutionPath | None = None
    note: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    other_bodies: OtherBodies = msgspec.field(default_factory=list)


# One of the three, told apart by `type` (the OpenAPI document lists each with its fields).
BridgeEventIn = CaseOpenedEvent | CaseEscalatedEvent | CaseClosedEvent


class BridgeEventOut(msgspec.Struct, kw_only=True):
    id: str
    outcome: Literal["applied", "duplicate"]
    case: CaseOut | None = None


class ImportReport(msgspec.Struct, kw_only=True):
    rows: int
    imported: int
    unchanged: int
    invalid: int
    errors: list[str]  # the first of them (`importing.REPORTED_ERRORS`); `invalid` counts all
    # Imported, but worth a look: a topic not in case_bridge/topics.csv, by line (the first ones).
    warnings: list[str] = msgspec.field(default_factory=list)


class FollowUpOut(msgspec.Struct, kw_only=True):
    """A call-back to an unsatisfied citizen; office None means the Front Office."""

    case: str
    office: str | None
    reason: str
    status: Literal["open", "in_progress", "closed"]
    opened_at: datetime
    closed_at: datetime | None
