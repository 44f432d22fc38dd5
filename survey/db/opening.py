"""Opening the database named by the settings, binding Piccolo's tables to it, migrating it."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import AsyncIterator

os.environ.setdefault("PICCOLO_CONF", "survey.db.piccolo_conf")

from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.apps.migrations.tables import Migration
from piccolo.table import Table, sort_table_classes

from case_bridge import storage
from case_bridge.storage import AscoltoEngine, create_engine, redacted_url
from survey.db import piccolo_conf
from survey.settings import Settings


class DatabaseUnavailable(RuntimeError):
    """The database named by ASCOLTO_DATABASE_URL cannot be reached or migrated."""


def all_tables() -> list[type[Table]]:
    """Every table of every app in the registry, plus Piccolo's migration table."""
    tables: list[type[Table]] = []
    for app_config in piccolo_conf.APP_REGISTRY.app_configs.values():
        tables.extend(app_config.table_classes)
    return [Migration, *sort_table_classes(tables)]


def bind_engine(engine: AscoltoEngine) -> AscoltoEngine:
    """Point Piccolo and every table at `engine`; return the engine they used before."""
    previous = piccolo_conf.DB
    piccolo_conf.DB = engine
    storage.bind(engine, all_tables())
    return previous


async def upgrade(engine: AscoltoEngine) -> str:
    """Apply pending migrations of every app; return Piccolo's account of what it did."""
    previous = bind_engine(engine)
    output = io.StringIO()
    try:
        with contextlib.redirect_stdout(output):
            result = await run_forwards(app_name="all")
    finally:
        bind_engine(previous)
    if not result.success:
        raise DatabaseUnavailable(f"migration failed: {result.message}\n{output.getvalue()}")
    return output.getvalue()


@contextlib.asynccontextmanager
async def open_database(
    settings: Settings, *, migrate: bool = False
) -> AsyncIterator[AscoltoEngine]:
    """Open the settings' database for the length of the block, binding the tables to it."""
    engine = create_engine(settings.database_url, pool_size=settings.process_pool_size())
    try:
        await engine.start()
        await engine.run_sql("SELECT 1")
    except Exception as error:  # any driver error means the same thing to the user
        await engine.close()
        raise DatabaseUnavailable(
            f"cannot open {redacted_url(settings.database_url)}: {error}"
        ) from error
    if migrate:
        await upgrade(engine)
    previous = bind_engine(engine)
    try:
        yield engine
    finally:
        bind_engine(previous)
        await engine.close()
