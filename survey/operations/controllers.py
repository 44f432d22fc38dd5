"""`/health` (liveness), `/ready` (readiness) and `/metrics`: for the load balancer, the
orchestrator and Prometheus. Nothing in their answers is personal or secret."""

from __future__ import annotations

import msgspec
from litestar import Response, get
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE
from litestar.types import ControllerRouterHandler

from survey.operations.metrics import MetricsController
from survey.operations.readiness import Readiness, readiness


class Health(msgspec.Struct, frozen=True):
    status: str


@get("/health", tags=["operations"])
async def health() -> Health:
    """Liveness: the process answers. It reads nothing, so a slow database never gets a
    living process restarted."""
    return Health(status="ok")


@get(
    "/ready",
    tags=["operations"],
    responses={
        503: ResponseSpec(
            data_container=Readiness,
            description="Not ready: the database does not answer, or migrations are pending",
            generate_examples=False,
        )
    },
)
async def ready() -> Response[Readiness]:
    """Readiness: 200 when the database answers and every migration of this version has run,
    else 503 saying which of the two is missing."""
    found = await readiness()
    return Response(found, status_code=HTTP_200_OK if found.ready else HTTP_503_SERVICE_UNAVAILABLE)


ROUTES: list[ControllerRouterHandler] = [health, ready, MetricsController]
