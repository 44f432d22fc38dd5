"""Fixtures of the reliability tests: the app as a real server process, fresh PostgreSQL
databases, and the schemathesis and crawler counts printed at the end of the run."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from litestar import Litestar

from survey.app import create_app
from survey.settings import Settings
from tests.conftest import BRIDGE_KEY, SECRET_KEY
from tests.reliability.server import AppServer, server_environment


def app_for_inspection() -> Litestar:
    """The app, built only to read its routes and OpenAPI document (never started)."""
    return create_app(
        Settings(
            secret_key=SECRET_KEY,
            bridge_key=BRIDGE_KEY,
            public_url="http://testserver.local",
            rate_limit_per_minute=100_000,
        )
    )


# Where a test makes its own PostgreSQL databases (the CI's server; no password on loopback).
POSTGRES_HOST = "127.0.0.1"
POSTGRES_PORT = 5432
POSTGRES_USER = "postgres"


async def _admin_connection():
    import asyncpg

    last: Exception | None = None
    for database in ("postgres", "template1"):
        try:
            return await asyncpg.connect(
                host=POSTGRES_HOST,
                port=POSTGRES_PORT,
                user=POSTGRES_USER,
                database=database,
                timeout=3,
            )
        except Exception as error:  # any driver error: the server is not there for us
            last = error
    pytest.skip(
        f"PostgreSQL is not reachable at {POSTGRES_HOST}:{POSTGRES_PORT} "
        f"as {POSTGRES_USER} ({last}); the PostgreSQL half of this test did not run"
    )


@pytest.fixture
async def fresh_postgres() -> AsyncIterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    admin = await _admin_connection()
    name = f"ascolto_reliability_{secrets.token_hex(4)}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://{POSTGRES_USER}@{POSTGRES_HOST}:{POSTGRES_PORT}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture(scope="session")
def live_server(
    engine, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """The app served by uvicorn on the test session's database, with the test's keys: rows
    the in-process factories make (and tokens they compute) are valid on it too."""
    env = server_environment(
        database_url=settings.database_url,
        secret_key=settings.secret_key,
        bridge_key=settings.bridge_key,
    )
    server = AppServer(env, tmp_path_factory.mktemp("live-server") / "uvicorn.log").start()
    yield server
    server.stop()


@pytest.fixture
def serve_workers(fresh_postgres: str, tmp_path: Path) -> Iterator[Callable[..., AppServer]]:
    """Start `ascolto serve --workers N` on a new PostgreSQL database, as production runs it:
    N processes behind one port, each with its own memory, sharing the database. `more` are
    settings by name (`rate_limit_per_minute="60"`, `redis_url=...`). The test's keys: rows and
    tokens made with `tests.reliability.preparing` are valid on it. Stopped after the test."""
    started: list[AppServer] = []

    def start(workers: int = 2, **more: str) -> AppServer:
        env = server_environment(
            database_url=fresh_postgres, secret_key=SECRET_KEY, bridge_key=BRIDGE_KEY, **more
        )
        log = tmp_path / f"serve-{len(started)}.log"
        server = AppServer(env, log, workers=workers, serve_command=True)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def two_workers(serve_workers: Callable[..., AppServer]) -> AppServer:
    """`ascolto serve --workers 2` on a new PostgreSQL database, with the default settings."""
    return serve_workers(2)


@dataclass
class SchemathesisCounts:
    operations: set[str] = field(default_factory=set)
    examples: dict[str, int] = field(default_factory=dict)  # generation mode → requests


SCHEMATHESIS_COUNTS = pytest.StashKey[SchemathesisCounts]()


# The crawler's one line: how many pages and forms it tried, and how long it took.
CRAWL_SUMMARY = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def schemathesis_counts(pytestconfig: pytest.Config) -> SchemathesisCounts:
    return pytestconfig.stash.setdefault(SCHEMATHESIS_COUNTS, SchemathesisCounts())


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """Print what schemathesis and the crawler covered, whatever the capture mode (CI reads it)."""
    if crawled := config.stash.get(CRAWL_SUMMARY, None):
        terminalreporter.write_line(crawled)
    counts = config.stash.get(SCHEMATHESIS_COUNTS, None)
    if counts is None or not counts.operations:
        return
    by_mode = ", ".join(f"{mode} {n}" for mode, n in sorted(counts.examples.items()))
    terminalreporter.write_line(
        f"schemathesis: {len(counts.operations)} operations, "
        f"{sum(counts.examples.values())} examples ({by_mode})"
    )
