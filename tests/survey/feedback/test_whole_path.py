"""The whole path: a case closes, its invitation is emailed, the citizen answers from the link."""

from __future__ import annotations

import re

from survey.feedback.services import revisions
from survey.outbox.tables import OutboxMessage
from tests.factories import close_case, make_case
from tests.survey.feedback.test_feedback_page import csrf_field


async def test_close_email_link_form_thanks(client, cli, smtp_settings, inbox):
    case = await make_case(client, contact_email="giulia.verdi@example.org")
    await close_case(client, case["code"])
    sent = await cli("outbox", "send", extra_env={"ASCOLTO_SMTP_URL": smtp_settings.smtp_url})
    assert sent.exit_code == 0, sent.output
    [message] = inbox.messages
    assert message["To"] == "giulia.verdi@example.org"
    body = message.get_body(("plain",)).get_content()
    path = re.search(r"http://testserver\.local(/f/[\w-]+)", body).group(1)
    page = await client.get(path)
    assert page.status_code == 200 and case["code"] in page.text
    response = await client.post(
        path,
        data={"satisfaction": "5", "liked": "courtesy", "resolved": "yes"} | csrf_field(page.text),
    )
    assert response.status_code == 200 and "Grazie per la tua opinione" in response.text
    [stored] = await revisions(case_code=case["code"])
    assert stored["collection_channel"] == "email_link"
    assert stored["answers"] == {"satisfaction": 5, "liked": "courtesy", "resolved": "yes"}
    again = await cli("outbox", "send", extra_env={"ASCOLTO_SMTP_URL": smtp_settings.smtp_url})
    assert "sent 0" in again.output and len(inbox.messages) == 1


async def test_smtp_down_loses_nothing_and_sends_once_later(client, cli, smtp_settings, inbox):
    case = await make_case(client, contact_email="paolo.blu@example.org")
    await close_case(client, case["code"])
    down = await cli("outbox", "send", extra_env={"ASCOLTO_SMTP_URL": "smtp://127.0.0.1:9"})
    assert "retried 1" in down.output
    [pending] = await OutboxMessage.select().run()
    assert pending["status"] == "pending" and pending["attempts"] == 1
    await (
        OutboxMessage.update({OutboxMessage.next_attempt_at: pending["created_at"]})
        .where(OutboxMessage.id == pending["id"])
        .run()
    )
    up = await cli("outbox", "send", extra_env={"ASCOLTO_SMTP_URL": smtp_settings.smtp_url})
    assert "sent 1" in up.output and len(inbox.messages) == 1
    await cli("outbox", "send", extra_env={"ASCOLTO_SMTP_URL": smtp_settings.smtp_url})
    assert len(inbox.messages) == 1
