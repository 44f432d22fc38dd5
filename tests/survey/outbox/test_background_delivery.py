"""The app delivers the outbox in the background while it runs."""

from __future__ import annotations

import asyncio

import msgspec
import pytest
from litestar.testing import AsyncTestClient

from survey.app import create_app
from survey.outbox import sender
from survey.outbox.sender import background_delivery
from survey.settings import Settings
from tests.survey.outbox.factories import message_row, queue_message
from tests.survey.outbox.mailserver import Inbox, links_for_tests


async def arrival(inbox: Inbox, count: int) -> None:
    async def wait() -> None:
        while len(inbox.messages) < count:
            await asyncio.sleep(0.02)

    await asyncio.wait_for(wait(), timeout=10)


async def test_background_delivery_sends_what_is_due(
    db, smtp_settings: Settings, inbox: Inbox
) -> None:
    quick = msgspec.structs.replace(smtp_settings, outbox_interval_seconds=0.05)

    async with background_delivery(quick, links_for_tests(quick)):
        await queue_message("background:1")
        await arrival(inbox, 1)
        await queue_message("background:2")
        await arrival(inbox, 2)

    assert (await message_row("background:2"))["status"] == "sent"


async def test_background_delivery_outlives_an_unexpected_error(
    db, smtp_settings: Settings, inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = msgspec.structs.replace(smtp_settings, outbox_interval_seconds=0.05)
    real = sender.deliver_due
    calls = []

    async def broken_once(**arguments):
        calls.append(arguments)
        if len(calls) == 1:
            raise RuntimeError("the database went away for a moment")
        return await real(**arguments)

    monkeypatch.setattr(sender, "deliver_due", broken_once)
    await queue_message("background:4")

    async with background_delivery(quick, links_for_tests(quick)):
        await arrival(inbox, 1)

    assert len(calls) >= 2


async def test_background_delivery_waits_for_a_server_that_is_down(
    db, down_settings: Settings
) -> None:
    quick = msgspec.structs.replace(down_settings, outbox_interval_seconds=0.05)
    await queue_message("background:3")

    async with background_delivery(quick, links_for_tests(quick)):
        await asyncio.sleep(0.3)

    row = await message_row("background:3")
    assert (row["status"], row["attempts"]) == ("pending", 1)


async def test_the_app_runs_the_delivery(db, smtp_settings: Settings, inbox: Inbox) -> None:
    quick = msgspec.structs.replace(smtp_settings, outbox_interval_seconds=0.05)
    # Without a link: the app resolves only its own domains' link kinds, not the test's.
    await queue_message("app:1", link_ref=None)

    async with AsyncTestClient(create_app(quick), base_url="http://testserver.local"):
        await arrival(inbox, 1)

    assert (await message_row("app:1"))["status"] == "sent"
