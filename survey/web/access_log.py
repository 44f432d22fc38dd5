"""The app's own access log: method, route template, status and duration of every request.

uvicorn's access log prints the raw path, query string and client address. Ascolto's paths
carry working secrets (a citizen's `/f/{token}`, a referent's `/c/{token}`), and the order and
origin of referents' requests would link answers to people; so `ascolto serve` turns uvicorn's
log off and this one takes its place. It logs the route *template* (`/c/{token}`), never
the path as asked, the query string or the client's address.

Every request gets a request id, random and ours (never one a client or proxy sends, which
could tie a referent's requests to a log kept elsewhere): it is in the response's
`X-Request-ID` header and on every line logged while the request runs, so a person quoting
it from an error page leads an operator to the lines of that request and no other.
With `ASCOLTO_LOG_FORMAT=json` the access log and the app's own loggers (`survey`,
`case_bridge`) write one JSON object per line, for a log collector.

Two pieces: a middleware for routed requests (it measures the duration), and a `before_send`
hook for what never reaches a route (an unknown path answered 404 by the router), logged as
`(unrouted)`.
"""

from __future__ import annotations

import contextvars
import json
import logging
import secrets
import sys
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from survey.privacy.masking import mask

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Message, Receive, Scope, Send

LOGGER_NAME = "ascolto.access"
# The app's own loggers, written as JSON lines too when the setting asks for them.
APP_LOGGERS = ("survey", "case_bridge")
UNROUTED = "(unrouted)"
REQUEST_ID_HEADER = "x-request-id"
_LOGGED = "ascolto_access_logged"  # set in the scope once a request's line is written

logger = logging.getLogger(LOGGER_NAME)
current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "ascolto_request_id", default=None
)


class _RequestId(logging.Filter):
    """Gives every record the id of the request being served when it was logged (or None)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class JsonLines(logging.Formatter):
    """One JSON object per record: time (UTC), level, logger, message, request id, and the
    structured fields of an access line (method, route, status, duration_ms).

    Messages and errors pass through the comments' masking: an SMTP server's refusal quotes
    the recipient's address, an outbox key may name an office's, and a log collector keeps
    whatever it is given far longer than the outbox does."""

    FIELDS = ("method", "route", "status", "duration_ms")

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": mask(record.getMessage()),
            "request_id": getattr(record, "request_id", None),
        }
        entry.update((name, getattr(record, name)) for name in self.FIELDS if hasattr(record, name))
        if record.exc_info:
            entry["error"] = mask(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def _formatter(json_lines: bool, prefix: str) -> logging.Formatter:
    if json_lines:
        return JsonLines()
    return logging.Formatter(f"%(levelname)s: {prefix}%(message)s")


def _ours(target: logging.Logger) -> logging.Handler | None:
    return next((h for h in target.handlers if getattr(h, "_ascolto", False)), None)


def _install(target: logging.Logger, formatter: logging.Formatter, stream) -> None:
    handler = _ours(target)
    if handler is None:
        handler = logging.StreamHandler(stream or sys.stderr)
        handler._ascolto = True  # type: ignore[attr-defined]
        handler.addFilter(_RequestId())
        target.addHandler(handler)
    handler.setFormatter(formatter)
    target.setLevel(logging.INFO)
    target.propagate = False


def configure(stream=None, *, json_lines: bool = False) -> None:
    """Print the access log on stderr (one handler, however often called), whatever the
    server configured for its own; as JSON lines, with the app's own loggers, if asked."""
    _install(logger, _formatter(json_lines, "access "), stream)
    for name in APP_LOGGERS:
        app_logger = logging.getLogger(name)
        if json_lines:
            _install(app_logger, _formatter(True, ""), stream)
        elif (handler := _ours(app_logger)) is not None:  # back to the server's own output
            app_logger.removeHandler(handler)
            app_logger.propagate = True


def new_request_id() -> str:
    return secrets.token_hex(8)


def _log(method: str, template: str, status: int, milliseconds: float | None) -> None:
    fields = {
        "method": method,
        "route": template,
        "status": status,
        "duration_ms": None if milliseconds is None else round(milliseconds, 1),
    }
    logger.info(line(method, template, status, milliseconds), extra=fields)


def _with_request_id(message: Message, request_id: str) -> None:
    """Add the request id to the headers of a response's start message."""
    if message["type"] == "http.response.start":
        headers = list(message.get("headers", []))
        headers.append((REQUEST_ID_HEADER.encode(), request_id.encode()))
        message["headers"] = headers


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
        request_id = new_request_id()
        reset = current_request_id.set(request_id)

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                _with_request_id(message, request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            scope[_LOGGED] = True  # type: ignore[literal-required]
            template = scope.get("path_template") or UNROUTED
            elapsed = (time.perf_counter() - started) * 1000
            _log(str(scope.get("method", "")), template, status, elapsed)
            current_request_id.reset(reset)


async def log_unrouted(message: Message, scope: Scope) -> None:
    """`before_send` hook: the line of a request answered before any route was reached."""
    if scope["type"] != "http" or message["type"] != "http.response.start":
        return
    if not scope.get(_LOGGED) and "route_handler" not in scope:
        scope[_LOGGED] = True
        request_id = new_request_id()
        _with_request_id(message, request_id)
        reset = current_request_id.set(request_id)
        try:
            _log(scope["method"], UNROUTED, message["status"], None)
        finally:
            current_request_id.reset(reset)
