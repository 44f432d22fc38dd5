"""Delivering the outbox: claim what is due, send it over SMTP, record what happened.

A message is sent only by the sender that claimed it (status `sending` until `locked_until`),
and is marked sent as soon as the server accepted it. A sender that crashes between the two
leaves a claim that another sender takes over once it has expired; the message may then go out
twice, which the stable Message-ID lets a mail system recognise.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable
from datetime import datetime, timedelta
from email.message import EmailMessage
from urllib.parse import urlsplit

import msgspec

from case_bridge.storage import clock, writing
from survey.outbox.errors import LinkUnavailable, UnknownLinkKind
from survey.outbox.mail import Connection, SendFailure, build_email, failure_of
from survey.outbox.services import LINK_PLACEHOLDER, LinkResolvers, OutboxStatus, resolve_link
from survey.outbox.tables import OutboxMessage
from survey.privacy.notice import audience_of, with_email_notice
from survey.settings import Settings

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)
LEASE = timedelta(minutes=15)
# No send starts when less than this is left of the claim: one send (connect, TLS, login,
# envelope, data) may take several SMTP timeouts, and must end before another sender may
# take the message over.
SEND_MARGIN = timedelta(minutes=5)


class DeliveryReport(msgspec.Struct, kw_only=True):
    """What one delivery run did; `details` has one line per message (no addresses)."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    details: list[str] = msgspec.field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed


class _Claimed(msgspec.Struct, frozen=True):
    id: int
    key: str
    recipient: str
    subject: str
    body: str
    link_kind: str | None
    link_ref: int | None
    attempts: int


async def deliver_due(
    *,
    settings: Settings,
    links: LinkResolvers,
    now: datetime | None = None,
    limit: int = 100,
) -> DeliveryReport:
    """Send up to `limit` messages that are due at `now`, their links given by `links` (one
    resolver per link kind); nothing at all without an SMTP URL."""
    now = clock.as_utc(now) if now is not None else clock.now()
    if settings.smtp_url is None:
        waiting = (
            await OutboxMessage.count().where(OutboxMessage.status == OutboxStatus.PENDING).run()
        )
        return DeliveryReport(
            details=[f"ASCOLTO_SMTP_URL is not set: nothing sent, {waiting} messages wait"]
        )
    lease_until = now + LEASE
    claimed = await _claim(now=now, lease_until=lease_until, limit=limit)
    report = DeliveryReport()
    if claimed:
        await _send_claimed(
            claimed,
            settings=settings,
            links=links,
            now=now,
            lease_until=lease_until,
            report=report,
        )
    return report


def _due(now: datetime):
    pending = (OutboxMessage.status == OutboxStatus.PENDING) & (
        OutboxMessage.next_attempt_at <= now
    )
    abandoned = (OutboxMessage.status == OutboxStatus.SENDING) & (OutboxMessage.locked_until < now)
    return pending | abandoned


async def _claim(*, now: datetime, lease_until: datetime, limit: int) -> list[_Claimed]:
    async with writing():
        rows = await (
            OutboxMessage.select(OutboxMessage.id)
            .where(_due(now))
            .order_by(OutboxMessage.next_attempt_at)
            .order_by(OutboxMessage.id)
            .limit(limit)
            .run()
        )
        if not rows:
            return []
        # The condition is checked again in the UPDATE: on PostgreSQL a concurrent sender that
        # chose the same rows waits for our commit, then finds them no longer due.
        claimed = await (
            OutboxMessage.update(
                {
                    OutboxMessage.status: OutboxStatus.SENDING,
                    OutboxMessage.locked_until: lease_until,
                }
            )
            .where(OutboxMessage.id.is_in([row["id"] for row in rows]) & _due(now))
            .returning(
                OutboxMessage.id,
                OutboxMessage.key,
                OutboxMessage.recipient,
                OutboxMessage.subject,
                OutboxMessage.body,
                OutboxMessage.link_kind,
                OutboxMessage.link_ref,
                OutboxMessage.attempts,
            )
            .run()
        )
    return sorted(msgspec.convert(claimed, list[_Claimed]), key=lambda message: message.id)


async def _send_claimed(
    claimed: list[_Claimed],
    *,
    settings: Settings,
    links: LinkResolvers,
    now: datetime,
    lease_until: datetime,
    report: DeliveryReport,
) -> None:
    assert settings.smtp_url is not None
    connection = Connection(
        settings.smtp_url, local_hostname=urlsplit(settings.public_url).hostname
    )
    deadline = time.monotonic() + (LEASE - SEND_MARGIN).total_seconds()
    remaining = list(claimed)
    try:
        while remaining and time.monotonic() < deadline:
            message = remaining.pop(0)
            prepared = await _prepare(message, settings=settings, links=links, now=now)
            # Once the server may have the message, its result must be recorded even if the
            # task is cancelled meanwhile (shutdown), or another sender would send it again.
            await _uninterrupted(
                _send_and_record(
                    message,
                    prepared,
                    connection=connection,
                    now=now,
                    lease_until=lease_until,
                    report=report,
                )
            )
    finally:
        # Untouched messages go back at once (also when the task is cancelled at shutdown)
        # rather than waiting for their claim to expire.
        await _uninterrupted(_release(remaining, lease_until=lease_until))
        await connection.close()


async def _uninterrupted(work: Awaitable[None]) -> None:
    """Run `work` to its end even when the caller is cancelled meanwhile, then let the
    cancellation through."""
    task = asyncio.ensure_future(work)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await asyncio.wait([task])
        raise


