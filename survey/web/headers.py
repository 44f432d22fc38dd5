"""The headers every answer carries: a strict content policy, no caching of private pages, and
HSTS when the service is public over HTTPS."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from litestar.routes import HTTPRoute
from litestar.types import Message, Scope

from survey.settings import Settings

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

# Pages and answers that hold what only their reader may see: management pages, API and
# exports, and the pages a citizen's or referent's token opens (whose URL is the secret). A
# shared cache or the browser's history must keep no copy of them (OWASP Session Management
# Cheat Sheet, "Web Content Caching").
PRIVATE_PATHS = ("/manage", "/api/manage", "/f/", "/c/", "/api/feedback", "/api/consultation")
NO_STORE = (b"cache-control", b"no-store")

# A year, with subdomains: the lowest that preload lists accept (hstspreload.org).
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


def _is_private(path: str) -> bool:
    return any(
        path == prefix.rstrip("/") or path.startswith(prefix.rstrip("/") + "/")
        for prefix in PRIVATE_PATHS
    )


def _complete_allow(scope: Scope, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The `Allow` of an OPTIONS answer naming every method of its path.

    Litestar makes a path's OPTIONS handler when its first method is registered and keeps the
    methods known then (`GET /api/cases` but not `POST`): the route's own list is complete."""
    handler = scope.get("route_handler")
    if handler is None or getattr(handler, "http_methods", None) != {"OPTIONS"}:
        return headers
    methods = sorted(
        method
        for route in scope["litestar_app"].routes
        if isinstance(route, HTTPRoute) and route.path in handler.paths
        for method in route.methods
    )
    allow = (b"allow", ", ".join(methods).encode())
    return [(name, value) for name, value in headers if name != b"allow"] + [allow]


def response_headers(settings: Settings) -> Callable[[Message, Scope], Awaitable[None]]:
    """A `before_send` hook adding the headers to every response, error pages included."""
    always = [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]
    if urlsplit(settings.public_url).scheme == "https":
        always.append(HSTS)

    async def add_headers(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = [
            (name, value)
            for name, value in message.get("headers", [])
            # Private answers are never stored, whatever a handler said.
            if not (name == NO_STORE[0] and _is_private(scope["path"]))
        ]
        if scope.get("method") == "OPTIONS":
            headers = _complete_allow(scope, headers)
        present = {name for name, _ in headers}
        headers += [(name, value) for name, value in always if name not in present]
        if _is_private(scope["path"]):
            headers.append(NO_STORE)
        message["headers"] = headers

    return add_headers
