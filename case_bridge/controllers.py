"""HTTP routes of the case tracker, mounted by the survey app. Thin: each calls a service.

The app provides the `on_case_closed` dependency: what closing a case sets off beyond the
tracker (`services.CaseClosedListener`), and `service_hours`, the line's ordinary hours (each
case says whether it arrived outside the hours in force)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated

from litestar import Controller, MediaType, Request, get, post
from litestar.di import NamedDependency
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, Schema
from litestar.params import FromPath, FromQuery, HeaderParameter, JSONBody, QueryParameter
from litestar.response import Template
from litestar.types import ControllerRouterHandler

from case_bridge import as_of, bridge_events, services
from case_bridge.auth import SIGNATURE_HEADER, bridge_key_guard, signature_guard
from case_bridge.schemas import (
    BridgeEventIn,
    BridgeEventOut,
    CaseOut,
    CasePage,
    Closing,
    EmergencyIn,
    EmergencyOut,
    Escalation,
    NewCase,
    OfficeIn,
    OfficeOut,
    PublicStatus,
    ReferentIn,
    ReferentOut,
)
from case_bridge.service_hours import OrdinaryHours
from case_bridge.services import CaseClosedListener
from case_bridge.storage import clock
from case_bridge.storage.error_answers import error_answers
from case_bridge.vocabulary import CaseStatus, Channel, RequesterKind, RequestType, ResolutionPath

API_ACTOR = "api"
# Past any number of cases the service will hold, and within every engine's integers (an
# offset past 2**63 - 1 would reach the database and fail there).
MAX_OFFSET = 1_000_000_000


# Days and times of the query in the service window, as the document states it (see
# `schemas.ServiceTime`; the handlers refuse any other).
SERVICE_TIME = {"pattern": clock.SERVICE_DATE_TIME_PATTERN}
ServiceDayQuery = Annotated[
    date | None, QueryParameter(schema_extra={"pattern": clock.SERVICE_DATE_PATTERN})
]


class CaseController(Controller):
    path = "/api/cases"
    guards = [bridge_key_guard]
    tags = ["cases"]

    @post("/", status_code=201, responses=error_answers(401, 409))
    async def create(
        self, data: JSONBody[NewCase], service_hours: NamedDependency[OrdinaryHours]
    ) -> CaseOut:
        """Open a case."""
        return await services.create_case(data=data, actor=API_ACTOR, hours=service_hours)

    @post("/{code:str}/escalate", status_code=200, responses=error_answers(401, 404, 409, 422))
    async def escalate(
        self,
        code: FromPath[str],
        data: JSONBody[Escalation],
        service_hours: NamedDependency[OrdinaryHours],
    ) -> CaseOut:
        """Hand an open case to an office's Back Office."""
        return await services.escalate_case(
            code=code, data=data, actor=API_ACTOR, hours=service_hours
        )

    @post("/{code:str}/close", status_code=200, responses=error_answers(401, 404, 409, 422))
    async def close(
        self,
        code: FromPath[str],
        data: JSONBody[Closing],
        on_case_closed: NamedDependency[CaseClosedListener],
        service_hours: NamedDependency[OrdinaryHours],
    ) -> CaseOut:
        """Close a case (at Front Office if it was never escalated, else at Back Office)."""
        return await services.close_case(
            code=code, data=data, actor=API_ACTOR, on_closed=on_case_closed, hours=service_hours
        )

    @get("/counts", responses=error_answers(401, 422))
    async def counts(
        self,
        at: Annotated[
            datetime,
            QueryParameter(
                description="The moment (Europe/Rome if no zone)", schema_extra=SERVICE_TIME
            ),
        ],
        opened_from: ServiceDayQuery = None,
        opened_to: ServiceDayQuery = None,
    ) -> as_of.AsOfCounts:
        """How many cases had been received at a moment and how they stood then (open, at the
        Back Office, closed), from the status history; optionally only cases opened from
        `opened_from` to `opened_to` (both days included)."""
        return await as_of.counts_in_days(at=at, opened_from=opened_from, opened_to=opened_to)

    @get("/{code:str}", responses=error_answers(401, 404))
    async def detail(
        self, code: FromPath[str], service_hours: NamedDependency[OrdinaryHours]
    ) -> CaseOut:
        """A case with its status history."""
        return await services.get_case(code=code, hours=service_hours)

    @get("/", responses=error_answers(401, 422))
    async def index(
        self,
        service_hours: NamedDependency[OrdinaryHours],
        status: FromQuery[CaseStatus | None] = None,
        channel: FromQuery[Channel | None] = None,
        request_type: FromQuery[RequestType | None] = None,
        requester_kind: FromQuery[RequesterKind | None] = None,
        resolution_path: FromQuery[ResolutionPath | None] = None,
        opened_from: ServiceDayQuery = None,
        opened_to: ServiceDayQuery = None,
        limit: Annotated[int, QueryParameter(ge=1, le=500)] = 50,
        offset: Annotated[int, QueryParameter(ge=0, le=MAX_OFFSET)] = 0,
    ) -> CasePage:
        """Cases, newest first, filtered and paginated."""
        filters = services.CaseFilters(
            status=status,
            channel=channel,
            request_type=request_type,
            requester_kind=requester_kind,
            resolution_path=resolution_path,
            opened_from=opened_from,
            opened_to=opened_to,
        )
        return await services.list_cases(
            filters=filters, limit=limit, offset=offset, hours=service_hours
        )


