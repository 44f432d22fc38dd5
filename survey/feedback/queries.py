"""The hot path of citizen answers in plain SQL (one statement each, the same on SQLite and
PostgreSQL): building these through the ORM cost more than running them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from case_bridge.storage.scripts import Statements

_LINK = """
SELECT i."id" AS "invitation_id", i."case" AS "case_id", i."re_ask", i."expires_at",
       i."emailed", c."code", c."request_type", c."closed_at",
       o."name" AS "office_name", o."name_en" AS "office_name_en",
       r."id" AS "response_id", r."questionnaire", r."questionnaire_version", r."answers",
       r."first_submitted_at", r."revisions"
FROM "feedback_invitations" i
JOIN "cases" c ON c."id" = i."case"
LEFT JOIN "office" o ON o."id" = c."office"
LEFT JOIN "feedback_responses" r ON r."case" = i."case" AND r."re_ask" = i."re_ask"
WHERE i."token_hash" = ?
"""

_LOCK_CASE = 'UPDATE "cases" SET "id" = "id" WHERE "id" = ?'

_RESPONSE = """
SELECT "id" AS "response_id", "questionnaire", "questionnaire_version", "answers",
       "first_submitted_at", "revisions"
FROM "feedback_responses" WHERE "case" = ? AND "re_ask" = ?
"""

_INSERT_RESPONSE = """
INSERT INTO "feedback_responses" ("case", "invitation", "re_ask", "questionnaire",
    "questionnaire_version", "answers", "collection_channel", "first_submitted_at", "updated_at",
    "revisions", "satisfaction", "resolved", "effort", "recommend")
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
RETURNING "id"
"""

_UPDATE_RESPONSE = """
UPDATE "feedback_responses" SET "answers" = ?, "collection_channel" = ?, "updated_at" = ?,
    "revisions" = ?, "satisfaction" = ?, "resolved" = ?, "effort" = ?, "recommend" = ?
WHERE "id" = ?
"""

_INSERT_REVISION = """
INSERT INTO "feedback_revisions" ("response", "number", "answers", "collection_channel",
    "submitted_at")
VALUES (?, ?, ?, ?, ?)
"""

SCORE_ITEMS = ("satisfaction", "resolved", "effort", "recommend")

# PostgreSQL only (data-modifying CTEs): a first answer in one statement, so one round trip.
# It stores nothing unless the link is open and has no answer yet. It takes the case's row
# lock, as the transaction script does (`lock_case`), so that the two queue for one case; two
# first answers racing meet on the unique ("case", "re_ask") (ON CONFLICT DO NOTHING): the
# loser stores nothing, and the caller takes the transaction script, which sees the winner's
# answer. A re-ask's first answer is stored the same way, beside the case's ordinary answer.
_FIRST_ANSWER = """
WITH link AS (
    SELECT i."id" AS "invitation_id", i."case" AS "case_id", i."re_ask", i."expires_at",
           i."emailed", c."code", c."request_type", c."closed_at",
           o."name" AS "office_name", o."name_en" AS "office_name_en"
    FROM "feedback_invitations" i JOIN "cases" c ON c."id" = i."case"
    LEFT JOIN "office" o ON o."id" = c."office"
    WHERE i."token_hash" = ?::varchar AND i."expires_at" > ?::timestamptz
      AND NOT EXISTS (
          SELECT 1 FROM "feedback_responses" r
          WHERE r."case" = i."case" AND r."re_ask" = i."re_ask"
      )
    FOR NO KEY UPDATE OF c
), response AS (
    INSERT INTO "feedback_responses" ("case", "invitation", "re_ask", "questionnaire",
        "questionnaire_version", "answers", "collection_channel", "first_submitted_at",
        "updated_at", "revisions", "satisfaction", "resolved", "effort", "recommend")
    SELECT "case_id", "invitation_id", "re_ask", ?::varchar, ?::integer, ?::json,
           coalesce(?::varchar, CASE WHEN "emailed" THEN 'email_link' ELSE 'web_link' END),
           ?::timestamptz, ?::timestamptz, 1, ?::integer, ?::varchar, ?::integer, ?::integer
    FROM link
    ON CONFLICT ("case", "re_ask") DO NOTHING
    RETURNING "id", "invitation", "answers", "collection_channel", "first_submitted_at"
), revision AS (
    INSERT INTO "feedback_revisions" ("response", "number", "answers", "collection_channel",
        "submitted_at")
    SELECT "id", 1, "answers", "collection_channel", "first_submitted_at" FROM response
), pinned AS (
    INSERT INTO "questionnaire_versions" ("key", "content_hash")
    SELECT ?::varchar, ?::varchar FROM response
    ON CONFLICT ("key") DO NOTHING
)
SELECT link.*, response."id" AS "response_id"
FROM link JOIN response ON response."invitation" = link."invitation_id"
"""


async def link_row(db: Statements, token_hash: str) -> dict[str, Any] | None:
    """The invitation behind a token, its case and the case's current answer (if any)."""
    rows = await db.rows(_LINK, [token_hash])
    return rows[0] if rows else None


async def lock_case(db: Statements, case_id: int) -> None:
    # A no-op update takes the case's row lock on PostgreSQL, so concurrent first answers to one
    # case queue here instead of racing to insert two responses (SQLite's single writer already
    # serialises them).
    await db.rows(_LOCK_CASE, [case_id])


async def current_response(
    db: Statements, case_id: int, *, re_ask: bool = False
) -> dict[str, Any] | None:
    """The case's current ordinary answer, or the answer to its re-ask."""
    rows = await db.rows(_RESPONSE, [case_id, re_ask])
    return rows[0] if rows else None


async def write_answer(
    db: Statements,
    *,
    case_id: int,
    invitation: tuple[int | None, bool],
    response: dict[str, Any] | None,
    questionnaire_id: str,
    questionnaire_version: int,
    answers: dict[str, object],
    channel: str,
    now: datetime,
) -> int:
    """Insert or update the current answer to `invitation` (its id, if any, and whether it is a
    re-ask) and append its revision; return the revision number."""
    encoded = msgspec.json.encode(answers).decode()
    scores = [answers.get(name) for name in SCORE_ITEMS]
    if response is None:
        rows = await db.rows(
            _INSERT_RESPONSE,
            [
                case_id,
                *invitation,
                questionnaire_id,
                questionnaire_version,
                encoded,
                channel,
                now,
                now,
                *scores,
            ],
        )
        response_id, number = rows[0]["id"], 1
    else:
        response_id, number = response["response_id"], response["revisions"] + 1
        await db.rows(_UPDATE_RESPONSE, [encoded, channel, now, number, *scores, response_id])
    await db.rows(_INSERT_REVISION, [response_id, number, encoded, channel, now])
    return number


async def first_answer(
    db: Statements,
    *,
    token_hash: str,
    questionnaire_id: str,
    questionnaire_version: int,
    pin: tuple[str, str],
    answers: dict[str, object],
    channel: str | None,
    now: datetime,
) -> dict[str, Any] | None:
    """PostgreSQL: store the first answer of an open link, its revision and the questionnaire
    version's `pin` (key, content hash) in one statement; the link's row, or None when
    nothing was stored (the link is unknown, expired or already answered: the transaction
    script says which)."""
    encoded = msgspec.json.encode(answers).decode()
    scores = [answers.get(name) for name in SCORE_ITEMS]
    head = [token_hash, now, questionnaire_id, questionnaire_version, encoded, channel, now, now]
    rows = await db.rows(_FIRST_ANSWER, [*head, *scores, *pin])
    return rows[0] if rows else None
