"""Sealed answers, tallied at close (issue 14): the consultation keeps its tally key's salt and
public key and the names of the guardians of its passphrase; answers wait sealed in a table of
their own until the tally; answers carry no date and drafts leave the database.

Written by hand: the sealed table has a random UUID key and a blob only, which Piccolo's
auto-migration would not word the same on both engines."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-01T15:50:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "consultations: tally key, sealed answers; no dates on answers, no drafts"


async def _forwards() -> None:
    engine = engine_finder()
    postgres = engine.engine_type == "postgres"
    blob = "BYTEA" if postgres else "BLOB"
    statements = [
        f'ALTER TABLE "consultations" ADD COLUMN "tally_salt" {blob} NULL',
        f'ALTER TABLE "consultations" ADD COLUMN "tally_public_key" {blob} NULL',
        """ALTER TABLE "consultations" ADD COLUMN "guardians" TEXT NOT NULL DEFAULT ''""",
        f"""CREATE TABLE "consultation_sealed_answers" (
            "id" UUID PRIMARY KEY NOT NULL,
            "consultation" INTEGER NOT NULL REFERENCES "consultations" ("id")
                ON DELETE CASCADE ON UPDATE CASCADE,
            "sealed" {blob} NOT NULL
        )""",
        'ALTER TABLE "consultation_responses" DROP COLUMN "submitted_on"',
        'ALTER TABLE "consultation_invitations" DROP COLUMN "draft"',
    ]
    for statement in statements:
        await engine.run_ddl(statement)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="survey", description=DESCRIPTION)
    manager.add_raw(_forwards)
    return manager
