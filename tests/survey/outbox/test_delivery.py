"""Delivering the outbox to a real SMTP server on loopback, with time given as `now`."""

from __future__ import annotations

import asyncio
import contextlib
import functools
from datetime import UTC, datetime, timedelta

import msgspec
import pytest

from survey.outbox.errors import LinkUnavailable
from survey.outbox.sender import LEASE, DeliveryReport, deliver_due, retry_delay
from survey.outbox.services import LinkResolvers, enqueue
from survey.settings import Settings
from tests.survey.outbox.factories import message_row, queue_message
from tests.survey.outbox.mailserver import PASSWORD, USER, Inbox, links_for_tests


def moment() -> datetime:
    return datetime.now(UTC)


class Gate:
    """Makes the next link it resolves hang, as a sender that crashes mid-batch would."""

    hang_next = False
    reached: asyncio.Event | None = None


async def hanging_link(ref: int, settings: Settings) -> str:
    if Gate.hang_next:
        Gate.hang_next = False
        assert Gate.reached is not None
        Gate.reached.set()
        await asyncio.Event().wait()
    return f"{settings.public_url}/slow/{ref}"


async def withdrawn_link(ref: int) -> str:
    raise LinkUnavailable("the invitation was withdrawn")


def links(settings: Settings) -> LinkResolvers:
    """The test kind's links, and two kinds whose links hang or are withdrawn."""
    return links_for_tests(settings) | {
        "outbox-hanging-test": functools.partial(hanging_link, settings=settings),
        "outbox-withdrawn-test": withdrawn_link,
    }


async def deliver(settings: Settings, **options) -> DeliveryReport:
    """`deliver_due` with this module's link kinds."""
    return await deliver_due(settings=settings, links=links(settings), **options)


async def test_delivery_fills_the_link_and_identifies_the_message(
    db, smtp_settings: Settings, inbox: Inbox
) -> None:
    await queue_message("feedback-invitation:12", link_ref=12)
    now = moment()

    report = await deliver(smtp_settings, now=now)

    assert (report.sent, report.retried, report.failed) == (1, 0, 0)
    [email] = inbox.messages
    assert email["To"] == "maria.rossi@example.it"
    assert email["From"] == smtp_settings.mail_from
    assert email["Subject"] == "La sua opinione sul Contact Center"
    assert email["Message-ID"] == "<ascolto.feedback-invitation=3A12@testserver.local>"
    assert email["Date"]
    lines = email.get_body(("plain",)).get_content().splitlines()
    assert "Gentile cittadino, ci dica com'è andata: http://testserver.local/test-links/12" in lines
    row = await message_row("feedback-invitation:12")
    assert (row["status"], row["sent_at"], row["locked_until"]) == ("sent", now, None)


async def test_server_down_loses_nothing_and_a_later_run_delivers_once(
    db, down_settings: Settings, smtp_settings: Settings, inbox: Inbox
) -> None:
    await queue_message("feedback-invitation:1")
    start = moment()

    report = await deliver(down_settings, now=start)

    assert (report.sent, report.retried, report.failed) == (0, 1, 0)
    row = await message_row("feedback-invitation:1")
    assert (row["status"], row["attempts"]) == ("pending", 1)
    assert row["next_attempt_at"] == start + timedelta(minutes=1)
    assert row["last_error"]

    early = await deliver(smtp_settings, now=start + timedelta(seconds=30))
    assert early.handled == 0 and inbox.messages == []

    later = await deliver(smtp_settings, now=start + timedelta(minutes=2))
    again = await deliver(smtp_settings, now=start + timedelta(days=1))

    assert (later.sent, again.handled) == (1, 0)
    assert len(inbox.messages) == 1
    row = await message_row("feedback-invitation:1")
    assert (row["status"], row["attempts"], row["last_error"]) == ("sent", 1, "")


async def test_back_off_doubles_then_gives_up_after_eight_attempts(
    db, down_settings: Settings
) -> None:
    await queue_message("feedback-invitation:2")
    now = moment()
    waits = []
    for _ in range(7):
        await deliver(down_settings, now=now)
        next_attempt_at = (await message_row("feedback-invitation:2"))["next_attempt_at"]
        waits.append(next_attempt_at - now)
        now = next_attempt_at

    report = await deliver(down_settings, now=now)

    assert waits == [timedelta(minutes=2**n) for n in range(7)]
    assert report.failed == 1
    row = await message_row("feedback-invitation:2")
    assert (row["status"], row["attempts"]) == ("failed", 8)
    assert row["last_error"].startswith("gave up after 8 attempts")
    assert retry_delay(20) == timedelta(hours=6)


