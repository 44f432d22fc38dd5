"""Follow-ups as work: a named manager, an outcome and a note, when the owner was notified and
last reminded. Plain ALTER TABLE statements that SQLite and PostgreSQL read alike."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-01T15:55:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "follow-up work"

COLUMNS = (
    '"manager" VARCHAR(150) DEFAULT null',
    '"outcome" VARCHAR(40) DEFAULT null',
    "\"note\" TEXT NOT NULL DEFAULT ''",
    '"notified_at" TIMESTAMPTZ DEFAULT null',
    '"reminded_at" TIMESTAMPTZ DEFAULT null',
)


class RawTable(Table):
    pass


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="case_bridge", description=DESCRIPTION)

    async def add_columns() -> None:
        for column in COLUMNS:
            await RawTable.raw(f'ALTER TABLE "follow_ups" ADD COLUMN {column}').run()

    manager.add_raw(add_columns)
    return manager
