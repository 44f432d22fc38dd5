"""Citizen answers over loopback: `PUT /api/feedback/{token}` against the app on SQLite, next to
a bare Litestar endpoint that only validates the same body, both served by uvicorn in their
own process and driven by 64 concurrent clients from this one.

Run: .venv/bin/python bench/feedback_bench.py [--answers 5000] [--clients 64]
Targets: >= 1,000 answers/s, >= 0.25x the bare endpoint, p99 < 100 ms, nothing lost.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import msgspec

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent)]
from loopback_client import Connection, close_pool, open_pool

from tests.conftest import BRIDGE_KEY, SECRET_KEY
from tests.reliability.preparing import prepare as closed_cases

BODY = {
    "answers": {"satisfaction": 4, "liked": "speed", "resolved": "yes", "effort": 6, "recommend": 9}
}


class Body(msgspec.Struct, forbid_unknown_fields=True):
    """The bare endpoint's body. At module level: under `from __future__ import annotations`
    Litestar resolves a handler's annotations in its module, and a Struct defined inside
    `bare_app` was not found there (every request answered 500, counted as served)."""

    answers: dict[str, Any]
    via: str | None = None


def bare_app():
    """A Litestar app with one endpoint that validates the same body and does nothing else."""
    from litestar import Litestar, put

    @put("/api/feedback/{token:str}")
    async def validate(token: str, data: Body) -> dict[str, str]:
        return {"token": token}

    return Litestar([validate])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database: Path) -> dict[str, str]:
    return os.environ | {
        "ASCOLTO_DATABASE_URL": f"sqlite:///{database}",
        "ASCOLTO_SECRET_KEY": SECRET_KEY,
        "ASCOLTO_BRIDGE_KEY": BRIDGE_KEY,
        "ASCOLTO_RATE_LIMIT_PER_MINUTE": "100000000",
    }


async def prepare(database: Path, answers: int) -> list[str]:
    """A migrated database with `answers` recently closed cases; their citizens' tokens."""
    return [token for _, token in await closed_cases(f"sqlite:///{database}", answers)]


def start_server(argv: list[str], env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError(f"server did not start: {server.stderr.read().decode()[-2000:]}")


async def drive(port: int, tokens: list[str], clients: int) -> tuple[float, list[float], list[str]]:
    """PUT one answer per token from `clients` concurrent clients; (seconds, latencies, acked).

    Every answer must be a 200: a side that answers anything else stops the bench, since its
    figures would time errors, not work."""
    queue = list(reversed(tokens))
    latencies: list[float] = []
    acknowledged: list[str] = []
    statuses: Counter[int] = Counter()
    pool = await open_pool(port, clients)

    async def worker(connection: Connection) -> None:
        while queue:
            token = queue.pop()
            started = time.perf_counter()
            status, _ = await connection.request("PUT", f"/api/feedback/{token}", BODY)
            latencies.append(time.perf_counter() - started)
            statuses[status] += 1
            if status == 200:
                acknowledged.append(token)

    started = time.perf_counter()
    await asyncio.gather(*(worker(connection) for connection in pool))
    elapsed = time.perf_counter() - started
    await close_pool(pool)
    if set(statuses) != {200}:
        raise SystemExit(f"port {port} answered {dict(statuses)}: only 200s may be counted")
    return elapsed, latencies, acknowledged


async def stored_answers(database: Path) -> int:
    from survey.db import open_database
    from survey.feedback.tables import FeedbackResponse
    from survey.settings import Settings

    async with open_database(Settings.from_env(environment(database))):
        return await FeedbackResponse.count().run()


def report(name: str, answers: int, seconds: float, latencies: list[float]) -> float:
    cuts = statistics.quantiles(latencies, n=100)
    rate = answers / seconds
    p50, p99 = cuts[49] * 1000, cuts[98] * 1000
    print(f"{name:22} {rate:>8,.0f} answers/s   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.db"
        tokens = asyncio.run(prepare(database, args.answers))
        env = environment(database)
        uvicorn = [sys.executable, "-m", "uvicorn", "--log-level", "warning", "--no-access-log"]
        port = free_port()
        app = start_server(
            [*uvicorn, "--factory", "survey.app:create_app", "--port", str(port)], env, port
        )
        try:
            seconds, latencies, acknowledged = asyncio.run(drive(port, tokens, args.clients))
        finally:
            app.terminate()
            app.wait()
        bare_port = free_port()
        bare = start_server(
            [*uvicorn, "--factory", "bench.feedback_bench:bare_app", "--port", str(bare_port)],
            env | {"PYTHONPATH": str(Path(__file__).parent.parent)},
            bare_port,
        )
        try:
            bare_seconds, bare_latencies, _ = asyncio.run(drive(bare_port, tokens, args.clients))
        finally:
            bare.terminate()
            bare.wait()
        stored = asyncio.run(stored_answers(database))
    print(
        f"{args.answers:,} answers with distinct tokens, {args.clients} concurrent clients, SQLite"
    )
    ours = report("PUT /api/feedback", len(acknowledged), seconds, latencies)
    theirs = report("bare Litestar endpoint", args.answers, bare_seconds, bare_latencies)
    print(f"ratio                  {ours / theirs:>8.2f}x  (target >= 0.25x)")
    print(f"acknowledged {len(acknowledged):,}, stored {stored:,}: ", end="")
    print("nothing lost" if stored == len(acknowledged) else "MISMATCH")


if __name__ == "__main__":
    main()