async def test_a_refused_recipient_fails_for_good_and_the_batch_goes_on(
    db, smtp_settings: Settings, inbox: Inbox
) -> None:
    await queue_message("a:1", recipient="nobody@example.it")
    await queue_message("a:2", recipient="busy@example.it")
    await queue_message("a:3")

    report = await deliver(smtp_settings, now=moment())

    assert (report.sent, report.retried, report.failed) == (1, 1, 1)
    refused = await message_row("a:1")
    assert refused["status"] == "failed"
    assert refused["last_error"] == "550 5.1.1 No such user here"
    busy = await message_row("a:2")
    assert (busy["status"], busy["attempts"]) == ("pending", 1)
    assert busy["last_error"].startswith("450")
    assert [email["To"] for email in inbox.messages] == ["maria.rossi@example.it"]


async def test_a_withdrawn_link_fails_the_message(db, smtp_settings: Settings, inbox) -> None:
    await queue_message("a:4")
    await enqueue(
        key="a:5",
        recipient="maria.rossi@example.it",
        subject="S",
        body="{link}",
        link_kind="outbox-withdrawn-test",
        link_ref=1,
    )

    report = await deliver(smtp_settings, now=moment())

    assert (report.sent, report.failed) == (1, 1)
    assert (await message_row("a:5"))["last_error"] == "no link: the invitation was withdrawn"


async def test_a_link_kind_the_sender_was_not_given_waits(
    db, smtp_settings: Settings, inbox
) -> None:
    await queue_message("a:6")

    report = await deliver_due(settings=smtp_settings, links={}, now=moment())

    assert (report.sent, report.retried) == (0, 1) and inbox.messages == []
    row = await message_row("a:6")
    assert row["status"] == "pending"
    assert row["last_error"] == "no link resolver is given for 'outbox-test'"


async def test_a_crashed_senders_claim_is_taken_over_once_expired(
    db, smtp_settings: Settings, inbox: Inbox
) -> None:
    await enqueue(
        key="crash:1",
        recipient="maria.rossi@example.it",
        subject="S",
        body="{link}",
        link_kind="outbox-hanging-test",
        link_ref=3,
    )
    start = moment()
    Gate.hang_next, Gate.reached = True, asyncio.Event()
    crashing = asyncio.create_task(deliver(smtp_settings, now=start))
    await asyncio.wait_for(Gate.reached.wait(), timeout=5)
    crashing.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await crashing
    assert (await message_row("crash:1"))["status"] == "sending"

    meanwhile = await deliver(smtp_settings, now=start + timedelta(minutes=1))
    after = await deliver(smtp_settings, now=start + LEASE + timedelta(seconds=1))

    assert (meanwhile.handled, after.sent) == (0, 1)
    # The body's first line (the privacy notice follows it).
    bodies = [email.get_body(("plain",)).get_content() for email in inbox.messages]
    assert [body.splitlines()[0] for body in bodies] == ["http://testserver.local/slow/3"]
    assert (await message_row("crash:1"))["status"] == "sent"


async def test_two_senders_never_take_the_same_message(
    db, smtp_settings: Settings, inbox: Inbox
) -> None:
    for number in range(20):
        await queue_message(f"many:{number}")
    now = moment()

    sent = 0
    while True:
        first, second = await asyncio.gather(
            deliver(smtp_settings, now=now, limit=3),
            deliver(smtp_settings, now=now, limit=3),
        )
        if first.handled + second.handled == 0:
            break
        sent += first.sent + second.sent

    ids = [email["Message-ID"] for email in inbox.messages]
    assert sent == 20
    assert len(ids) == len(set(ids)) == 20


async def test_without_an_smtp_url_nothing_is_sent_and_it_says_so(db, settings: Settings) -> None:
    await queue_message("waiting:1")

    report = await deliver(settings)

    assert report.handled == 0
    assert report.details == ["ASCOLTO_SMTP_URL is not set: nothing sent, 1 messages wait"]
    assert (await message_row("waiting:1"))["status"] == "pending"


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
@pytest.mark.parametrize(
    ("credentials", "status", "error"),
    [
        (f"{USER}:s3cret%20p%40ss@", "sent", ""),
        (f"{USER}:wrong@", "pending", "535"),
        ("", "pending", "530"),
    ],
)
async def test_login_when_the_url_has_credentials(
    db,
    settings: Settings,
    smtp_login_server: tuple[Inbox, int],
    credentials: str,
    status: str,
    error: str,
) -> None:
    inbox, port = smtp_login_server
    assert PASSWORD == "s3cret p@ss"
    url = f"smtp://{credentials}127.0.0.1:{port}"
    await queue_message("login:1")

    await deliver(msgspec.structs.replace(settings, smtp_url=url), now=moment())

    row = await message_row("login:1")
    assert row["status"] == status
    assert row["last_error"].startswith(error)
    assert len(inbox.messages) == (1 if status == "sent" else 0)
