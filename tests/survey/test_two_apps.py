"""Two apps with different settings in one process: each closes cases, invites and mails links by
its own settings, whichever was built last (nothing of an app's settings is kept in a module)."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import httpx
import msgspec

from survey.app import create_app
from survey.feedback.invitations import PURPOSE
from survey.feedback.tables import FeedbackInvitation
from survey.settings import Settings
from survey.web.tokens import hash_token, token_for
from tests.factories import close_case, make_case
from tests.survey.outbox.conftest import inbox, smtp_server, smtp_settings
from tests.survey.outbox.mailserver import Inbox

__all__ = ["inbox", "smtp_server", "smtp_settings"]


async def arrival(inbox: Inbox, count: int) -> None:
    async def wait() -> None:
        while len(inbox.messages) < count:
            await asyncio.sleep(0.02)

    await asyncio.wait_for(wait(), timeout=10)


async def invitation_of(code: str) -> dict:
    query = FeedbackInvitation.select().where(FeedbackInvitation.case.code == code)
    return await query.first().run()


async def test_two_apps_close_cases_and_mail_links_each_by_its_own_settings(
    db, smtp_settings: Settings, inbox: Inbox
) -> None:
    quick = msgspec.structs.replace(smtp_settings, outbox_interval_seconds=0.05)
    first = msgspec.structs.replace(
        quick,
        secret_key="first-app-secret-key-first-app-secret-key",
        public_url="http://first.example",
        invitation_days=10,
    )
    second = msgspec.structs.replace(
        quick,
        secret_key="second-app-secret-key-second-app-secret-key",
        public_url="http://second.example",
        invitation_days=45,
    )
    # Both are built before either runs: building the second must not change the first.
    apps = [(create_app(first), first, second), (create_app(second), second, first)]

    for number, (app, own, other) in enumerate(apps, start=1):
        async with (
            app.lifespan(),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url=own.public_url
            ) as client,
        ):
            case = await make_case(client, contact_email=f"cittadino.{number}@example.org")
            await close_case(client, case["code"])  # the app's own sender mails the invitation
            await arrival(inbox, number)

            invitation = await invitation_of(case["code"])
            lasts = invitation["expires_at"] - invitation["created_at"]
            assert lasts == timedelta(days=own.invitation_days)
            body = inbox.messages[-1].get_body(("plain",)).get_content()
            assert f"valido per {own.invitation_days} giorni" in body
            link = re.search(r"(http://\S+/f/\S+)", body).group(1)
            assert link.startswith(f"{own.public_url}/f/")
            token = link.rsplit("/f/", 1)[1]
            assert token == token_for(own.secret_key, PURPOSE, invitation["nonce"])
            assert invitation["token_hash"] == hash_token(token)
            assert token != token_for(other.secret_key, PURPOSE, invitation["nonce"])
            page = await client.get(link.removeprefix(own.public_url))
            assert page.status_code == 200 and case["code"] in page.text
