"""The demo year, loaded once for the module that asks for it with `ascolto demo`."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from click.testing import CliRunner, Result

from survey.cli import main
from tests.conftest import empty_tables

CASES = """
SELECT c."id", c."code", c."opened_at", c."closed_at", c."channel", c."request_type",
       c."topic", c."region", c."status", c."resolution_path", c."contact_email",
       c."contact_phone", c."requester_kind", c."other_bodies", o."code" AS "office",
       f."email" AS "referent_email", ro."code" AS "referent_office"
FROM "cases" c
LEFT JOIN "office" o ON o."id" = c."office"
LEFT JOIN "referent" f ON f."id" = c."referent"
LEFT JOIN "office" ro ON ro."id" = f."office"
WHERE c."code" NOT LIKE 'CC-____-9%'
"""
RESPONSES = """
SELECT r."case", r."satisfaction", r."resolved", r."effort", r."recommend",
       r."collection_channel", r."revisions", r."answers"
FROM "feedback_responses" r
"""


def moment(value: Any) -> datetime | None:
    """A stored time as an aware datetime (SQLite gives text, PostgreSQL datetimes)."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value).astimezone(UTC)


@dataclass
class LoadedYear:
    result: Result
    cases: list[dict[str, Any]]
    responses: dict[int, dict[str, Any]]  # by case id
    emergencies: list[dict[str, Any]]


def cli_env(settings) -> dict[str, str]:
    return {
        "ASCOLTO_DATABASE_URL": settings.database_url,
        "ASCOLTO_SECRET_KEY": settings.secret_key,
        "ASCOLTO_BRIDGE_KEY": settings.bridge_key,
        "ASCOLTO_PUBLIC_URL": settings.public_url,
    }


async def run_cli(settings, *args: str) -> Result:
    runner = CliRunner()
    return await asyncio.to_thread(runner.invoke, main, list(args), env=cli_env(settings))


async def _read(engine) -> tuple[list[dict], dict[int, dict], list[dict]]:
    cases = await engine.run_sql(CASES)
    for row in cases:
        row["opened_at"], row["closed_at"] = moment(row["opened_at"]), moment(row["closed_at"])
    responses = {row["case"]: row for row in await engine.run_sql(RESPONSES)}
    emergencies = await engine.run_sql('SELECT * FROM "emergency_period" ORDER BY "starts_at"')
    for row in emergencies:
        row["starts_at"], row["ends_at"] = moment(row["starts_at"]), moment(row["ends_at"])
    return cases, responses, emergencies


@pytest.fixture(scope="module")
async def demo_year(engine, settings) -> LoadedYear:
    """`ascolto demo` run once on the emptied test database; emptied again afterwards."""
    await empty_tables(engine)
    result = await run_cli(settings, "demo")
    assert result.exit_code == 0, result.output
    cases, responses, emergencies = await _read(engine)
    yield LoadedYear(result, cases, responses, emergencies)
    await empty_tables(engine)
