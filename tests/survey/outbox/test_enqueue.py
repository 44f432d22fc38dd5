"""Putting messages in the outbox."""

from __future__ import annotations

import pytest

from case_bridge.storage import writing
from survey.outbox.services import OutboxStatus, enqueue, outbox_counts
from survey.outbox.tables import OutboxMessage
from tests.survey.outbox.factories import message_row, queue_message
from tests.survey.outbox.mailserver import LINK_KIND


async def test_enqueue_is_idempotent_by_key(db) -> None:
    assert await queue_message("feedback-invitation:1") is True
    assert await queue_message("feedback-invitation:1", recipient="other@example.it") is False

    assert await OutboxMessage.count().run() == 1
    row = await message_row("feedback-invitation:1")
    assert row["recipient"] == "maria.rossi@example.it"
    assert (row["status"], row["attempts"], row["sent_at"]) == ("pending", 0, None)
    assert row["next_attempt_at"] == row["created_at"]


async def test_enqueue_joins_the_callers_transaction(db) -> None:
    with pytest.raises(RuntimeError):
        async with writing():
            assert await queue_message("feedback-invitation:2") is True
            raise RuntimeError("the caller's work failed after enqueueing")

    assert await OutboxMessage.count().run() == 0


async def test_a_known_key_in_the_callers_transaction_leaves_it_usable(db) -> None:
    await queue_message("feedback-invitation:3")
    async with writing():
        assert await queue_message("feedback-invitation:3") is False
        assert await queue_message("feedback-invitation:4") is True

    assert await OutboxMessage.count().run() == 2


async def test_the_link_is_not_stored(db) -> None:
    await queue_message("feedback-invitation:5", link_ref=42)

    row = await message_row("feedback-invitation:5")
    assert "{link}" in row["body"]
    assert (row["link_kind"], row["link_ref"]) == (LINK_KIND, 42)


@pytest.mark.parametrize(
    ("fields", "complaint"),
    [
        ({"recipient": "not an address"}, "email address"),
        ({"subject": "two\nlines"}, "one line"),
        ({"body": "open {link}"}, "needs a link_kind"),
        ({"link_kind": LINK_KIND}, "go together"),
    ],
)
async def test_a_malformed_message_is_refused(db, fields: dict, complaint: str) -> None:
    message = {"key": "bad", "recipient": "a@example.it", "subject": "S", "body": "B"} | fields
    with pytest.raises(ValueError, match=complaint):
        await enqueue(**message)

    assert await OutboxMessage.count().run() == 0


async def test_counts_by_status(db) -> None:
    assert await outbox_counts() == dict.fromkeys(OutboxStatus, 0)

    await queue_message("a")
    await queue_message("b")

    assert await outbox_counts() == {"pending": 2, "sending": 0, "sent": 0, "failed": 0}
