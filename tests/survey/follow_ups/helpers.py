"""Follow-ups made as they are in life: a Back Office case rated low by its citizen."""

from __future__ import annotations

import itertools
import re
from typing import Any

from survey.follow_ups.notices import send_notices
from survey.hooks import hooks_for
from survey.outbox.sender import deliver_due
from tests.factories import make_office
from tests.survey.accounts.helpers import form_token
from tests.survey.report.helpers import answer, case

_days = itertools.count(1)


async def office_with_referent(client, code: str = "volontariato") -> str:
    return await make_office(
        client, code, name=f"Referente {code}", email=f"ref.{code}@example.org"
    )


async def unhappy_case(
    client, settings, office: str | None = "volontariato", **answers: Any
) -> dict[str, Any]:
    """A case closed at the office (or the Front Office), answered with a 2: a follow-up."""
    day = next(_days) % 28 + 1
    given = {"satisfaction": 2, "resolved": "yes", "comment": "Nessuno mi ha richiamato"}
    return await case(
        client,
        settings,
        opened=f"2012-06-{day:02d}T10:00:00+02:00",
        closed=f"2012-06-{day:02d}T12:00:00+02:00",
        office=office,
        answers=given | answers,
        channel="email",
    )


async def follow_up_id(client, headers, code: str) -> int:
    found = (await client.get("/api/manage/follow-ups", headers=headers)).json()
    return next(row["id"] for row in found["follow_ups"] if row["case"] == code)


async def notify_and_deliver(smtp_settings, now=None):
    """Put the notices in the outbox and deliver them over SMTP; the notices' report."""
    report = await send_notices(settings=smtp_settings, now=now)
    await deliver_due(settings=smtp_settings, links=hooks_for(smtp_settings).links)
    return report


def to_offices(messages) -> list:
    """The messages to referents (the citizens' invitations go through the same outbox)."""
    return [message for message in messages if message["To"].startswith("ref.")]


def link_paths(messages) -> list[str]:
    found = []
    for message in to_offices(messages):
        body = message.get_body(("plain",)).get_content()
        found.append(re.search(r"http://testserver\.local(/s/[\w-]+)", body).group(1))
    return found


async def link_action(client, path: str, action: str, **fields: str):
    """Press a button of the office's page, as its form sends it."""
    page = await client.get(path)
    assert page.status_code == 200, page.text
    return await client.post(
        f"{path}/{action}",
        data=fields | {"_csrf_token": form_token(page.text)},
        follow_redirects=False,
    )


__all__ = [
    "answer",
    "follow_up_id",
    "link_action",
    "link_paths",
    "notify_and_deliver",
    "to_offices",
]
