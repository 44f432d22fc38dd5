"""Shared fixtures: one database per test session (SQLite by default, PostgreSQL when
ASCOLTO_TEST_DATABASE_URL names one), emptied after each test that uses it; and the `pure`
marker, given here to every test that never reaches that database."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result
from litestar import Litestar

from survey.app import create_app
from survey.cli import main
from survey.db import all_tables, open_database, upgrade
from survey.settings import Settings

SECRET_KEY = "test-secret-key-test-secret-key-0123456789"
BRIDGE_KEY = "test-bridge-key-0123456789"

# Every way to the session's database (engine, db, client, app_client, cli, settings,
# live_server, ...) starts from this fixture: a test that does not ask for it, directly or
# through another fixture, gives the same outcome on any engine.
DATABASE_FIXTURE = "database_url"


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `pure` every test that never reaches the session's database: CI's PostgreSQL
    pass leaves them out (`-m "not pure and not sqlite_only"`), as they ran on SQLite."""
    for item in items:
        if DATABASE_FIXTURE not in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.pure)


def pytest_report_collectionfinish(config: pytest.Config, items: list[pytest.Item]) -> str:
    """How many tests this run selected, and on which engine (CI prints it for each pass)."""
    pure = sum(1 for item in items if item.get_closest_marker("pure"))
    url = os.environ.get("ASCOLTO_TEST_DATABASE_URL") or "sqlite"
    engine = url.split(":", 1)[0]
    return f"selected: {len(items)} tests, {len(items) - pure} on {engine}, {pure} pure"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("ASCOLTO_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'ascolto-test.db'}"


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key=SECRET_KEY,
        bridge_key=BRIDGE_KEY,
        public_url="http://testserver.local",
        rate_limit_per_minute=100_000,
        purge_hour=-1,  # no daily purge in the middle of a test run (tests call it)
    )


@pytest.fixture(scope="session")
async def engine(settings: Settings):
    async with open_database(settings) as engine:
        await upgrade(engine)
        yield engine


async def empty_tables(engine) -> None:
    tables = [table for table in all_tables()[1:]]
    names = ", ".join(f'"{table._meta.tablename}"' for table in tables)
    if engine.engine_type == "postgres":
        await engine.run_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        return
    async with engine.transaction():
        for table in reversed(tables):
            await engine.run_sql(f'DELETE FROM "{table._meta.tablename}"')


@pytest.fixture
async def db(engine):
    """The test database, emptied after the test."""
    yield engine
    await empty_tables(engine)


@contextlib.asynccontextmanager
async def in_process(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    """A client of `app`, started in the running event loop (Litestar's test client would run
    its start-up in another loop, where PostgreSQL's connection pool would then be bound).
    Start-up and shut-down run in one task of their own, as a server runs them: a fixture's
    set-up and tear-down may run in different tasks."""
    started, stopping = asyncio.Event(), asyncio.Event()

    async def run_app() -> None:
        async with app.lifespan():
            started.set()
            await stopping.wait()

    running = asyncio.create_task(run_app())
    await asyncio.wait(
        [running, asyncio.create_task(started.wait())], return_when="FIRST_COMPLETED"
    )
    if running.done():
        running.result()  # start-up failed: show why
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver.local"
        ) as client:
            yield client
    finally:
        stopping.set()
        await running


@pytest.fixture(scope="session")
async def app_client(engine, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app of the test session, started in the session's own event loop."""
    async with in_process(create_app(settings)) as client:
        yield client


@pytest.fixture
async def client(app_client: httpx.AsyncClient, db) -> httpx.AsyncClient:
    app_client.cookies.clear()
    return app_client


@pytest.fixture
def bridge() -> dict[str, str]:
    """Headers of the main case platform."""
    return {"X-Bridge-Key": BRIDGE_KEY}


@pytest.fixture
def cli(settings: Settings):
    """Run `ascolto ...` as a user would (in a thread: it runs its own event loop)."""
    env = {
        "ASCOLTO_DATABASE_URL": settings.database_url,
        "ASCOLTO_SECRET_KEY": settings.secret_key,
        "ASCOLTO_BRIDGE_KEY": settings.bridge_key,
        "ASCOLTO_PUBLIC_URL": settings.public_url,
    }

    async def run(
        *args: str | Path, input: str | None = None, extra_env: dict[str, str] | None = None
    ) -> Result:
        runner = CliRunner()
        return await asyncio.to_thread(
            runner.invoke,
            main,
            [str(arg) for arg in args],
            env=env | (extra_env or {}),
            input=input,
        )

    return run
