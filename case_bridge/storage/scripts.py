"""A SQLite connection that lives on its own thread, and transaction scripts run there whole.

A transaction written as a coroutine that only awaits `db.rows(sql, params)` runs on
PostgreSQL as ordinary awaits on the transaction's connection, and on SQLite start to finish on
the writer's thread in one hop: the event loop, busy with other requests, is no longer waited
for between the statements of a transaction that holds the only write lock.
"""

from __future__ import annotations

import asyncio
import functools
import sqlite3
from collections.abc import Callable, Coroutine, Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

Rows = list[dict[str, Any]]


class Statements(Protocol):
    """What a transaction script may do: run one statement and get its rows."""

    def rows(self, sql: str, params: Sequence[Any] = ()) -> Any: ...


Script = Callable[[Statements], Coroutine[Any, Any, Any]]
Outcome = tuple[bool, Any]  # (True, result) or (False, the exception the script raised)


def _dict_row(cursor: sqlite3.Cursor, row: tuple) -> dict[str, Any]:
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


class ThreadConnection:
    """One sqlite3 connection, used only from its own thread; the async methods hop there."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite")
        self._connection: sqlite3.Connection | None = None

    @classmethod
    async def open(cls, pragmas: Sequence[str], **connect: Any) -> ThreadConnection:
        opened = cls()
        opened._connection = await opened.call(sqlite3.connect, **connect)
        opened._connection.row_factory = _dict_row
        for pragma in pragmas:
            await opened.execute(pragma)
        return opened

    async def call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor, functools.partial(function, *args, **kwargs)
        )

    def _fetchall(self, sql: str, params: Sequence[Any]) -> Rows:
        assert self._connection is not None
        return self._connection.execute(sql, params).fetchall()

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        return await self.call(self._fetchall, sql, list(params))

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        assert self._connection is not None
        await self.call(self._connection.executemany, sql, rows)

    async def drive(self, script: Script) -> Any:
        """Run a script whole on this thread in the transaction already open here."""
        assert self._connection is not None
        return await self.call(_drive, script(_ThreadStatements()), self._connection)

    async def run_scripts(self, scripts: Sequence[Script]) -> list[Outcome]:
        """Run transaction scripts on this thread in one BEGIN IMMEDIATE … COMMIT.

        Each script runs inside its own savepoint, so one that fails leaves no trace and the
        others stand; all of them become durable with the one commit (a group commit: one
        sync to disk for the batch instead of one per script)."""
        return await self.call(self._run_scripts, scripts)

    def _run_scripts(self, scripts: Sequence[Script]) -> list[Outcome]:
        assert self._connection is not None
        connection = self._connection
        outcomes: list[Outcome] = []
        connection.execute("BEGIN IMMEDIATE")
        try:
            for script in scripts:
                connection.execute("SAVEPOINT script")
                try:
                    outcomes.append((True, _drive(script(_ThreadStatements()), connection)))
                except Exception as failure:
                    connection.execute("ROLLBACK TO script")
                    outcomes.append((False, failure))
                connection.execute("RELEASE script")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        return outcomes

    async def close(self) -> None:
        if self._connection is not None:
            await self.call(self._connection.close)
            self._connection = None
        self._executor.shutdown(wait=True)


class _Statement:
    __slots__ = ("params", "sql")

    def __init__(self, sql: str, params: Sequence[Any]) -> None:
        self.sql, self.params = sql, list(params)

    def __await__(self) -> Generator[_Statement, Rows, Rows]:
        return (yield self)


class _ThreadStatements:
    def rows(self, sql: str, params: Sequence[Any] = ()) -> _Statement:
        return _Statement(sql, params)


def _drive(coroutine: Coroutine[Any, Any, Any], connection: sqlite3.Connection) -> Any:
    """Run a script coroutine, executing each statement it awaits on `connection`."""
    value: Rows | None = None
    error: BaseException | None = None
    while True:
        try:
            step = coroutine.throw(error) if error is not None else coroutine.send(value)
        except StopIteration as stop:
            return stop.value
        value, error = None, None
        try:
            value = connection.execute(step.sql, step.params).fetchall()
        except Exception as failure:  # handed to the script, which may handle it or not
            error = failure
