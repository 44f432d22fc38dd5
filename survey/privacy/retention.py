"""Retention, enforced: what is past its time is blanked or deleted, daily and on demand.

Periods come from the settings (README, "Privacy"): contact details, comments and notes, and
links are counted from a case's closing; a copy of an email from its sending (a message that
failed, from its creation). Ratings and choices are never touched: the analysis keeps working
on every answer, with no contact datum left beside it. After a purge that
changed anything, no dead version of a purged row is left in the database's pages
(`purge_dead_rows`: SQLite's secure_delete, VACUUM and an emptied write-ahead log; VACUUM FULL
on PostgreSQL)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable
from datetime import datetime, timedelta
from typing import Any

import msgspec
from piccolo.columns import Column

from case_bridge.storage import clock, engine, json_object, writing
from case_bridge.tables import Case, CaseEvent, FollowUp
from questionnaires import Registry
from survey.feedback.tables import FeedbackInvitation, FeedbackResponse, FeedbackRevision
from survey.follow_ups.tables import FollowUpChange, FollowUpLink
from survey.outbox.services import OutboxStatus
from survey.outbox.tables import OutboxMessage
from survey.privacy.audit import record
from survey.privacy.personal_data import (
    PERSONAL_TABLES,
    chunks,
    comment_codes,
    has_comment,
    without_comments,
)
from survey.settings import Settings

logger = logging.getLogger(__name__)

RETENTION_ACTOR = "retention"


class PurgeReport(msgspec.Struct, kw_only=True):
    """How many items of each kind a purge blanked or deleted."""

    contacts: int = 0  # cases whose email address and phone number were blanked
    requester_keys: int = 0  # invitations whose requester key was blanked
    comments: int = 0  # answers (current or earlier revisions) whose free text was removed
    notes: int = 0  # notes of case events, follow-ups and their changes blanked
    links: int = 0  # invitation and follow-up links destroyed
    emails: int = 0  # copies of sent emails blanked (address, subject, text)

    def affected(self) -> dict[str, int]:
        return {name: count for name, count in msgspec.structs.asdict(self).items() if count}


async def purge(
    *, settings: Settings, registry: Registry, now: datetime | None = None
) -> PurgeReport:
    """Blank or delete what is past its retention at `now`; record the purge if it did
    anything; leave no dead copy in the database's pages."""
    now = clock.as_utc(now) if now is not None else clock.now()
    days = timedelta(days=1)
    report = PurgeReport()
    async with writing():
        contact_cutoff = now - settings.retention_contact_days * days
        report.contacts = await _blank_contacts(contact_cutoff)
        report.requester_keys = await _blank_requester_keys(contact_cutoff)
        comment_cutoff = now - settings.retention_comment_days * days
        report.comments = await _remove_comments(comment_cutoff, comment_codes(registry))
        report.notes = await _blank_notes(comment_cutoff)
        report.links = await _destroy_links(now - settings.retention_token_days * days)
        report.emails = await _blank_emails(now - settings.retention_outbox_days * days)
        if report.affected():
            await record(
                actor=RETENTION_ACTOR,
                action="purge",
                subject_kind="none",
                affected=report.affected(),
            )
    if report.affected():
        await engine().purge_dead_rows(PERSONAL_TABLES)
    return report


def _closed_before(cutoff: datetime):
    return Case.closed_at.is_not_null() & (Case.closed_at <= cutoff)


async def _blank_contacts(cutoff: datetime) -> int:
    rows = await (
        Case.update({Case.contact_email: None, Case.contact_phone: None})
        .where(
            _closed_before(cutoff)
            & (Case.contact_email.is_not_null() | Case.contact_phone.is_not_null())
        )
        .returning(Case.id)
        .run()
    )
    return len(rows)


async def _case_ids_closed_before(cutoff: datetime) -> list[int]:
    rows = await Case.select(Case.id).where(_closed_before(cutoff)).run()
    return [row["id"] for row in rows]


async def _blank_requester_keys(cutoff: datetime) -> int:
    rows = await (
        FeedbackInvitation.select(FeedbackInvitation.id)
        .where(
            FeedbackInvitation.requester_key.is_not_null()
            & FeedbackInvitation.case.closed_at.is_not_null()
            & (FeedbackInvitation.case.closed_at <= cutoff)
        )
        .run()
    )
    ids = [row["id"] for row in rows]
    for chunk in chunks(ids):
        await (
            FeedbackInvitation.update({FeedbackInvitation.requester_key: None})
            .where(FeedbackInvitation.id.is_in(chunk))
            .run()
        )
    return len(ids)


async def _remove_comments(cutoff: datetime, codes: frozenset[str]) -> int:
    responses = await (
        FeedbackResponse.select(FeedbackResponse.id, FeedbackResponse.answers)
        .where(
            FeedbackResponse.case.closed_at.is_not_null()
            & (FeedbackResponse.case.closed_at <= cutoff)
        )
        .run()
    )
    removed = await strip_comments(FeedbackResponse, responses, codes)
    for chunk in chunks([row["id"] for row in responses]):
        revisions = await (
            FeedbackRevision.select(FeedbackRevision.id, FeedbackRevision.answers)
            .where(FeedbackRevision.response.is_in(chunk))
            .run()
        )
        removed += await strip_comments(FeedbackRevision, revisions, codes)
    return removed


async def strip_comments(
    table: type[FeedbackResponse] | type[FeedbackRevision], rows: list[dict], codes: frozenset[str]
) -> int:
    """Remove the free text of `rows` (id and answers) of `table`; how many had any."""
    changed = 0
    for row in rows:
        answers = json_object(row["answers"])
        if has_comment(answers, codes):
            kept = without_comments(answers, codes)
            await table.update({table.answers: kept}).where(table.id == row["id"]).run()
            changed += 1
    return changed


