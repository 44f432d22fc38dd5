"""Database engines for SQLite (embedded default) and PostgreSQL (production).

Piccolo's stock SQLite engine opens a new connection, and so a new thread, for every query
run outside a transaction, and runs `PRAGMA foreign_keys` before every statement. Measured in
`bench/sqlite_engine_bench.py`, that costs far more than the query itself. `PooledSQLiteEngine`
keeps one writer connection (serialised by a lock, every transaction `BEGIN IMMEDIATE`, so a
transaction that reads then writes never fails with SQLITE_BUSY half-way) and a few reader
connections, which WAL lets run beside the writer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from piccolo.columns import Column, Timestamptz
from piccolo.engine.postgres import PostgresEngine, PostgresTransaction
from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType
from piccolo.querystring import QueryString
from piccolo.table import Table

from case_bridge.storage.scripts import Script, ThreadConnection

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 10.0
CHECKPOINT_SECONDS = 1.0
PURGE_ATTEMPTS = 100


# A time column as whole seconds since the epoch, computed by the database: an integer per row
# instead of a datetime built by a converter (Piccolo's on SQLite, asyncpg's on PostgreSQL)
# halves the time of reading thousands of rows, and both engines then answer alike.
EPOCH_SECONDS = {
    "sqlite": "CAST(strftime('%s', {column}) AS INTEGER)",
    "postgres": "CAST(EXTRACT(EPOCH FROM {column}) AS BIGINT)",
}


def epoch_seconds(engine_type: str, column: str) -> str:
    """SQL for `column` (a time) as seconds since the epoch on the engine."""
    return EPOCH_SECONDS[engine_type].format(column=column)


class DatabaseUrlError(ValueError):
    """The database URL is not one Ascolto can open."""


def _is_read(sql: str) -> bool:
    head = sql.lstrip()[:6].upper()
    return head == "SELECT" or (head == "PRAGMA" and "=" not in sql)


class _WriterTransaction(SQLiteTransaction):
    """A transaction on the engine's single writer connection, always BEGIN IMMEDIATE."""

    engine: PooledSQLiteEngine

    async def __aenter__(self) -> SQLiteTransaction:
        if self._parent is not None:
            return self._parent
        self.connection = await self.get_connection()
        try:
            await self.begin()
        except BaseException:
            # Cancelled (or failed) while starting: `__aexit__` will never run, so give the writer
            # back here, or every later transaction waits for it forever. BEGIN may still run on
            # the writer's thread after the cancellation: the ROLLBACK queued behind it undoes it.
            with contextlib.suppress(Exception):
                await asyncio.shield(self.connection.execute("ROLLBACK"))
            self.engine.release_writer()
            raise
        self.context = self.engine.current_transaction.set(self)
        return self

    async def get_connection(self) -> ThreadConnection:
        return await self.engine.acquire_writer()

    async def begin(self) -> None:
        await self.connection.execute("BEGIN IMMEDIATE")

    async def __aexit__(self, exception_type, exception, traceback) -> bool:
        if self._parent:
            return exception is None
        try:
            if exception:
                if not self._rolled_back:
                    await self.rollback()
            elif not self._committed and not self._rolled_back:
                await self.commit()
        finally:
            self.engine.release_writer()
            self.engine.current_transaction.reset(self.context)
        return exception is None


