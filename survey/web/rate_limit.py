"""A per-client limit on requests, counted in this process's memory by fixed one-minute windows.

Litestar's `RateLimitMiddleware` keeps every request's time of the window in its store, decoded
and encoded again on each request under one lock: with a generous limit its cost grows with
the traffic (measured in `bench/feedback_bench.py`). Here a client costs one counter, and all
counters are dropped when a new minute starts.
"""

from __future__ import annotations

import time

from litestar.exceptions import TooManyRequestsException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

WINDOW_SECONDS = 60


class ClientRateLimit(ASGIMiddleware):
    """At most `per_minute` requests per client address and minute; beyond it, 429."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._window = 0
        self._counts: dict[str, int] = {}

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        if window != self._window:
            self._window, self._counts = window, {}
        peer = scope.get("client")
        client = peer[0] if peer else ""
        count = self._counts.get(client, 0)
        if count >= self.per_minute:
            retry = (window + 1) * WINDOW_SECONDS - now
            raise TooManyRequestsException(headers={"Retry-After": str(max(1, round(retry)))})
        self._counts[client] = count + 1
        await next_app(scope, receive, send)
