"""A transaction cancelled while it starts gives its connection back: on SQLite the one writer,
on PostgreSQL the pool's connection. Before, the next transactions waited for ever."""

from __future__ import annotations

import asyncio

from case_bridge.storage import create_engine


async def test_a_transaction_cancelled_while_starting_leaves_the_engine_usable(database_url):
    engine = create_engine(database_url, pool_size=2)
    await engine.start()
    try:
        for attempt in range(6):

            async def hold() -> None:
                async with engine.transaction():
                    await asyncio.sleep(10)

            task = asyncio.create_task(hold())
            for _ in range(attempt):  # cancel at a different point of the start each time
                await asyncio.sleep(0)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

            async def use() -> list:
                async with engine.transaction():
                    return await engine.run_sql("SELECT 1 AS one")

            assert await asyncio.wait_for(use(), timeout=10) == [{"one": 1}], attempt
    finally:
        await engine.close()