class PooledSQLiteEngine(SQLiteEngine):
    """SQLite in WAL mode with one long-lived writer and a small pool of readers."""

    def __init__(self, path: str, readers: int = 4) -> None:
        super().__init__(path=path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
        self.reader_count = max(1, readers)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._writer: ThreadConnection | None = None
        self._write_lock: asyncio.Lock | None = None
        self._readers: asyncio.Queue[ThreadConnection] | None = None
        self._all_readers: list[ThreadConnection] = []
        self._opening: asyncio.Lock | None = None
        self._scripts: list[tuple[Script, asyncio.Future]] = []
        self._checkpointer: ThreadConnection | None = None
        self._checkpointing: asyncio.Task | None = None
        self._draining = False

    async def _connect(self, *, writer: bool) -> ThreadConnection:
        pragmas = [
            f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}",
            "PRAGMA foreign_keys = ON",
        ]
        if writer:
            # FULL: a commit that was acknowledged survives a crash of the machine too.
            # No checkpoint on commit: `_checkpoint_forever` does it beside the writer, which
            # would otherwise stop every couple of thousand pages to copy the log back.
            # secure_delete: a deleted row's bytes are overwritten with zeros, not left in a
            # free page for anyone holding the file (the referents' sealed answers, issue 14).
            pragmas += [
                "PRAGMA journal_mode = WAL",
                "PRAGMA synchronous = FULL",
                "PRAGMA wal_autocheckpoint = 0",
                "PRAGMA secure_delete = ON",
            ]
        else:
            pragmas += ["PRAGMA query_only = ON"]
        return await ThreadConnection.open(pragmas, **self.connection_kwargs)

    async def start(self) -> None:
        """Open the writer and the readers in the running event loop."""
        loop = asyncio.get_running_loop()
        if self._loop is loop and self._writer is not None:
            return
        if self._opening is None or self._loop is not loop:
            self._opening = asyncio.Lock()
            self._loop = loop
            self._writer = None
        async with self._opening:
            if self._writer is not None:
                return
            writer = await self._connect(writer=True)
            readers = [await self._connect(writer=False) for _ in range(self.reader_count)]
            self._checkpointer = await self._connect(writer=True)
            self._checkpointing = loop.create_task(self._checkpoint_forever())
            queue: asyncio.Queue[ThreadConnection] = asyncio.Queue()
            for reader in readers:
                queue.put_nowait(reader)
            self._write_lock = asyncio.Lock()
            self._readers, self._all_readers = queue, readers
            self._writer = writer

    async def _checkpoint_forever(self) -> None:
        """Copy the write-ahead log back into the database file every second, on a connection
        of its own: a PASSIVE checkpoint runs beside the writer and the readers."""
        while True:
            await asyncio.sleep(CHECKPOINT_SECONDS)
            assert self._checkpointer is not None
            try:
                await self._checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error as error:  # the log stays whole; the next round tries again
                logger.warning("checkpoint failed: %s", error)

    async def close(self) -> None:
        """Close every connection (their threads stop with them)."""
        if self._checkpointing is not None:
            self._checkpointing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._checkpointing
        connections = [self._writer, *self._all_readers, self._checkpointer]
        self._writer, self._all_readers, self._readers, self._loop = None, [], None, None
        self._checkpointer, self._checkpointing = None, None
        for connection in connections:
            if connection is not None:
                await connection.close()

    async def acquire_writer(self) -> ThreadConnection:
        await self.start()
        assert self._write_lock is not None and self._writer is not None
        await self._write_lock.acquire()
        return self._writer

    def release_writer(self) -> None:
        assert self._write_lock is not None
        self._write_lock.release()

    @contextlib.asynccontextmanager
    async def _reader(self) -> AsyncIterator[ThreadConnection]:
        await self.start()
        assert self._readers is not None
        connection = await self._readers.get()
        try:
            yield connection
        finally:
            self._readers.put_nowait(connection)

    async def _execute(self, connection: ThreadConnection, sql: str, args: Sequence[Any]):
        return await connection.execute(sql, args)

    async def run_script(self, script: Script) -> Any:
        """Run a transaction script: in the current transaction if there is one, else whole on
        the writer's thread together with the scripts that arrived while the last batch ran."""
        transaction = self.current_transaction.get()
        if transaction is not None:
            return await transaction.connection.drive(script)
        done: asyncio.Future = asyncio.get_running_loop().create_future()
        self._scripts.append((script, done))
        if not self._draining:
            self._draining = True
            asyncio.get_running_loop().create_task(self._drain_scripts())
        return await done

    async def _drain_scripts(self) -> None:
        try:
            while self._scripts:
                batch, self._scripts = self._scripts, []
                try:
                    writer = await self.acquire_writer()
                    try:
                        outcomes = await writer.run_scripts([script for script, _ in batch])
                    finally:
                        self.release_writer()
                except Exception as failure:  # the batch could not commit: none of it stands
                    outcomes = [(False, failure)] * len(batch)
                for (_, done), (succeeded, value) in zip(batch, outcomes, strict=True):
                    if done.done():  # its caller went away
                        continue
                    if succeeded:
                        done.set_result(value)
                    else:
                        done.set_exception(value)
        finally:
            self._draining = False

    async def run_querystring(self, querystring: QueryString, in_pool: bool = False):
        sql, args = querystring.compile_string(engine_type=self.engine_type)
        return await self.run_sql(sql, args)

    async def run_ddl(self, ddl: str, in_pool: bool = False):
        return await self.run_sql(ddl, [])

    async def run_sql(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one statement: in the current transaction, on a reader, or on the writer."""
        transaction = self.current_transaction.get()
        if transaction is not None:
            return await self._execute(transaction.connection, sql, args)
        if _is_read(sql):
            async with self._reader() as connection:
                return await self._execute(connection, sql, args)
        writer = await self.acquire_writer()
        try:
            return await self._execute(writer, sql, args)
        finally:
            self.release_writer()

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for many rows; must be called inside a transaction."""
        transaction = self.current_transaction.get()
        assert transaction is not None, "executemany needs a transaction"
        await transaction.connection.executemany(sql, rows)

    async def purge_dead_rows(self, tables: Sequence[type[Table]]) -> None:
        """Leave no byte of deleted rows in the database file or its write-ahead log.

        secure_delete (a writer pragma) zeroes what a deletion frees; VACUUM rewrites the
        whole file, so nothing older survives in a page; the TRUNCATE checkpoint copies the log
        back and empties it, dropping the frames that held earlier versions of every page.
        SQLite vacuums the whole database: `tables` only says what must be clean."""
        assert self.current_transaction.get() is None, "VACUUM runs outside a transaction"
        writer = await self.acquire_writer()
        try:
            await writer.execute("VACUUM")
            # A reader in the middle of a read keeps the log: wait for it (readers are short).
            for _ in range(PURGE_ATTEMPTS):
                (outcome,) = await writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                if not outcome["busy"]:
                    return
                await asyncio.sleep(BUSY_TIMEOUT_SECONDS / PURGE_ATTEMPTS)
            raise sqlite3.OperationalError("the write-ahead log stayed busy: it was not emptied")
        finally:
            self.release_writer()

    async def rebuild_tables(self, statements: Sequence[str]) -> None:
        """Run `statements` that rebuild tables in one transaction with foreign keys off.

        SQLite cannot drop a column's constraint: the table is made again under a new name,
        filled, the old one dropped and the new renamed (www.sqlite.org/lang_altertable.html,
        "other kinds of table schema changes"). With foreign keys on, dropping the old table
        would first delete its rows and cascade to the rows that refer to them; so they are off
        for the rebuild, and every reference is checked before the commit."""
        assert self.current_transaction.get() is None, "foreign keys switch between transactions"
        writer = await self.acquire_writer()
        try:
            await writer.execute("PRAGMA foreign_keys = OFF")
            try:
                await writer.execute("BEGIN IMMEDIATE")
                try:
                    for statement in statements:
                        await writer.execute(statement)
                    broken = await writer.execute("PRAGMA foreign_key_check")
                    if broken:
                        raise sqlite3.IntegrityError(f"the rebuild broke references: {broken[:3]}")
                    await writer.execute("COMMIT")
                except BaseException:
                    await writer.execute("ROLLBACK")
                    raise
            finally:
                await writer.execute("PRAGMA foreign_keys = ON")
        finally:
            self.release_writer()

    def json_insert_sql(self, table: type[Table], columns: Sequence[str]) -> str:
        """INSERT of rows given as one JSON array of arrays (values in the order of `columns`),
        the statement's one parameter.

        One statement for thousands of rows: SQLite reads them in C without taking the GIL for
        each row, as `executemany` does, so Python can prepare the next rows meanwhile. Times
        are UTC wall times without a zone (`clock.utc_wall_time`) as msgspec writes them
        (`2011-07-04T07:03:00`), stored as Piccolo stores them (`2011-07-04 07:03:00+00:00`),
        so that they compare as text with the times Piccolo binds."""
        values = [
            f"replace(value ->> {index}, 'T', ' ') || '+00:00'"
            if isinstance(table._meta.get_column_by_name(name), Timestamptz)
            else f"value ->> {index}"
            for index, name in enumerate(columns)
        ]
        # WHERE true: SQLite's parser needs it before an ON CONFLICT clause of an INSERT…SELECT.
        return (
            f'INSERT INTO "{table._meta.tablename}" ({_names(columns)}) '
            f"SELECT {', '.join(values)} FROM json_each(?) WHERE true"
        )

    @staticmethod
    def timestamp_parameter(moment: datetime) -> str:
        """A UTC time as Piccolo stores it in SQLite, formatted here rather than by an adapter
        called once per value (which costs as much as the insert itself in bulk writes)."""
        return str(moment)

    def transaction(
        self,
        transaction_type: TransactionType = TransactionType.immediate,
        allow_nested: bool = True,
    ) -> SQLiteTransaction:
        return _WriterTransaction(engine=self, allow_nested=allow_nested)


class _PooledTransaction(PostgresTransaction):
    """Piccolo's transaction, giving its pool connection back if it is cancelled while starting
    (`__aexit__` never runs then, and the pool would lose the connection for good)."""

    async def __aenter__(self) -> PostgresTransaction:
        if self._parent is not None:
            return self._parent
        self.connection = await self.get_connection()
        try:
            self.transaction = self.connection.transaction()
            await self.begin()
        except BaseException:
            await asyncio.shield(self._give_back())
            raise
        self.context = self.engine.current_transaction.set(self)
        return self

    async def _give_back(self) -> None:
        with contextlib.suppress(Exception):
            if self.connection.is_in_transaction():
                await self.connection.execute("ROLLBACK")
        if self.engine.pool is not None:
            await self.engine.pool.release(self.connection)
        else:
            await self.connection.close()


class PooledPostgresEngine(PostgresEngine):
    """PostgreSQL with an asyncpg pool sized from the settings."""

    def __init__(self, config: dict[str, Any], pool_size: int) -> None:
        self.pool_size = pool_size
        super().__init__(config=config)

    def transaction(self, allow_nested: bool = True) -> PostgresTransaction:
        return _PooledTransaction(engine=self, allow_nested=allow_nested)

    async def start(self) -> None:
        if self.pool is None:
            await self.start_connection_pool(
                min_size=1, max_size=self.pool_size, reset=_keep_session
            )

    async def close(self) -> None:
        if self.pool is not None:
            await self.close_connection_pool()

    async def run_sql(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one statement, written with `?` placeholders, in the current transaction or pool."""
        return await self._run_in_pool_or_transaction(_dollar_placeholders(sql), list(args))

    async def _run_in_pool_or_transaction(self, sql: str, args: list[Any]) -> list[dict]:
        transaction = self.current_transaction.get()
        if transaction is not None:
            rows = await transaction.connection.fetch(sql, *args)
        else:
            await self.start()
            assert self.pool is not None
            async with self.pool.acquire() as connection:
                rows = await connection.fetch(sql, *args)
        return [dict(row) for row in rows]

    async def run_querystring(self, querystring: QueryString, in_pool: bool = True):
        await self.start()
        return await super().run_querystring(querystring, in_pool=True)

    async def run_ddl(self, ddl: str, in_pool: bool = True):
        await self.start()
        return await super().run_ddl(ddl, in_pool=True)

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for many rows; must be called inside a transaction."""
        transaction = self.current_transaction.get()
        assert transaction is not None, "executemany needs a transaction"
        await transaction.connection.executemany(_dollar_placeholders(sql), rows)

    def json_insert_sql(self, table: type[Table], columns: Sequence[str]) -> str:
        """INSERT of rows given as one JSON array of arrays (values in the order of `columns`),
        the statement's one parameter; each value is cast to its column's type, times being UTC
        wall times without a zone (`clock.utc_wall_time`)."""
        values = [
            _cast(f"value ->> {index}", table._meta.get_column_by_name(name))
            for index, name in enumerate(columns)
        ]
        return (
            f'INSERT INTO "{table._meta.tablename}" ({_names(columns)}) '
            f"SELECT {', '.join(values)} FROM json_array_elements(?::json) AS items(value)"
        )

    async def run_script(self, script: Script) -> Any:
        """Run a transaction script in a transaction (the current one, if any)."""
        async with self.transaction():
            return await script(AwaitedStatements(self))

    async def purge_dead_rows(self, tables: Sequence[type[Table]]) -> None:
        """Rewrite `tables` so that no dead version of a row is left in their pages.

        VACUUM FULL copies the live rows into new files and drops the old ones; it cannot run
        in a transaction, so it takes a connection of the pool. (What PostgreSQL's WAL and
        backups already hold is beyond any statement: see the README's threat model.)"""
        assert self.current_transaction.get() is None, "VACUUM FULL runs outside a transaction"
        await self.start()
        assert self.pool is not None
        names = ", ".join(f'"{table._meta.tablename}"' for table in tables)
        async with self.pool.acquire() as connection:
            # VACUUM FULL keeps a dead row that a running transaction's snapshot may still see
            # (any request, the outbox's sender): wait until every snapshot taken before now
            # has ended, so that the rows deleted before this call are no one's to see.
            now = await connection.fetchval("SELECT (txid_current() % 4294967296)::text::xid")
            for _ in range(PURGE_ATTEMPTS):
                if not await connection.fetchval(_OLDER_SNAPSHOTS, now):
                    break
                await asyncio.sleep(BUSY_TIMEOUT_SECONDS / PURGE_ATTEMPTS)
            else:
                raise RuntimeError("a transaction older than the purge kept running")
            await connection.execute(f"VACUUM FULL {names}")

    @staticmethod
    def timestamp_parameter(moment: datetime) -> datetime:
        """asyncpg takes the datetime itself."""
        return moment


async def _keep_session(connection: Any) -> None:
    """What the pool does to a connection given back, besides rolling back a transaction left
    open (asyncpg always does): nothing. Its default also sends `RESET ALL`, `UNLISTEN *`,
    `CLOSE ALL` and the advisory locks' release, one more round trip for every query run
    outside a transaction (a citizen's first answer is one statement: it would be two).
    Ascolto changes no session setting, listens to nothing and takes no advisory lock."""


class AwaitedStatements:
    """Statements run as ordinary awaits: in the engine's current transaction if there is one,
    else each on its own (reads on SQLite go to a reader). A script's steps take this to read
    outside a transaction."""

    def __init__(self, engine: PooledSQLiteEngine | PooledPostgresEngine) -> None:
        self.engine = engine

    async def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return await self.engine.run_sql(sql, params)


# Client sessions of this database holding a snapshot or a transaction older than $1.
# An autovacuum worker's ANALYZE (which samples rows, in seconds) holds a snapshot too, and
# VACUUM FULL keeps every row version it may still see: after a burst of writes one often runs
# just then. (Its plain VACUUM holds none that counts, and may run long: not waited for.)
_OLDER_SNAPSHOTS = """
SELECT count(*) FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid()
  AND (backend_type = 'client backend'
       OR (backend_type = 'autovacuum worker' AND query LIKE 'autovacuum: %ANALYZE%'))
  AND (age(backend_xmin) >= age($1::xid) OR age(backend_xid) >= age($1::xid))
"""


def _cast(value: str, column: Column) -> str:
    if isinstance(column, Timestamptz):
        return f"(CAST({value} AS TIMESTAMP) AT TIME ZONE 'UTC')"
    return f"CAST({value} AS {column.column_type})"


def _names(columns: Sequence[str]) -> str:
    return ", ".join(f'"{name}"' for name in columns)


def _dollar_placeholders(sql: str) -> str:
    parts = sql.split("?")
    return parts[0] + "".join(f"${i}{part}" for i, part in enumerate(parts[1:], start=1))


AscoltoEngine = PooledSQLiteEngine | PooledPostgresEngine


def parse_database_url(url: str) -> tuple[str, dict[str, Any]]:
    """Split `sqlite:///path` or `postgresql://user@host:port/db` into engine kind and config."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(url.removeprefix("sqlite:///").removeprefix("sqlite://"))
        if not path:
            raise DatabaseUrlError("a SQLite URL needs a file path, e.g. sqlite:///ascolto.db")
        return "sqlite", {"path": path}
    if parts.scheme in {"postgresql", "postgres"}:
        if not parts.path.strip("/"):
            raise DatabaseUrlError("a PostgreSQL URL needs a database name")
        config = {
            "host": parts.hostname or "localhost",
            "port": parts.port or 5432,
            "user": unquote(parts.username) if parts.username else None,
            "password": unquote(parts.password) if parts.password else None,
            "database": parts.path.strip("/"),
        }
        return "postgres", {key: value for key, value in config.items() if value}
    raise DatabaseUrlError(f"unsupported scheme {parts.scheme!r}: use sqlite:/// or postgresql://")


def redacted_url(url: str) -> str:
    """The URL with its password hidden, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


def create_engine(url: str, *, pool_size: int = 10) -> AscoltoEngine:
    """Build the engine for a database URL; PostgreSQL's pool holds `pool_size` connections."""
    kind, config = parse_database_url(url)
    if kind == "sqlite":
        return PooledSQLiteEngine(path=config["path"], readers=min(pool_size, 8))
    return PooledPostgresEngine(config, pool_size)


__all__ = [
    "AscoltoEngine",
    "AwaitedStatements",
    "DatabaseUrlError",
    "create_engine",
    "parse_database_url",
    "redacted_url",
]
