"""Putting emails in the outbox, finding each message's link, and the outbox's counts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from enum import StrEnum

from piccolo.query.functions.aggregate import Count

from case_bridge.storage import clock, writing
from survey.outbox.errors import UnknownLinkKind
from survey.outbox.tables import OutboxMessage

LINK_PLACEHOLDER = "{link}"

LinkResolver = Callable[[int], Awaitable[str]]
"""Gives the `{link}` of a message from its `link_ref` (raising `LinkUnavailable` when it never
can). The sender is handed one per link kind by its caller, bound to that app's settings: the
link carries the app's public address and a token under its secret key."""

LinkResolvers = Mapping[str, LinkResolver]


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


async def resolve_link(*, links: LinkResolvers, kind: str, ref: int) -> str:
    """The link of one message, from the resolver given for its kind."""
    resolver = links.get(kind)
    if resolver is None:
        raise UnknownLinkKind(f"no link resolver is given for {kind!r}")
    return await resolver(ref)


async def enqueue(
    *,
    key: str,
    recipient: str,
    subject: str,
    body: str,
    link_kind: str | None = None,
    link_ref: int | None = None,
) -> bool:
    """Add a pending message, in the caller's transaction if any; False if `key` is known."""
    _check_message(recipient=recipient, subject=subject, body=body, link_kind=link_kind)
    if (link_kind is None) != (link_ref is None):
        raise ValueError("link_kind and link_ref go together")
    now = clock.now()
    message = OutboxMessage(
        key=key,
        recipient=recipient,
        subject=subject,
        body=body,
        link_kind=link_kind,
        link_ref=link_ref,
        status=OutboxStatus.PENDING,
        next_attempt_at=now,
        created_at=now,
    )
    async with writing():
        # ON CONFLICT rather than a look-up first: a unique violation would abort the caller's
        # whole PostgreSQL transaction, and two concurrent callers could both miss the look-up.
        rows = await (
            OutboxMessage.insert(message)
            .on_conflict(target=OutboxMessage.key, action="DO NOTHING")
            .returning(OutboxMessage.id)
            .run()
        )
    return bool(rows)


def _check_message(*, recipient: str, subject: str, body: str, link_kind: str | None) -> None:
    if "@" not in recipient or any(char.isspace() for char in recipient):
        raise ValueError(f"not an email address: {recipient!r}")
    if "\r" in subject or "\n" in subject:
        raise ValueError("a subject is one line")
    if LINK_PLACEHOLDER in body and link_kind is None:
        raise ValueError("a body with {link} needs a link_kind and link_ref")


async def outbox_counts() -> dict[OutboxStatus, int]:
    """How many messages are in each status (every status present, zero included)."""
    rows = await (
        OutboxMessage.select(OutboxMessage.status, Count(alias="count"))
        .group_by(OutboxMessage.status)
        .run()
    )
    counts = dict.fromkeys(OutboxStatus, 0)
    for row in rows:
        counts[OutboxStatus(row["status"])] = row["count"]
    return counts
