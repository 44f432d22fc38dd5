"""Every page and API of the dashboard: who may reach it, and what a page is made of."""

from __future__ import annotations

import re

import pytest

from tests.survey.dashboard.helpers import PERIOD, signed_in, small_period

PAGES = (
    "",
    "/path",
    "/channel",
    "/request-type",
    "/time-to-close",
    "/emergencies",
    "/non-response",
    "/consultations",
    "/follow-ups",
)
APIS = (
    "/api/manage/dashboard/overview",
    "/api/manage/dashboard/path",
    "/api/manage/dashboard/channel",
    "/api/manage/dashboard/request-type",
    "/api/manage/dashboard/time-to-close",
    "/api/manage/dashboard/emergencies",
    "/api/manage/dashboard/non-response",
    "/api/manage/dashboard/consultations",
    "/api/manage/dashboard/follow-ups",
    "/api/manage/exports/answers.csv",
    "/api/manage/exports/answers.xlsx",
    "/api/manage/exports/codebook.csv",
)


async def test_anonymous_callers_are_sent_to_login_or_refused(client):
    for page in PAGES:
        response = await client.get(f"/manage/dashboard{page}", headers={"Accept": "text/html"})
        assert response.status_code == 303, page
        assert response.headers["location"].startswith("/manage/login?next=%2Fmanage%2Fdashboard")
    for path in APIS:
        assert (await client.get(path)).status_code == 401, path


@pytest.mark.parametrize("role", ["manager", "admin"])
async def test_every_page_and_api_answers_for_managers_and_admins(client, cli, settings, role):
    await small_period(client, settings)
    await signed_in(client, cli, role=role)
    for page in PAGES:
        for lang in ("it", "en"):
            response = await client.get(f"/manage/dashboard{page}?{PERIOD}&lang={lang}")
            assert response.status_code == 200, (page, response.text[:500])
            assert "dash_" not in response.text, "a message key without its text"
    for path in APIS:
        response = await client.get(f"{path}?{PERIOD}")
        assert response.status_code == 200, (path, response.text[:500])
    assert (await client.get("/manage/dashboard/nowhere")).status_code == 404
    assert (await client.get("/api/manage/dashboard/consultations/999")).status_code == 404


async def test_charts_are_inline_svg_named_for_screen_readers_with_their_table(
    client, cli, settings
):
    await small_period(client, settings)
    await signed_in(client, cli)
    page = (await client.get(f"/manage/dashboard/path?{PERIOD}&lang=en")).text
    svgs = re.findall(r"<svg[^>]*>", page)
    assert svgs, "the path page draws its chart"
    for svg in svgs:
        assert 'role="img"' in svg and 'aria-label="' in svg
    assert "<title>" in page and "<script" not in page
    # The CSP forbids inline styles: colours are presentation attributes.
    assert "style=" not in page and "<style" not in page
    assert 'fill="#0072b2"' in page.lower()
    panel = page[page.index('class="panel"') :]
    assert panel.index("<svg") < panel.index("</svg>") < panel.index("<table")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "ids are unique across charts"


async def test_the_landing_page_links_the_dashboard(client, cli):
    await signed_in(client, cli)
    assert 'href="/manage/dashboard' in (await client.get("/manage")).text


async def test_the_api_is_documented(client):
    schema = (await client.get("/schema/openapi.json")).json()
    for path in APIS:
        assert path in schema["paths"], path
    overview = schema["paths"]["/api/manage/dashboard/overview"]["get"]
    names = {parameter["name"] for parameter in overview["parameters"]}
    assert {"from", "to", "channel", "type", "path", "region"} <= names
