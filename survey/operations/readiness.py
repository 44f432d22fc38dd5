"""Is the service alive, and is it ready: the database answers and every migration has run."""

from __future__ import annotations

import msgspec
from piccolo.apps.migrations.commands.base import BaseMigrationManager
from piccolo.apps.migrations.tables import Migration

from case_bridge.storage import engine
from survey.db import piccolo_conf


class Readiness(msgspec.Struct, frozen=True, kw_only=True):
    """The answer of `/ready`: whether the app may take traffic, and if not, why."""

    ready: bool
    database: str  # "reachable" or "unreachable"
    pending_migrations: list[str] = msgspec.field(default_factory=list)


def expected_migrations() -> set[tuple[str, str]]:
    """(app, migration id) of every migration shipped with this version of the code."""
    finder = BaseMigrationManager()
    expected: set[tuple[str, str]] = set()
    for config in piccolo_conf.APP_REGISTRY.app_configs.values():
        modules = finder.get_migration_modules(config.resolved_migrations_folder_path)
        expected.update((config.app_name, name) for name in finder.get_migration_ids(modules))
    return expected


async def readiness() -> Readiness:
    """Read-only: Piccolo's migration table is read, never created as Piccolo's own check
    would (a probe must not write)."""
    try:
        await engine().run_sql("SELECT 1")
    except Exception:  # no connection, a driver error: the same to whoever probes
        return Readiness(ready=False, database="unreachable")
    try:
        rows = await Migration.select(Migration.app_name, Migration.name).run()
    except Exception:  # a database never migrated has no migration table
        rows = []
    applied = {(row["app_name"], row["name"]) for row in rows}
    pending = sorted(f"{app}/{name}" for app, name in expected_migrations() - applied)
    return Readiness(ready=not pending, database="reachable", pending_migrations=pending)