class OfficeController(Controller):
    path = "/api/offices"
    guards = [bridge_key_guard]
    tags = ["cases"]

    @post("/", status_code=201, responses=error_answers(401, 409))
    async def create(self, data: JSONBody[OfficeIn]) -> OfficeOut:
        """Add an office of the department."""
        return await services.create_office(data=data)

    @get("/", responses=error_answers(401))
    async def index(self) -> list[OfficeOut]:
        """The department's offices."""
        return await services.list_offices()

    @post("/{office:str}/referents", status_code=201, responses=error_answers(401, 404, 409))
    async def add_referent(self, office: FromPath[str], data: JSONBody[ReferentIn]) -> ReferentOut:
        """Add a referent to an office."""
        return await services.add_referent(office_code=office, data=data)

    @get("/{office:str}/referents", responses=error_answers(401))
    async def referents(self, office: FromPath[str]) -> list[ReferentOut]:
        """An office's referents."""
        return await services.list_referents(office_code=office)


class EmergencyController(Controller):
    path = "/api/emergencies"
    guards = [bridge_key_guard]
    tags = ["cases"]

    @post("/", status_code=201, responses=error_answers(401, 422))
    async def create(self, data: JSONBody[EmergencyIn]) -> EmergencyOut:
        """Register an emergency period: `ends_at` comes after `starts_at`, and `closing_hour`
        after `opening_hour` (422 otherwise)."""
        return await services.create_emergency(data=data)

    @get("/", responses=error_answers(401))
    async def index(self) -> list[EmergencyOut]:
        """The emergency periods."""
        return await services.list_emergencies()


@post(
    "/api/bridge/events",
    status_code=200,
    tags=["cases"],
    guards=[signature_guard],
    responses=error_answers(401, 404, 409, 422),
)
async def receive_event(
    data: JSONBody[BridgeEventIn],
    on_case_closed: NamedDependency[CaseClosedListener],
    service_hours: NamedDependency[OrdinaryHours],
    signature: Annotated[str, HeaderParameter(name=SIGNATURE_HEADER, required=False)] = "",
) -> BridgeEventOut:
    """An event from the main platform, signed with HMAC-SHA256 of the body under the bridge key.

    The signature header is `sha256=` and the hex digest. A replayed event id is not applied again.
    """
    return await bridge_events.apply_event(data, on_closed=on_case_closed, hours=service_hours)


@dataclass
class _PageOrJson(Operation):
    """An operation that answers a page or JSON by the request's Accept header: each answer
    documented in both media types (the JSON one as Litestar made it)."""

    def __post_init__(self) -> None:
        for answer in (self.responses or {}).values():
            if isinstance(answer, OpenAPIResponse) and answer.content:
                json = answer.content["application/json"]
                if isinstance(json.schema, Schema) and json.schema.one_of:
                    # `PublicStatus | Template`: the template is the HTML answer, not JSON.
                    json.schema = json.schema.one_of[0]
                answer.content = {
                    "text/html": OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING)),
                    **answer.content,
                }


@get(
    "/cases/{code:str}/status",
    tags=["public"],
    responses=error_answers(404),
    operation_class=_PageOrJson,
)
async def case_status(request: Request, code: FromPath[str]) -> PublicStatus | Template:
    """The public status of a case: open or closed, and its dates. Nothing personal.

    A page (text/html) unless the Accept header prefers application/json."""
    status = await services.public_status(code=code)
    if request.accept.best_match(["text/html", "application/json"]) == "application/json":
        return status
    return Template("case_status.html", context={"case": status}, media_type=MediaType.HTML)


ROUTES: list[ControllerRouterHandler] = [
    CaseController,
    OfficeController,
    EmergencyController,
    receive_event,
    case_status,
]
