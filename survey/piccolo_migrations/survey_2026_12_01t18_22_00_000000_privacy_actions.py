"""The record of privacy actions (issue 22): every export, erasure and retention purge.

Written by hand: the same DDL on both engines, which the auto-migration would word apart."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-01T18:22:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "privacy: the record of exports, erasures and purges"


async def _forwards() -> None:
    engine = engine_finder()
    postgres = engine.engine_type == "postgres"
    key = "SERIAL PRIMARY KEY" if postgres else "INTEGER PRIMARY KEY"
    await engine.run_ddl(
        f"""CREATE TABLE "privacy_actions" (
            "id" {key} NOT NULL,
            "at" TIMESTAMPTZ NOT NULL,
            "actor" VARCHAR(200) NOT NULL,
            "action" VARCHAR(20) NOT NULL,
            "subject_kind" VARCHAR(10) NOT NULL,
            "subject" VARCHAR(64) NOT NULL DEFAULT '',
            "affected" JSON NOT NULL DEFAULT '{{}}'
        )"""
    )
    await engine.run_ddl(
        'CREATE INDEX "privacy_actions_at" ON "privacy_actions" ("at")'
    )


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="survey", description=DESCRIPTION)
    manager.add_raw(_forwards)
    return manager