async def _blank_notes(cutoff: datetime) -> int:
    case_ids = await _case_ids_closed_before(cutoff)
    blanked = 0
    for chunk in chunks(case_ids):
        blanked += await blank_notes_of_cases(chunk)
    return blanked


async def blank_notes_of_cases(case_ids: list[int]) -> int:
    """Blank the notes of these cases' events, follow-ups and follow-up changes: free text
    written by operators about a person's request."""
    events = await (
        CaseEvent.update({CaseEvent.note: ""})
        .where(CaseEvent.case.is_in(case_ids) & (CaseEvent.note != ""))
        .returning(CaseEvent.id)
        .run()
    )
    follow_ups = await (
        FollowUp.update({FollowUp.note: ""})
        .where(FollowUp.case.is_in(case_ids) & (FollowUp.note != ""))
        .returning(FollowUp.id)
        .run()
    )
    follow_up_ids = [
        row["id"]
        for row in await FollowUp.select(FollowUp.id).where(FollowUp.case.is_in(case_ids)).run()
    ]
    changes = []
    if follow_up_ids:
        changes = await (
            FollowUpChange.update({FollowUpChange.note: ""})
            .where(FollowUpChange.follow_up.is_in(follow_up_ids) & (FollowUpChange.note != ""))
            .returning(FollowUpChange.id)
            .run()
        )
    return len(events) + len(follow_ups) + len(changes)


async def _destroy_links(cutoff: datetime) -> int:
    invitations = await (
        FeedbackInvitation.select(FeedbackInvitation.id)
        .where(
            (FeedbackInvitation.nonce != "")
            & FeedbackInvitation.case.closed_at.is_not_null()
            & (FeedbackInvitation.case.closed_at <= cutoff)
        )
        .run()
    )
    ids = [row["id"] for row in invitations]
    for chunk in chunks(ids):
        await destroy_invitation_links(chunk)
    closed_follow_ups = await (
        FollowUp.select(FollowUp.id)
        .where(FollowUp.closed_at.is_not_null() & (FollowUp.closed_at <= cutoff))
        .run()
    )
    follow_up_ids = [row["id"] for row in closed_follow_ups]
    deleted = 0
    for chunk in chunks(follow_up_ids):
        rows = await (
            FollowUpLink.delete()
            .where(FollowUpLink.follow_up.is_in(chunk))
            .returning(FollowUpLink.id)
            .run()
        )
        deleted += len(rows)
    return len(ids) + deleted


async def destroy_invitation_links(invitation_ids: list[int]) -> None:
    """Make these invitations' links open nothing, ever: the nonce the link is rebuilt from is
    blanked, and the stored hash replaced by a value no token hashes to (it stays unique)."""
    for invitation_id in invitation_ids:
        await (
            FeedbackInvitation.update(
                {
                    FeedbackInvitation.nonce: "",
                    FeedbackInvitation.token_hash: f"destroyed:{invitation_id}",
                }
            )
            .where(FeedbackInvitation.id == invitation_id)
            .run()
        )


async def _blank_emails(cutoff: datetime) -> int:
    done = (
        (OutboxMessage.status == OutboxStatus.SENT)
        & OutboxMessage.sent_at.is_not_null()
        & (OutboxMessage.sent_at <= cutoff)
    ) | ((OutboxMessage.status == OutboxStatus.FAILED) & (OutboxMessage.created_at <= cutoff))
    rows = await (
        OutboxMessage.update(BLANK_EMAIL)
        .where(done & (OutboxMessage.recipient != ""))
        .returning(OutboxMessage.id)
        .run()
    )
    return len(rows)


# What is left of an email once its copy is erased: its key (so it is never sent twice), its
# status and dates.
BLANK_EMAIL: dict[Column | str, Any] = {
    OutboxMessage.recipient: "",
    OutboxMessage.subject: "",
    OutboxMessage.body: "",
    OutboxMessage.last_error: "",
}


async def purge_daily(
    settings: Settings, registry: Registry, *, first_wait: float | None = None
) -> None:
    """Purge every day at `ASCOLTO_PURGE_HOUR` (UTC), until cancelled; the first time after
    `first_wait` seconds when given (a test's)."""
    wait = first_wait
    while True:
        if wait is None:
            wait = seconds_until_hour(clock.now(), settings.purge_hour)
        await asyncio.sleep(wait)
        wait = None
        try:
            report = await _uninterrupted(purge(settings=settings, registry=registry))
        except Exception:  # the app must keep serving; tomorrow's round tries again
            logger.exception("the retention purge failed; it runs again tomorrow")
            continue
        logger.info("retention purge: %s", report.affected() or "nothing past its time")


async def _uninterrupted(work: Awaitable[PurgeReport]) -> PurgeReport:
    """A purge runs to its end (its VACUUM included) even when the app stops meanwhile; the
    stop waits for it, then goes on."""
    task = asyncio.ensure_future(work)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        await asyncio.wait([task])
        raise


def seconds_until_hour(now: datetime, hour: int) -> float:
    """Seconds from `now` to the next `hour`:00 UTC (a full day if it is that moment)."""
    now = clock.as_utc(now)
    target = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


@contextlib.asynccontextmanager
async def background_purge(
    settings: Settings, registry: Registry, *, first_wait: float | None = None
) -> AsyncIterator[None]:
    """Run `purge_daily` for the length of the block (not when ASCOLTO_PURGE_HOUR is -1)."""
    if settings.purge_hour < 0:
        yield
        return
    daily = purge_daily(settings, registry, first_wait=first_wait)
    task = asyncio.create_task(daily, name="ascolto-purge")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
