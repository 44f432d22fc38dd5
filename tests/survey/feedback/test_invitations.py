"""Closing a case invites its requester: once, by email only when the address may be used."""

from __future__ import annotations

from datetime import timedelta

from case_bridge.storage import clock
from survey.feedback.tables import FeedbackInvitation
from survey.outbox.tables import OutboxMessage
from tests.factories import close_case, make_case


async def outbox() -> list[dict]:
    return await OutboxMessage.select(
        OutboxMessage.recipient, OutboxMessage.subject, OutboxMessage.body
    ).run()


async def test_closing_creates_one_invitation_and_one_email_without_the_token(client, settings):
    case = await make_case(client, contact_email="anna.neri@example.org")
    assert await FeedbackInvitation.count().run() == 0
    await close_case(client, case["code"])
    invitations = await FeedbackInvitation.select().run()
    assert len(invitations) == 1 and invitations[0]["emailed"]
    expires = invitations[0]["expires_at"] - invitations[0]["created_at"]
    assert expires == timedelta(days=settings.invitation_days)
    [message] = await outbox()
    assert message["recipient"] == "anna.neri@example.org"
    assert case["code"] in message["subject"]
    assert "{link}" in message["body"] and "/f/" not in message["body"]
    assert "Gentile utente" in message["body"] and "Dear user" in message["body"]
    assert len(invitations[0]["token_hash"]) == 64


async def test_cases_without_email_get_an_invitation_but_no_email(client):
    case = await make_case(client, channel="phone", contact_email=None)
    await close_case(client, case["code"])
    assert await FeedbackInvitation.count().run() == 1
    assert await outbox() == []


async def test_role_and_robot_addresses_are_never_invited(client):
    for address in (
        "postmaster@example.org",
        "MAILER-DAEMON@example.org",
        "abuse@example.org",
        "noreply@example.org",
        "no-reply@comune.example.it",
    ):
        case = await make_case(client, contact_email=address)
        await close_case(client, case["code"])
    assert await outbox() == []
    assert await FeedbackInvitation.count().where(FeedbackInvitation.emailed == True).run() == 0


async def test_the_same_requester_is_not_emailed_again_within_the_interval(client, settings):
    first = await make_case(client, contact_email="Luca.Gialli@example.org")
    await close_case(client, first["code"])
    second = await make_case(client, contact_email="luca.gialli@example.org")
    await close_case(client, second["code"])
    assert len(await outbox()) == 1
    assert await FeedbackInvitation.count().run() == 2
    long_ago = clock.now() - timedelta(days=settings.reinvite_days + 1)
    await FeedbackInvitation.update({FeedbackInvitation.created_at: long_ago}, force=True).run()
    third = await make_case(client, contact_email="luca.gialli@example.org")
    await close_case(client, third["code"])
    assert len(await outbox()) == 2
