"""Changing a follow-up: every change goes through `next_state` and leaves a history row.

Each change is a transaction script step (plain SQL, the same on both engines), so the rating
change that closes a follow-up commits with it. Closing may also ask the citizen again (a
re-ask invitation, `survey.feedback.invitations.create_re_ask`), in the same transaction."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from case_bridge import storage
from case_bridge.storage import AwaitedStatements, clock
from case_bridge.storage.errors import Invalid
from case_bridge.storage.scripts import Statements
from survey.feedback.invitations import create_re_ask
from survey.follow_ups.errors import FollowUpLinkUnavailable, FollowUpNotFound, UnknownManager
from survey.follow_ups.states import Action, Outcome, State, next_state
from survey.settings import Settings
from survey.web.tokens import hash_token

CITIZEN = "citizen"  # the actor of a change made by the citizen's own new rating

_ROW = 'SELECT "status", "manager" FROM "follow_ups" WHERE "id" = ?'
_UPDATE = """
UPDATE "follow_ups" SET "status" = ?, "manager" = ?, "outcome" = ?, "note" = ?, "closed_at" = ?
WHERE "id" = ?
"""
_HISTORY = """
INSERT INTO "follow_up_changes" ("follow_up", "actor", "at", "action", "from_state", "to_state",
    "note")
VALUES (?, ?, ?, ?, ?, ?, ?)
"""
_MANAGER = 'SELECT "name" FROM "users" WHERE "name" = ? AND "active" = ?'
_BY_LINK = """
SELECT l."follow_up", o."code" AS "office" FROM "follow_up_links" l
JOIN "follow_ups" f ON f."id" = l."follow_up"
LEFT JOIN "office" o ON o."id" = f."office"
WHERE l."token_hash" = ?
"""
_CASE_OF = 'SELECT "case" FROM "follow_ups" WHERE "id" = ?'
_OPEN_OF_CASE = """
SELECT "id" FROM "follow_ups" WHERE "case" = ? AND "status" <> 'closed'
"""


async def change(
    db: Statements,
    *,
    follow_up_id: int,
    action: Action,
    actor: str,
    now: datetime,
    outcome: Outcome | None = None,
    note: str = "",
    manager: str | None = None,
) -> State:
    """Apply one action to a follow-up and keep it in the history; the new state."""
    rows = await db.rows(_ROW, [follow_up_id])
    if not rows:
        raise FollowUpNotFound(follow_up_id)
    previous = State(rows[0]["status"])
    state = next_state(previous, action, outcome=outcome)
    assigning = action == Action.ASSIGN
    if assigning and (manager is None or not await db.rows(_MANAGER, [manager, True])):
        raise UnknownManager(manager or "")
    closing = state == State.CLOSED
    await db.rows(
        _UPDATE,
        [
            state.value,
            manager if action == Action.ASSIGN else rows[0]["manager"],
            outcome.value if closing and outcome else None,
            note if closing else "",
            now if closing else None,
            follow_up_id,
        ],
    )
    await db.rows(
        _HISTORY, [follow_up_id, actor, now, action.value, previous.value, state.value, note]
    )
    return state


Step = Callable[[Statements], Coroutine[Any, Any, tuple[int, State]]]


async def _apply(step: Step, *, action: Action, re_ask: bool, settings: Settings | None) -> State:
    """Run a change; with `re_ask`, ask the citizen again as it closes (the settings give the
    link's key and how long it stays open)."""
    if not re_ask:
        return (await storage.run_script(step))[1]
    assert settings is not None, "a re-ask is written with the app's settings"
    if action != Action.CLOSE:
        raise Invalid("re_ask", "only closing a follow-up can ask the citizen again")
    # The re-ask writes an invitation and its email through the ORM, so the change runs in an
    # ordinary writing transaction rather than a script: all of it commits, or none.
    async with storage.writing():
        db = AwaitedStatements(storage.engine())
        follow_up_id, state = await step(db)
        (row,) = await db.rows(_CASE_OF, [follow_up_id])
        await create_re_ask(case_id=row["case"], settings=settings)
    return state


async def act(
    *,
    follow_up_id: int,
    action: Action,
    actor: str,
    outcome: Outcome | None = None,
    note: str = "",
    manager: str | None = None,
    re_ask: bool = False,
    settings: Settings | None = None,
) -> State:
    """A manager's action on any follow-up; closing may ask the citizen again (`re_ask`)."""
    now = clock.now()

    async def step(db: Statements) -> tuple[int, State]:
        state = await change(
            db,
            follow_up_id=follow_up_id,
            action=action,
            actor=actor,
            now=now,
            outcome=outcome,
            note=note,
            manager=manager,
        )
        return follow_up_id, state

    return await _apply(step, action=action, re_ask=re_ask, settings=settings)


async def follow_up_of_link(db: Statements, token: str) -> tuple[int, str]:
    """The follow-up a link opens, and the code of the office it belongs to."""
    rows = await db.rows(_BY_LINK, [hash_token(token)])
    if not rows:
        raise FollowUpLinkUnavailable()
    return rows[0]["follow_up"], rows[0]["office"]


async def act_by_link(
    *,
    token: str,
    action: Action,
    outcome: Outcome | None = None,
    note: str = "",
    re_ask: bool = False,
    settings: Settings | None = None,
) -> State:
    """The owner office's action through its signed link: only on the follow-up it opens, and
    never naming a manager (that is management's choice)."""
    if action == Action.ASSIGN:
        raise FollowUpLinkUnavailable()
    now = clock.now()

    async def step(db: Statements) -> tuple[int, State]:
        follow_up_id, office = await follow_up_of_link(db, token)
        state = await change(
            db,
            follow_up_id=follow_up_id,
            action=action,
            actor=f"office:{office} link",
            now=now,
            outcome=outcome,
            note=note,
        )
        return follow_up_id, state

    return await _apply(step, action=action, re_ask=re_ask, settings=settings)


async def close_on_improved_rating(db: Statements, *, case_id: int, now: datetime) -> None:
    """The citizen raised the rating to 4–5: the follow-up has nothing left to fix."""
    for row in await db.rows(_OPEN_OF_CASE, [case_id]):
        await change(
            db,
            follow_up_id=row["id"],
            action=Action.CLOSE,
            actor=CITIZEN,
            now=now,
            outcome=Outcome.RATING_IMPROVED,
        )


async def follow_up_of_link_now(token: str) -> tuple[int, str]:
    """`follow_up_of_link` on its own, outside a change."""
    return await storage.run_script(lambda db: follow_up_of_link(db, token))
