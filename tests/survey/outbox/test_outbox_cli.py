"""`ascolto outbox send` and `ascolto outbox status`, run as a user would."""

from __future__ import annotations

import pytest

from survey.outbox.tables import OutboxMessage
from survey.settings import Settings
from tests.factories import close_case, make_case
from tests.survey.feedback.helpers import link_of
from tests.survey.outbox.factories import message_row, queue_message
from tests.survey.outbox.mailserver import Inbox


async def test_send_delivers_with_the_link_filled(
    client,
    cli,
    settings: Settings,
    smtp_settings: Settings,
    inbox: Inbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ASCOLTO_SMTP_URL", smtp_settings.smtp_url or "")
    case = await make_case(client)
    await close_case(client, case["code"])  # its feedback invitation waits in the outbox
    [waiting] = await OutboxMessage.select(OutboxMessage.key).run()

    result = await cli("outbox", "send")

    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "sent 1, retried 0, failed 0"
    [email] = inbox.messages
    assert await link_of(settings, case["code"]) in email.get_body(("plain",)).get_content()
    assert (await message_row(waiting["key"]))["status"] == "sent"

    again = await cli("outbox", "send")
    assert again.stdout.strip() == "sent 0, retried 0, failed 0"
    assert len(inbox.messages) == 1


async def test_send_with_the_server_down_keeps_the_message(
    db, cli, down_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASCOLTO_SMTP_URL", down_settings.smtp_url or "")
    await queue_message("feedback-invitation:10")

    result = await cli("outbox", "send")

    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "sent 0, retried 1, failed 0"
    assert "feedback-invitation:10: will retry" in result.stderr
    row = await message_row("feedback-invitation:10")
    assert (row["status"], row["attempts"]) == ("pending", 1)


async def test_send_without_an_smtp_url_fails_clearly(
    db, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ASCOLTO_SMTP_URL", raising=False)
    await queue_message("feedback-invitation:11")

    result = await cli("outbox", "send")

    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "ascolto: ASCOLTO_SMTP_URL is not set: nothing sent, 1 messages wait"
    )
    assert (await message_row("feedback-invitation:11"))["status"] == "pending"


async def test_status_counts_by_status(db, cli) -> None:
    await queue_message("a")
    await queue_message("b")

    result = await cli("outbox", "status")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["pending  2", "sending  0", "sent     0", "failed   0"]
