"""Safety of the citizen pages: headers, rate limit, body size, CSRF."""

from __future__ import annotations

import httpx
import msgspec

from survey.app import create_app
from tests.survey.feedback.helpers import closed_case_token


async def test_strict_security_headers_on_the_citizen_page(client, settings):
    _, token = await closed_case_token(client, settings)
    page = await client.get(f"/f/{token}")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"


async def test_form_without_its_csrf_token_is_refused(client, settings):
    _, token = await closed_case_token(client, settings)
    await client.get(f"/f/{token}")
    response = await client.post(f"/f/{token}", data={"satisfaction": "5"})
    assert response.status_code == 403


async def test_oversized_body_is_refused(client, settings):
    _, token = await closed_case_token(client, settings)
    huge = {"answers": {"comment": "x" * 2_000_000}}
    response = await client.put(f"/api/feedback/{token}", json=huge)
    assert response.status_code == 413


async def test_rate_limit_per_client(db, settings):
    app = create_app(msgspec.structs.replace(settings, rate_limit_per_minute=3))

    def client_at(address: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(address, 50000))
        return httpx.AsyncClient(transport=transport, base_url="http://testserver.local")

    async with app.lifespan(), client_at("192.0.2.1") as c, client_at("192.0.2.2") as neighbour:
        answers = [await c.get("/api/feedback/unknown-token") for _ in range(5)]
        page = await c.get("/f/unknown-token")
        other = await c.get("/cases/CC-2012-000001/status")
        elsewhere = await neighbour.get("/api/feedback/unknown-token")
    assert [a.status_code for a in answers] == [404, 404, 404, 429, 429]
    assert 1 <= int(answers[3].headers["retry-after"]) <= 60
    assert page.status_code == 429  # the page and the API share the client's allowance
    assert other.status_code == 404  # the rest of the site is not limited
    assert elsewhere.status_code == 404  # another client has its own allowance
