"""The embedded engine's write-ahead log is copied back into the database file beside the
writer, not by the writer stopping after a commit."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from case_bridge.storage.engines import CHECKPOINT_SECONDS, create_engine


def rows_in_database_file(path) -> int:
    # immutable=1 reads the database file alone, ignoring the write-ahead log.
    with sqlite3.connect(f"file:{path}?immutable=1", uri=True) as direct:
        return direct.execute("SELECT COUNT(*) FROM notes").fetchone()[0]


@pytest.mark.sqlite_only
async def test_committed_writes_reach_the_database_file_in_the_background(tmp_path):
    path = tmp_path / "checkpoint.db"
    engine = create_engine(f"sqlite:///{path}")
    try:
        await engine.run_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        async with engine.transaction():
            for number in range(200):
                await engine.run_sql("INSERT INTO notes (body) VALUES (?)", [f"note {number}"])
        assert (await engine.run_sql("SELECT COUNT(*) AS n FROM notes"))[0]["n"] == 200
        assert (tmp_path / "checkpoint.db-wal").stat().st_size > 0
        await asyncio.sleep(CHECKPOINT_SECONDS * 2.5)
        assert rows_in_database_file(path) == 200
    finally:
        await engine.close()
