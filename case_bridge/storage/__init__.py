"""The storage core every package stands on: the SQLite and PostgreSQL engines, transaction
scripts, the clock, the domain error families and their HTTP answers.

Piccolo's tables are bound to one engine at a time (`bind`); code that needs the engine itself
(a transaction, a script, raw SQL) asks `engine()` here rather than a table's `_meta`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import msgspec
from piccolo.engine.postgres import PostgresTransaction
from piccolo.engine.sqlite import SQLiteTransaction
from piccolo.table import Table

from case_bridge.storage.engines import (
    AscoltoEngine,
    AwaitedStatements,
    DatabaseUrlError,
    create_engine,
    parse_database_url,
    redacted_url,
)
from case_bridge.storage.scripts import Script, Statements

_bound: list[AscoltoEngine] = []


def bind(engine: AscoltoEngine, tables: Iterable[type[Table]]) -> AscoltoEngine | None:
    """Point `tables` at `engine`; return the engine bound before (None if none was)."""
    previous = _bound[0] if _bound else None
    _bound[:] = [engine]
    for table in tables:
        table._meta.db = engine
    return previous


def engine() -> AscoltoEngine:
    """The engine the tables are bound to."""
    if not _bound:
        raise RuntimeError("no database is open: open one with survey.db.open_database")
    return _bound[0]


def writing() -> SQLiteTransaction | PostgresTransaction:
    """A writing transaction on the bound engine (BEGIN IMMEDIATE on SQLite)."""
    return engine().transaction()


async def run_script(script: Script) -> Any:
    """Run a transaction script on the bound engine (whole on SQLite's writer thread)."""
    return await engine().run_script(script)


def json_object(stored: object) -> dict[str, object]:
    """The object a JSON column holds: SQLite, and asyncpg for `json`, hand back its text."""
    if isinstance(stored, str | bytes):
        stored = msgspec.json.decode(stored)
    if not isinstance(stored, dict):
        raise TypeError(f"a JSON object was expected, not {type(stored).__name__}")
    return stored


async def run_sql(sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Run one statement written with `?` placeholders on the bound engine."""
    return await engine().run_sql(sql, params)


__all__ = [
    "AscoltoEngine",
    "AwaitedStatements",
    "DatabaseUrlError",
    "Script",
    "Statements",
    "bind",
    "create_engine",
    "engine",
    "json_object",
    "parse_database_url",
    "redacted_url",
    "run_script",
    "run_sql",
    "writing",
]
