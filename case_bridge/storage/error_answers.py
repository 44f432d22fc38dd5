"""The error answers of the HTTP API, declared in its OpenAPI document so that a client knows
every status a route can give. `survey/errors.py` shapes these bodies; keep the two in step."""

from __future__ import annotations

import msgspec
from litestar.openapi.datastructures import ResponseSpec


class ErrorAnswer(msgspec.Struct):
    status_code: int
    detail: str
    # 422 for a value out of place names its field; 400 and 422 of answers list each problem.
    field: str | None = None
    errors: list[dict[str, str]] | dict[str, list[dict[str, str]]] | None = None


_MEANINGS = {
    400: "Malformed: a value is not of its type or not one of its choices; names each field",
    401: "Not authenticated: the key, signature, session or password is missing or wrong",
    403: "Not allowed for this user, or the CSRF token is missing",
    404: "No such thing (or it may not be revealed)",
    409: "Breaks a rule given the current state; nothing was changed",
    422: "A value is out of place; names the field; nothing was changed",
    429: "Too many requests or login attempts from this client; try again after Retry-After",
}


def error_answers(*statuses: int) -> dict[int, ResponseSpec]:
    """The `responses=` of a route handler that can answer these error statuses."""
    return {
        status: ResponseSpec(
            data_container=ErrorAnswer, description=_MEANINGS[status], generate_examples=False
        )
        for status in statuses
    }
