"""Re-asking the citizen (issue 15): a case may have a second invitation, marked `re_ask`, made
when its follow-up is closed, and an answer to it; answers are keyed by their invitation.

`feedback_invitations.case` and `feedback_responses.case` were each unique. Now `(case, re_ask)`
is, on both tables: still one ordinary invitation and one ordinary answer per case, and at most
one re-ask of each. `feedback_responses.invitation` names the invitation an answer answers (the
ordinary one filled in here; empty for answers stored without one, as the demo year's).

Written by hand. PostgreSQL drops the old unique constraints; SQLite cannot drop a column's
constraint, so it rebuilds both tables with the same columns without it (`rebuild_tables`).
The new columns and unique indexes are the same statements on both engines."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-01T18:15:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "feedback: re-ask invitations, answers keyed by invitation"

TABLES = ("feedback_invitations", "feedback_responses")

# The unique constraint PostgreSQL made for `"case" … UNIQUE`, found by its column rather than
# trusted to a generated name.
UNIQUE_ON_CASE = """
SELECT c.conname AS name FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (c.conkey)
WHERE t.relname = ? AND c.contype = 'u' AND a.attname = 'case' AND array_length(c.conkey, 1) = 1
"""

# SQLite: the tables as they were, but for the unique constraint on "case".
SQLITE_REBUILD = (
    """CREATE TABLE "feedback_invitations_new" (
        "id" INTEGER PRIMARY KEY NOT NULL,
        "case" INTEGER NOT NULL REFERENCES "cases" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
        "nonce" VARCHAR(32) NOT NULL DEFAULT '',
        "token_hash" VARCHAR(64) UNIQUE NOT NULL DEFAULT '',
        "created_at" TIMESTAMPTZ NOT NULL,
        "expires_at" TIMESTAMPTZ NOT NULL,
        "requester_key" VARCHAR(64) NULL DEFAULT null,
        "emailed" BOOLEAN NOT NULL DEFAULT false
    )""",
    """INSERT INTO "feedback_invitations_new" ("id", "case", "nonce", "token_hash",
        "created_at", "expires_at", "requester_key", "emailed")
    SELECT "id", "case", "nonce", "token_hash", "created_at", "expires_at", "requester_key",
        "emailed" FROM "feedback_invitations\"""",
    'DROP TABLE "feedback_invitations"',
    'ALTER TABLE "feedback_invitations_new" RENAME TO "feedback_invitations"',
    'CREATE INDEX "feedback_invitations_requester_key" ON "feedback_invitations" '
    '("requester_key")',
    """CREATE TABLE "feedback_responses_new" (
        "id" INTEGER PRIMARY KEY NOT NULL,
        "case" INTEGER NOT NULL REFERENCES "cases" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
        "questionnaire" VARCHAR(80) NOT NULL DEFAULT '',
        "questionnaire_version" INTEGER NOT NULL DEFAULT 0,
        "answers" JSON NOT NULL DEFAULT '{}',
        "collection_channel" VARCHAR(20) NOT NULL DEFAULT '',
        "first_submitted_at" TIMESTAMPTZ NOT NULL,
        "updated_at" TIMESTAMPTZ NOT NULL,
        "revisions" INTEGER NOT NULL DEFAULT 1,
        "satisfaction" INTEGER NULL DEFAULT null,
        "resolved" VARCHAR(10) NULL DEFAULT null,
        "effort" INTEGER NULL DEFAULT null,
        "recommend" INTEGER NULL DEFAULT null
    )""",
    """INSERT INTO "feedback_responses_new" ("id", "case", "questionnaire",
        "questionnaire_version", "answers", "collection_channel", "first_submitted_at",
        "updated_at", "revisions", "satisfaction", "resolved", "effort", "recommend")
    SELECT "id", "case", "questionnaire", "questionnaire_version", "answers",
        "collection_channel", "first_submitted_at", "updated_at", "revisions", "satisfaction",
        "resolved", "effort", "recommend" FROM "feedback_responses\"""",
    'DROP TABLE "feedback_responses"',
    'ALTER TABLE "feedback_responses_new" RENAME TO "feedback_responses"',
)

BOTH = (
    """ALTER TABLE "feedback_invitations" ADD COLUMN "re_ask" BOOLEAN NOT NULL DEFAULT false""",
    'CREATE UNIQUE INDEX "feedback_invitations_case_re_ask" ON "feedback_invitations" '
    '("case", "re_ask")',
    """ALTER TABLE "feedback_responses" ADD COLUMN "re_ask" BOOLEAN NOT NULL DEFAULT false""",
    'ALTER TABLE "feedback_responses" ADD COLUMN "invitation" INTEGER NULL DEFAULT null '
    'REFERENCES "feedback_invitations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE',
    'CREATE UNIQUE INDEX "feedback_responses_invitation" ON "feedback_responses" '
    '("invitation")',
    'CREATE UNIQUE INDEX "feedback_responses_case_re_ask" ON "feedback_responses" '
    '("case", "re_ask")',
    # Every answer so far answered its case's one invitation, when it had one.
    """UPDATE "feedback_responses" SET "invitation" = (
        SELECT i."id" FROM "feedback_invitations" i WHERE i."case" = "feedback_responses"."case")""",
)


async def _forwards() -> None:
    engine = engine_finder()
    if engine.engine_type == "postgres":
        async with engine.transaction():
            for table in TABLES:
                for row in await engine.run_sql(UNIQUE_ON_CASE, [table]):
                    await engine.run_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{row["name"]}"')
            for statement in BOTH:
                await engine.run_sql(statement)
    else:
        await engine.rebuild_tables([*SQLITE_REBUILD, *BOTH])


async def forwards() -> MigrationManager:
    # Not wrapped: SQLite switches foreign keys off around its own transaction for the rebuild,
    # which it cannot do inside one; PostgreSQL opens its own transaction above.
    manager = MigrationManager(
        migration_id=ID, app_name="survey", description=DESCRIPTION, wrap_in_transaction=False
    )
    manager.add_raw(_forwards)
    return manager
