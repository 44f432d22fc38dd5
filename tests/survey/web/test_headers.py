"""Headers of every answer: private pages, exports and token pages are never stored by a cache;
HSTS when the public address is https; one charset in the CSV content type."""

from __future__ import annotations

import httpx
import msgspec

from survey.app import create_app
from tests.survey.dashboard.helpers import PERIOD, signed_in, small_period
from tests.survey.feedback.helpers import closed_case_token


async def test_private_pages_exports_and_token_pages_are_never_stored(client, cli, settings):
    _, token = await closed_case_token(client, settings)
    public = [await client.get("/cases/CC-2012-000001/status"), await client.get("/static/x.css")]
    token_pages = [
        await client.get(f"/f/{token}"),
        await client.get(f"/api/feedback/{token}"),
        await client.get("/c/unknown-token"),
        await client.get("/api/consultation/unknown-token"),
    ]
    await small_period(client, settings)
    await signed_in(client, cli)
    management = [
        await client.get("/manage/login"),
        await client.get("/manage"),
        await client.get("/api/manage/consultations"),
        await client.get(f"/api/manage/exports/answers.csv?{PERIOD}"),
        await client.get(f"/api/manage/exports/answers.xlsx?{PERIOD}"),
    ]
    for answer in token_pages + management:
        assert answer.headers.get_list("cache-control") == ["no-store"], answer.url
        assert answer.headers["x-content-type-options"] == "nosniff"
    assert management[3].status_code == 200
    assert management[3].headers["content-type"] == "text/csv; charset=utf-8"
    for answer in public:
        assert "no-store" not in answer.headers.get("cache-control", ""), answer.url
        assert "strict-transport-security" not in answer.headers  # the suite serves http


async def test_hsts_when_the_public_address_is_https(db, settings):
    app = create_app(msgspec.structs.replace(settings, public_url="https://ascolto.example"))
    transport = httpx.ASGITransport(app=app)
    async with (
        app.lifespan(),
        httpx.AsyncClient(transport=transport, base_url="https://ascolto.example") as http,
    ):
        answers = [await http.get("/manage/login"), await http.get("/no-such-page")]
    for answer in answers:
        assert answer.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"


async def test_options_names_every_method_of_the_path(client, bridge):
    for path, methods in (
        ("/api/cases", "GET, OPTIONS, POST"),
        ("/api/manage/session", "DELETE, OPTIONS, POST"),
        ("/api/cases/CC-2012-000001", "GET, OPTIONS"),
    ):
        options = await client.options(path, headers=bridge)
        assert options.status_code == 204
        assert options.headers.get_list("allow") == [methods]
        other = await client.request("PATCH", path, headers=bridge)
        assert other.status_code == 405
        assert set(other.headers["allow"].split(", ")) == set(methods.split(", "))
