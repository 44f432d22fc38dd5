"""Follow-ups as work: the history of every change, and the owner office's signed links.

Written by hand: the only difference between the engines is the primary key's type."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder
from piccolo.table import Table

ID = "2026-12-01T15:55:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "follow-up work"

REFERENCE = 'INTEGER NOT NULL REFERENCES "follow_ups" ("id") ON DELETE CASCADE ON UPDATE CASCADE'
STATEMENTS = (
    'CREATE TABLE "follow_up_changes" ("id" {key} PRIMARY KEY NOT NULL, '
    f'"follow_up" {REFERENCE}, "actor" VARCHAR(200) NOT NULL DEFAULT \'\', '
    '"at" TIMESTAMPTZ NOT NULL, "action" VARCHAR(30) NOT NULL DEFAULT \'\', '
    "\"from_state\" VARCHAR(20) NOT NULL DEFAULT '', \"to_state\" VARCHAR(20) NOT NULL DEFAULT '', "
    "\"note\" TEXT NOT NULL DEFAULT '')",
    'CREATE INDEX follow_up_changes_follow_up ON "follow_up_changes" ("follow_up")',
    'CREATE TABLE "follow_up_links" ("id" {key} PRIMARY KEY NOT NULL, '
    f'"follow_up" {REFERENCE} UNIQUE, "nonce" VARCHAR(32) NOT NULL DEFAULT \'\', '
    "\"token_hash\" VARCHAR(64) UNIQUE NOT NULL DEFAULT '', \"created_at\" TIMESTAMPTZ NOT NULL)",
)


class RawTable(Table):
    pass


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="survey", description=DESCRIPTION)

    async def create_tables() -> None:
        engine = engine_finder()
        assert engine is not None, "migrations run with an engine"
        postgres = engine.engine_type == "postgres"
        for statement in STATEMENTS:
            sql = statement.replace("{key}", "SERIAL" if postgres else "INTEGER")
            await RawTable.raw(sql).run()

    manager.add_raw(create_tables)
    return manager
