"""Piccolo's stock SQLite engine against Ascolto's pooled one, on the same queries.

Run: .venv/bin/python bench/sqlite_engine_bench.py [--clients 32] [--reads 4000] [--writes 1000]
The stock engine opens a connection (and a thread) for every query outside a transaction.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from piccolo.engine.sqlite import SQLiteEngine

from case_bridge.storage.engines import PooledSQLiteEngine
from case_bridge.tables import Case
from survey.db import bind_engine, open_database, upgrade
from survey.settings import Settings

CODES = [f"CC-2012-{n:06d}" for n in range(1, 1001)]


async def prepare(path: Path) -> None:
    settings = Settings(secret_key="b" * 32, bridge_key="b" * 16, database_url=f"sqlite:///{path}")
    async with open_database(settings) as engine:
        await upgrade(engine)
        opened = datetime(2012, 1, 1, tzinfo=UTC)
        async with engine.transaction():
            for code in CODES:
                await Case.insert(
                    Case(
                        code=code,
                        opened_at=opened,
                        channel="phone",
                        request_type="information",
                        topic="volontariato",
                        status="open",
                    )
                ).run()


async def workload(clients: int, reads: int, writes: int) -> tuple[float, float]:
    async def reader(share: int) -> None:
        for n in range(share):
            await Case.select(Case.status).where(Case.code == CODES[n % len(CODES)]).run()

    async def writer(share: int, offset: int) -> None:
        for n in range(share):
            code = CODES[(offset + n) % len(CODES)]
            await Case.update({Case.topic: f"topic {n}"}).where(Case.code == code).run()

    started = time.perf_counter()
    await asyncio.gather(*(reader(reads // clients) for _ in range(clients)))
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    await asyncio.gather(*(writer(writes // clients, i * 37) for i in range(clients)))
    return read_seconds, time.perf_counter() - started


async def measure(engine, clients: int, reads: int, writes: int) -> tuple[float, float]:
    bind_engine(engine)
    if isinstance(engine, PooledSQLiteEngine):
        await engine.start()
    try:
        return await workload(clients, reads, writes)
    finally:
        if isinstance(engine, PooledSQLiteEngine):
            await engine.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--reads", type=int, default=4000)
    parser.add_argument("--writes", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        asyncio.run(prepare(path))
        stock = SQLiteEngine(path=str(path), timeout=10)
        results = {
            "piccolo stock SQLiteEngine": asyncio.run(
                measure(stock, args.clients, args.reads, args.writes)
            ),
            "ascolto PooledSQLiteEngine": asyncio.run(
                measure(PooledSQLiteEngine(str(path)), args.clients, args.reads, args.writes)
            ),
        }
    print(f"{args.clients} concurrent clients, {args.reads} reads, {args.writes} writes")
    for name, (read_seconds, write_seconds) in results.items():
        print(
            f"{name:28} reads {args.reads / read_seconds:>8,.0f}/s   "
            f"writes {args.writes / write_seconds:>8,.0f}/s"
        )


if __name__ == "__main__":
    main()
