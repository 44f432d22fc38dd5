"""Telling the owner office: a signed link when a follow-up opens, a reminder when it is overdue.

Both go through the outbox, keyed so that running this twice sends nothing twice. It runs with
each round of the app's background delivery and as `ascolto follow-ups notify`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime

from case_bridge.storage import clock, writing
from case_bridge.tables import FollowUp, Referent
from survey.follow_ups.states import State, add_working_days, reminder_due
from survey.follow_ups.tables import FollowUpLink
from survey.outbox.errors import LinkUnavailable
from survey.outbox.services import LINK_PLACEHOLDER, enqueue
from survey.settings import Settings
from survey.web.tokens import hash_token, new_nonce, token_for

logger = logging.getLogger(__name__)

PURPOSE = "follow-up"
LINK_KIND = "follow-up"

_OPENED = (
    "Un cittadino non è stato soddisfatto della risposta al caso {case} ({reason}).\n"
    "Vi chiediamo di ricontattarlo e di registrare l'esito entro il {due}:\n\n"
    "{link}\n\n"
    "A citizen was not satisfied with case {case}. Please call them back and record the "
    "outcome through the link above.\n"
)
_REMINDER = (
    "Il seguito del caso {case} è scaduto e non è ancora chiuso:\n\n"
    "{link}\n\n"
    "The follow-up of case {case} is overdue and not yet closed.\n"
)


@dataclass(frozen=True)
class NoticeReport:
    notified: int
    reminded: int


async def follow_up_link(follow_up_id: int, *, settings: Settings) -> str:
    """The owner office's link to a follow-up, rebuilt from its nonce and the secret key."""
    row = (
        await FollowUpLink.select(FollowUpLink.nonce)
        .where(FollowUpLink.follow_up == follow_up_id)
        .first()
        .run()
    )
    if row is None:
        raise LinkUnavailable(f"follow-up {follow_up_id} has no link")
    token = token_for(settings.secret_key, PURPOSE, row["nonce"])
    return f"{settings.public_url}/s/{token}"


async def _referents(office_id: int) -> list[str]:
    rows = (
        await Referent.select(Referent.email)
        .where((Referent.office == office_id) & (Referent.active == True))
        .run()
    )
    return [row["email"] for row in rows]


async def _ensure_link(follow_up_id: int, settings: Settings, now: datetime) -> None:
    if await FollowUpLink.exists().where(FollowUpLink.follow_up == follow_up_id).run():
        return
    nonce = new_nonce()
    token_hash = hash_token(token_for(settings.secret_key, PURPOSE, nonce))
    await FollowUpLink.insert(
        FollowUpLink(follow_up=follow_up_id, nonce=nonce, token_hash=token_hash, created_at=now)
    ).run()


async def _pending_rows(*columns_where) -> list[dict]:
    return (
        await FollowUp.select(
            FollowUp.id,
            FollowUp.office,
            FollowUp.case.code.as_alias("case"),
            FollowUp.reason,
            FollowUp.status,
            FollowUp.opened_at,
            FollowUp.reminded_at,
        )
        .where(*columns_where)
        .run()
    )


async def send_notices(*, settings: Settings, now: datetime | None = None) -> NoticeReport:
    """Email new follow-ups' offices their link, and remind overdue ones; how many of each."""
    now = now or clock.now()
    days = settings.follow_up_due_days
    notified = reminded = 0
    # A Front Office follow-up (no office) has no referents to write to: managers work it.
    fresh = await _pending_rows(FollowUp.notified_at.is_null(), FollowUp.office.is_not_null())
    for row in fresh:
        due = clock.local_date(_due(row["opened_at"], days))
        async with writing():
            await _ensure_link(row["id"], settings, now)
            for email in await _referents(row["office"]):
                await enqueue(
                    key=f"follow-up:{row['id']}:{email}",
                    recipient=email,
                    subject=f"Seguito del caso {row['case']} / Follow-up of case {row['case']}",
                    body=_OPENED.format(
                        case=row["case"], reason=row["reason"], due=due, link=LINK_PLACEHOLDER
                    ),
                    link_kind=LINK_KIND,
                    link_ref=row["id"],
                )
            await FollowUp.update({FollowUp.notified_at: now}).where(FollowUp.id == row["id"]).run()
        notified += 1
    unclosed = await _pending_rows(
        FollowUp.status != State.CLOSED.value, FollowUp.notified_at.is_not_null()
    )
    for row in unclosed:
        if not reminder_due(row["status"], row["opened_at"], row["reminded_at"], now, days):
            continue
        async with writing():
            for email in await _referents(row["office"]):
                await enqueue(
                    key=f"follow-up-reminder:{row['id']}:{email}:{now.isoformat()}",
                    recipient=email,
                    subject=f"Seguito scaduto: caso {row['case']} / Overdue follow-up",
                    body=_REMINDER.format(case=row["case"], link=LINK_PLACEHOLDER),
                    link_kind=LINK_KIND,
                    link_ref=row["id"],
                )
            await FollowUp.update({FollowUp.reminded_at: now}).where(FollowUp.id == row["id"]).run()
        reminded += 1
    return NoticeReport(notified, reminded)


def _due(opened_at: datetime, days: int) -> datetime:
    return add_working_days(opened_at, days)


async def _notify_forever(settings: Settings) -> None:
    while True:
        try:
            report = await send_notices(settings=settings)
            if report.notified or report.reminded:
                logger.info("follow-ups: %d notified, %d reminded", *vars(report).values())
        except Exception:  # the app must keep serving; the next round tries again
            logger.exception("follow-up notices failed; trying again in the next round")
        await asyncio.sleep(settings.outbox_interval_seconds)


@contextlib.asynccontextmanager
async def background_notices(settings: Settings) -> AsyncIterator[None]:
    """Put follow-up notices in the outbox with each outbox round, when mail can be sent."""
    if settings.smtp_url is None:
        yield
        return
    task = asyncio.create_task(_notify_forever(settings), name="ascolto-follow-up-notices")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


__all__ = ["LINK_KIND", "NoticeReport", "background_notices", "follow_up_link", "send_notices"]
