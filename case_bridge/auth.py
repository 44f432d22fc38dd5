"""The bridge key: what the main case platform presents, as a header or as a body signature."""

from __future__ import annotations

import hashlib
import hmac

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler

BRIDGE_KEY_HEADER = "X-Bridge-Key"
SIGNATURE_HEADER = "X-Bridge-Signature"


def bridge_key_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Let through only callers that present the bridge key."""
    presented = connection.headers.get(BRIDGE_KEY_HEADER, "")
    expected: str = connection.app.state.bridge_key
    if not presented or not hmac.compare_digest(presented.encode(), expected.encode()):
        raise NotAuthorizedException(f"a valid {BRIDGE_KEY_HEADER} header is required")


async def signature_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """Let through only bodies signed with the bridge key (checked before the body is parsed)."""
    body = await connection.body()  # type: ignore[attr-defined]  # guards of HTTP routes get a Request
    check_signature(connection.app.state.bridge_key, body, connection.headers.get(SIGNATURE_HEADER))


def body_signature(key: str, body: bytes) -> str:
    """`sha256=` and the hex HMAC-SHA256 of the body under the bridge key."""
    return "sha256=" + hmac.new(key.encode(), body, hashlib.sha256).hexdigest()


def check_signature(key: str, body: bytes, presented: str | None) -> None:
    """Raise unless `presented` is the body's signature under the key."""
    if not presented or not hmac.compare_digest(presented, body_signature(key, body)):
        raise NotAuthorizedException(f"a valid {SIGNATURE_HEADER} header is required")
