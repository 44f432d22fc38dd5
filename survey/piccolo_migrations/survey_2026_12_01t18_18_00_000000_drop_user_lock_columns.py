"""The users' own failed-login count and lock (issue 18): no longer written since the lock-out
is counted in `login_counters`, and dropped.

Written by hand: the same DDL on both engines (SQLite drops a column since 3.35)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-01T18:18:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "accounts: drop users.failed_logins and users.locked_until"


async def _forwards() -> None:
    engine = engine_finder()
    for column in ("failed_logins", "locked_until"):
        await engine.run_ddl(f'ALTER TABLE "users" DROP COLUMN "{column}"')


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="survey", description=DESCRIPTION)
    manager.add_raw(_forwards)
    return manager
