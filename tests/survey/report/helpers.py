"""A small period of cases made through the case tracker's and the citizens' APIs."""

from __future__ import annotations

import itertools
from typing import Any

from tests.factories import HEADERS, close_case, escalate_case, make_case, make_office
from tests.survey.feedback.helpers import case_id, link_of

_requesters = itertools.count(1)
EMERGENCY = {
    "name": "Terremoto in Emilia",
    "starts_at": "2012-05-29T04:00:00+02:00",
    "ends_at": "2012-06-05T00:00:00+02:00",
}


async def answer(client, settings, code: str, answers: dict[str, Any]) -> None:
    """Answer a closed case's questionnaire through the citizen's link."""
    token = (await link_of(settings, code)).rsplit("/f/", 1)[1]
    response = await client.put(f"/api/feedback/{token}", json={"answers": answers})
    assert response.status_code == 200, response.text


async def case(
    client,
    settings,
    *,
    opened: str,
    closed: str | None = None,
    office: str | None = None,
    answers: dict[str, Any] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """Open a case, escalate it to `office`, close it at `closed`, answer it: as asked."""
    email = f"cittadino{next(_requesters)}@example.org"
    opened_case = await make_case(client, opened_at=opened, contact_email=email, **fields)
    code = opened_case["code"]
    if office:
        await escalate_case(client, code, office, at=opened)
    if closed:
        path = "back_office" if office else "front_office"
        await close_case(client, code, at=closed, resolution_path=path)
    if answers:
        await answer(client, settings, code, answers)
    return {"code": code, "id": await case_id(code)}


async def emergency(client) -> None:
    response = await client.post("/api/emergencies", json=EMERGENCY, headers=HEADERS)
    assert response.status_code == 201, response.text


async def office(client) -> str:
    return await make_office(client, "volontariato")