async def _prepare(
    message: _Claimed, *, settings: Settings, links: LinkResolvers, now: datetime
) -> EmailMessage | SendFailure:
    try:
        body = message.body
        if message.link_kind is not None and message.link_ref is not None:
            link = await resolve_link(links=links, kind=message.link_kind, ref=message.link_ref)
            body = body.replace(LINK_PLACEHOLDER, link)
        # Added at sending, not stored: the notice says the periods in force when it is read.
        body = with_email_notice(body, settings, audience_of(message.link_kind))
        return build_email(
            key=message.key,
            sender=settings.mail_from,
            recipient=message.recipient,
            subject=message.subject,
            body=body,
            public_url=settings.public_url,
            at=now,
        )
    except LinkUnavailable as error:
        return SendFailure(f"no link: {error}", permanent=True)
    except UnknownLinkKind as error:
        return SendFailure(str(error))
    except Exception as error:  # a bug in a resolver must not stop the rest of the batch
        logger.exception("outbox message %s could not be prepared", message.key)
        return failure_of(error)


async def _send_and_record(
    message: _Claimed,
    prepared: EmailMessage | SendFailure,
    *,
    connection: Connection,
    now: datetime,
    lease_until: datetime,
    report: DeliveryReport,
) -> None:
    failure: SendFailure | None = None
    if isinstance(prepared, SendFailure):
        failure = prepared
    else:
        try:
            await connection.send(prepared)
        except SendFailure as error:
            failure = error
    await _record(message, failure, now=now, lease_until=lease_until, report=report)


async def _record(
    message: _Claimed,
    failure: SendFailure | None,
    *,
    now: datetime,
    lease_until: datetime,
    report: DeliveryReport,
) -> None:
    changes, outcome = _outcome(message, failure, now=now)
    if not await _finish(message.id, changes, lease_until=lease_until):
        logger.warning("outbox message %s: claim lost before its result was recorded", message.key)
    if outcome == OutboxStatus.SENT:
        report.sent += 1
        report.details.append(f"{message.key}: sent")
    elif outcome == OutboxStatus.PENDING:
        report.retried += 1
        report.details.append(f"{message.key}: will retry ({changes[OutboxMessage.last_error]})")
    else:
        report.failed += 1
        report.details.append(f"{message.key}: failed ({changes[OutboxMessage.last_error]})")


def _outcome(message: _Claimed, failure: SendFailure | None, *, now: datetime):
    if failure is None:
        return {
            OutboxMessage.status: OutboxStatus.SENT,
            OutboxMessage.sent_at: now,
            OutboxMessage.locked_until: None,
            OutboxMessage.last_error: "",
        }, OutboxStatus.SENT
    attempts = message.attempts + 1
    changes = {
        OutboxMessage.attempts: attempts,
        OutboxMessage.locked_until: None,
        OutboxMessage.last_error: failure.reason,
    }
    if failure.permanent or attempts >= MAX_ATTEMPTS:
        if not failure.permanent:
            changes[OutboxMessage.last_error] = (
                f"gave up after {attempts} attempts: {failure.reason}"
            )
        return changes | {OutboxMessage.status: OutboxStatus.FAILED}, OutboxStatus.FAILED
    return changes | {
        OutboxMessage.status: OutboxStatus.PENDING,
        OutboxMessage.next_attempt_at: now + retry_delay(attempts),
    }, OutboxStatus.PENDING


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failure: 1 min, 2, 4, … at most 6 h."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)


async def _finish(message_id: int, changes: dict, *, lease_until: datetime) -> bool:
    # Only while our claim holds: an expired claim taken over belongs to the other sender.
    async with writing():
        rows = await (
            OutboxMessage.update(changes)
            .where(
                (OutboxMessage.id == message_id)
                & (OutboxMessage.status == OutboxStatus.SENDING)
                & (OutboxMessage.locked_until == lease_until)
            )
            .returning(OutboxMessage.id)
            .run()
        )
    return bool(rows)


async def _release(messages: list[_Claimed], *, lease_until: datetime) -> None:
    if not messages:
        return
    async with writing():
        await (
            OutboxMessage.update(
                {OutboxMessage.status: OutboxStatus.PENDING, OutboxMessage.locked_until: None}
            )
            .where(
                OutboxMessage.id.is_in([message.id for message in messages])
                & (OutboxMessage.status == OutboxStatus.SENDING)
                & (OutboxMessage.locked_until == lease_until)
            )
            .run()
        )


async def deliver_forever(settings: Settings, links: LinkResolvers) -> None:
    """Deliver what is due every `outbox_interval_seconds`, until cancelled."""
    limit = 100
    while True:
        try:
            report = await deliver_due(settings=settings, links=links, limit=limit)
        except Exception:  # the app must keep serving; the next round tries again
            logger.exception("outbox delivery failed; trying again in the next round")
            report = DeliveryReport()
        for line in report.details:
            logger.info("outbox: %s", line)
        # A full batch suggests more are due: go on without waiting.
        if report.handled < limit:
            await asyncio.sleep(settings.outbox_interval_seconds)


@contextlib.asynccontextmanager
async def background_delivery(settings: Settings, links: LinkResolvers) -> AsyncIterator[None]:
    """Run `deliver_forever` for the length of the block when an SMTP URL is set."""
    if settings.smtp_url is None:
        yield
        return
    task = asyncio.create_task(deliver_forever(settings, links), name="ascolto-outbox")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
