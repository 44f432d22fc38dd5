"""Offices get their name in English (empty: the Italian name is used), so that a citizen's
English page can name the office that handled the request (issue 16). One plain ALTER TABLE
that SQLite and PostgreSQL read alike."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-12-01T18:16:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "office names in English"


class RawTable(Table):
    pass


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="case_bridge", description=DESCRIPTION)

    async def add_column() -> None:
        await RawTable.raw(
            """ALTER TABLE "office" ADD COLUMN "name_en" VARCHAR(200) NOT NULL DEFAULT ''"""
        ).run()

    manager.add_raw(add_column)
    return manager
