"""Small factories: the few rows a test needs, made through the public HTTP API."""

from __future__ import annotations

import itertools
from typing import Any

from httpx import AsyncClient as AsyncTestClient

from tests.conftest import BRIDGE_KEY

HEADERS = {"X-Bridge-Key": BRIDGE_KEY}
_numbers = itertools.count(1)


def case_code() -> str:
    return f"CC-2012-{next(_numbers):06d}"


def case_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "code": case_code(),
        "opened_at": "2012-05-29T10:00:00+02:00",
        "channel": "email",
        "request_type": "information",
        "topic": "volontariato",
        "region": "emilia_romagna",
        "contact_email": "mario.rossi@example.org",
        "contact_phone": "+39 333 1234567",
    }
    return body | overrides


async def make_office(client: AsyncTestClient, code: str = "volontariato", **referent: str) -> str:
    response = await client.post(
        "/api/offices", json={"code": code, "name": code.title()}, headers=HEADERS
    )
    assert response.status_code in (201, 409), response.text
    if referent:
        response = await client.post(
            f"/api/offices/{code}/referents", json=referent, headers=HEADERS
        )
        assert response.status_code == 201, response.text
    return code


async def make_case(client: AsyncTestClient, **overrides: Any) -> dict[str, Any]:
    response = await client.post("/api/cases", json=case_body(**overrides), headers=HEADERS)
    assert response.status_code == 201, response.text
    return response.json()


async def close_case(client: AsyncTestClient, code: str, **body: Any) -> dict[str, Any]:
    response = await client.post(f"/api/cases/{code}/close", json=body, headers=HEADERS)
    assert response.status_code == 200, response.text
    return response.json()


async def escalate_case(client: AsyncTestClient, code: str, office: str, **body: Any) -> dict:
    response = await client.post(
        f"/api/cases/{code}/escalate", json={"office": office} | body, headers=HEADERS
    )
    assert response.status_code == 200, response.text
    return response.json()
