"""Offices belong to an area (a larger unit under the department): the tally and every result
of the referents' consultation merge small offices into their area."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-01T15:49:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "office: area"


async def _forwards() -> None:
    await engine_finder().run_ddl('ALTER TABLE "office" ADD COLUMN "area" VARCHAR(60) NULL')


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="case_bridge", description=DESCRIPTION)
    manager.add_raw(_forwards)
    return manager
