"""The app's own access log: method, route template, status and duration of every request.

uvicorn's access log prints the raw path, query string and client address. Ascolto's paths
carry working secrets (a citizen's `/f/{token}`, a referent's `/c/{token}`), and the order and
origin of referents' requests would link answers to people; so `ascolto serve` turns uvicorn's
log off and this one takes its place. It logs the route *template* (`/c/{token}`), never
the path as asked, the query string or the client's address, and it is the one place to grow
the later needs of operations (JSON lines, a request id).

Two pieces: a middleware for routed requests (it measures the duration), and a `before_send`
hook for what never reaches a route (an unknown path answered 404 by the router), logged as
`(unrouted)`.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Message, Receive, Scope, Send

LOGGER_NAME = "ascolto.access"
UNROUTED = "(unrouted)"
_LOGGED = "ascolto_access_logged"  # set in the scope once a request's line is written

logger = logging.getLogger(LOGGER_NAME)


def configure(stream=None) -> None:
    """Print the access log on stderr (once), whatever the server configured for its own."""
    if any(getattr(handler, "_ascolto", False) for handler in logger.handlers):
        return
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: access %(message)s"))
    handler._ascolto = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def line(method: str, template: str, status: int, milliseconds: float | None) -> str:
    """One request as logged: nothing in it comes from the path, the query or the client."""
    duration = "-" if milliseconds is None else f"{milliseconds:.1f}ms"
    return f"{method} {template} {status} {duration}"


class AccessLog:
    """ASGI middleware (Litestar `middleware=[AccessLog]`): one line per routed request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # if the app fails before answering, the server answers 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            scope[_LOGGED] = True  # type: ignore[literal-required]
            template = scope.get("path_template") or UNROUTED
            elapsed = (time.perf_counter() - started) * 1000
            logger.info(line(str(scope.get("method", "")), template, status, elapsed))


async def log_unrouted(message: Message, scope: Scope) -> None:
    """`before_send` hook: the line of a request answered before any route was reached."""
    if scope["type"] != "http" or message["type"] != "http.response.start":
        return
    if not scope.get(_LOGGED) and "route_handler" not in scope:
        scope[_LOGGED] = True
        logger.info(line(scope["method"], UNROUTED, message["status"], None))
