"""After the tally migration: rewrite the tables whose dropped columns held drafts and answer
dates, so that their old bytes do not stay in the pages (PostgreSQL keeps a dropped column's
values in every row until the row is rewritten; VACUUM FULL squeezes them out) nor in free pages
or the write-ahead log (SQLite). Outside a transaction: VACUUM cannot run in one."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-01T15:51:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "consultations: rewrite the tables that held drafts and answer dates"


async def _forwards() -> None:
    from survey.consultations.services import TALLY_TABLES

    await engine_finder().purge_dead_rows(TALLY_TABLES)


async def forwards() -> MigrationManager:
    manager = MigrationManager(
        migration_id=ID, app_name="survey", description=DESCRIPTION, wrap_in_transaction=False
    )
    manager.add_raw(_forwards)
    return manager
