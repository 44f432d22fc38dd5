"""Who asked (the requester's kind), which other bodies a Back Office case was coordinated
with, and the hours an emergency period kept. Plain ALTER TABLE statements that SQLite and
PostgreSQL read alike."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-01T18:21:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "requester kind, other bodies, emergency hours"

STATEMENTS = (
    'ALTER TABLE "cases" ADD COLUMN "requester_kind" VARCHAR(20) DEFAULT null',
    # The other bodies' codes, sorted and joined by commas ('' for none).
    "ALTER TABLE \"cases\" ADD COLUMN \"other_bodies\" VARCHAR(400) NOT NULL DEFAULT ''",
    # The hours the line was open each day of the period: from 0 to 24 is round the clock.
    'ALTER TABLE "emergency_period" ADD COLUMN "opening_hour" INTEGER NOT NULL DEFAULT 0',
    'ALTER TABLE "emergency_period" ADD COLUMN "closing_hour" INTEGER NOT NULL DEFAULT 24',
)


class RawTable(Table):
    pass


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="case_bridge", description=DESCRIPTION)

    async def add_columns() -> None:
        for statement in STATEMENTS:
            await RawTable.raw(statement).run()

    manager.add_raw(add_columns)
    return manager
