"""Consultations as waves (issue 20): a consultation may follow an earlier one; management
records actions after a wave; the questionnaire versions generated to ask about them are kept.

Written by hand: the same DDL on both engines, but for the primary key's type."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-01T18:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "consultation waves, actions and generated questionnaire versions"

STATEMENTS = (
    'ALTER TABLE "consultations" ADD COLUMN "follows" INTEGER NULL '
    'REFERENCES "consultations" ("id") ON DELETE SET NULL ON UPDATE CASCADE',
    'CREATE TABLE "consultation_actions" ("id" {key} PRIMARY KEY NOT NULL, '
    '"consultation" INTEGER NOT NULL REFERENCES "consultations" ("id") '
    "ON DELETE CASCADE ON UPDATE CASCADE, "
    "\"what\" VARCHAR(300) NOT NULL DEFAULT '', \"scale\" VARCHAR(60) NOT NULL DEFAULT '', "
    '"owner_office" INTEGER NOT NULL REFERENCES "office" ("id") '
    "ON DELETE RESTRICT ON UPDATE CASCADE, "
    "\"due_on\" DATE NOT NULL, \"state\" VARCHAR(12) NOT NULL DEFAULT 'planned', "
    '"created_at" TIMESTAMPTZ NOT NULL)',
    'CREATE INDEX consultation_actions_consultation ON "consultation_actions" ("consultation")',
    'CREATE TABLE "generated_questionnaires" ("id" {key} PRIMARY KEY NOT NULL, '
    "\"key\" VARCHAR(100) UNIQUE NOT NULL DEFAULT '', \"definition\" TEXT NOT NULL DEFAULT '')",
)


async def _forwards() -> None:
    engine = engine_finder()
    assert engine is not None, "migrations run with an engine"
    key = "SERIAL" if engine.engine_type == "postgres" else "INTEGER"
    for statement in STATEMENTS:
        await engine.run_ddl(statement.replace("{key}", key))


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="survey", description=DESCRIPTION)
    manager.add_raw(_forwards)
    return manager
