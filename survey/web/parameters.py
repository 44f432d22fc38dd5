"""Path and query parameters that several controllers take alike."""

from __future__ import annotations

from typing import Annotated

from litestar.params import PathParameter
from litestar.types import ASGIApp, Receive, Scope, Send

# Ids fit a 32-bit column on both engines: a larger number is bad input, not a server error.
Id = Annotated[int, PathParameter(ge=1, le=2_147_483_647)]


def drop_empty_query_values(app: ASGIApp) -> ASGIApp:
    """Middleware: a query parameter with an empty value (`?status=`) is as if not sent.

    An HTML GET form sends every field, and an empty one for "All" or an empty date: for the
    management pages' filters empty means "no limit", so no filter needs to say so itself."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        query = scope.get("query_string", b"")
        if scope["type"] == "http" and query:
            kept = [pair for pair in query.split(b"&") if b"=" in pair and pair.split(b"=", 1)[1]]
            scope = {**scope, "query_string": b"&".join(kept)}  # type: ignore[assignment]
        await app(scope, receive, send)

    return middleware
