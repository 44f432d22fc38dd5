"""The demo's follow-ups worked as an office would work them: most closed with an outcome,
some in progress, some still open (overdue by now), those whose citizen raised the rating
closed as "rating improved"; each change kept in the history, so every figure has data."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from case_bridge.storage import clock
from survey.demo.people import MANAGER
from survey.follow_ups.work import CITIZEN

# Shares of the outcomes of the follow-ups an office closes, for the demo only: no published
# figure exists; most call-backs reach the citizen, a fifth do not.
OUTCOMES = {
    "recontacted_solved": 0.45,
    "recontacted_nothing_more": 0.25,
    "unreachable": 0.20,
    "not_a_service_problem": 0.10,
}
CLOSED_SHARE, IN_PROGRESS_SHARE = 0.70, 0.15  # the rest stays open
NAMED_MANAGER_SHARE = 0.30

_FOLLOW_UPS = """
SELECT f."id", f."opened_at", o."code" AS "office", r."satisfaction", r."updated_at"
FROM "follow_ups" f
LEFT JOIN "office" o ON o."id" = f."office"
LEFT JOIN "feedback_responses" r ON r."case" = f."case" AND NOT r."re_ask"
ORDER BY f."id"
"""
_UPDATE = """
UPDATE "follow_ups" SET "status" = ?, "manager" = ?, "outcome" = ?, "note" = ?,
    "closed_at" = ?, "notified_at" = ?
WHERE "id" = ?
"""
_HISTORY = """
INSERT INTO "follow_up_changes" ("follow_up", "actor", "at", "action", "from_state", "to_state",
    "note")
VALUES (?, ?, ?, ?, ?, ?, ?)
"""


def _moment(value: object) -> datetime:
    # SQLite gives the stored text, PostgreSQL the datetime.
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value


async def work_follow_ups(engine, *, seed: int) -> None:
    """Give every follow-up of the demo year a state, owner's actions and history."""
    pick = random.Random(seed + 2)
    moment = engine.timestamp_parameter
    now = clock.now()
    updates: list[tuple[Any, ...]] = []
    history: list[tuple[Any, ...]] = []
    for row in await engine.run_sql(_FOLLOW_UPS):
        opened = _moment(row["opened_at"])
        worker = f"office:{row['office']} link" if row["office"] else MANAGER
        notified = moment(opened) if row["office"] else None
        if (row["satisfaction"] or 0) >= 4:
            at = _moment(row["updated_at"])
            updates.append(("closed", None, "rating_improved", "", moment(at), notified, row["id"]))
            history.append((row["id"], CITIZEN, moment(at), "close", "open", "closed", ""))
            continue
        manager = None
        if pick.random() < NAMED_MANAGER_SHARE:
            manager = MANAGER
            at = moment(opened + timedelta(hours=2))
            history.append((row["id"], MANAGER, at, "assign", "open", "open", ""))
        chance = pick.random()
        if chance >= CLOSED_SHARE + IN_PROGRESS_SHARE:
            updates.append(("open", manager, None, "", None, notified, row["id"]))
            continue
        taken = opened + timedelta(days=pick.uniform(0.2, 3))
        history.append(
            (row["id"], worker, moment(taken), "take_in_charge", "open", "in_progress", "")
        )
        if chance >= CLOSED_SHARE:
            updates.append(("in_progress", manager, None, "", None, notified, row["id"]))
            continue
        closed = min(taken + timedelta(days=pick.uniform(0.5, 6)), now)
        outcome = pick.choices(list(OUTCOMES), weights=list(OUTCOMES.values()))[0]
        note = "Cittadino richiamato" if outcome.startswith("recontacted") else ""
        updates.append(("closed", manager, outcome, note, moment(closed), notified, row["id"]))
        history.append((row["id"], worker, moment(closed), "close", "in_progress", "closed", note))
    await engine.executemany(_UPDATE, updates)
    await engine.executemany(_HISTORY, history)
