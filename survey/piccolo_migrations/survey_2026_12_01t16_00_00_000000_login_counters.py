"""Login attempts counted before a password is checked (issue 18): one row per account, per
account and client, and per client, incremented atomically by an upsert.

Written by hand: the same DDL on both engines, which the auto-migration would word apart."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-01T16:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "accounts: login counters for the lock-out"


async def _forwards() -> None:
    engine = engine_finder()
    key = "SERIAL PRIMARY KEY" if engine.engine_type == "postgres" else "INTEGER PRIMARY KEY"
    await engine.run_ddl(
        f"""CREATE TABLE "login_counters" (
            "id" {key} NOT NULL,
            "key" VARCHAR(400) NOT NULL UNIQUE,
            "window_started" BIGINT NOT NULL,
            "attempts" INTEGER NOT NULL DEFAULT 0
        )"""
    )


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="survey", description=DESCRIPTION)
    manager.add_raw(_forwards)
    return manager
