"""Figures are cached until the data change: a new answer or case shows at once."""

from __future__ import annotations

from tests.survey.dashboard.helpers import PERIOD, answer, signed_in, small_period


def _cache(client):
    return client._transport.app.state["dashboard_cache"]


async def test_a_new_answer_invalidates_the_cached_figures(client, cli, settings):
    codes = await small_period(client, settings)
    await signed_in(client, cli)
    first = (await client.get(f"/api/manage/dashboard/overview?{PERIOD}")).json()
    page = (await client.get(f"/manage/dashboard?{PERIOD}&lang=en")).text
    misses = _cache(client).misses
    again = (await client.get(f"/api/manage/dashboard/overview?{PERIOD}")).json()
    assert again == first and _cache(client).misses == misses, "served from the cache"
    assert (await client.get(f"/manage/dashboard?{PERIOD}&lang=en")).text == page
    await answer(client, settings, codes["unanswered"][0], {"satisfaction": 1, "resolved": "no"})
    after = (await client.get(f"/api/manage/dashboard/overview?{PERIOD}")).json()
    assert after["basis"]["answers"] == first["basis"]["answers"] + 1
    assert after["open_follow_ups"] == first["open_follow_ups"] + 1
    assert after["satisfaction"]["csat"]["n"] == first["satisfaction"]["csat"]["n"] + 1
    new_page = (await client.get(f"/manage/dashboard?{PERIOD}&lang=en")).text
    assert "<dt>Citizens&#39; answers</dt><dd>12</dd>" in new_page


async def test_a_new_case_invalidates_the_cached_figures(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    before = (await client.get(f"/api/manage/dashboard/overview?{PERIOD}")).json()
    from tests.factories import make_case

    await make_case(client, opened_at="2012-06-10T10:00:00+02:00", channel="fax")
    after = (await client.get(f"/api/manage/dashboard/overview?{PERIOD}")).json()
    assert after["basis"]["cases"] == before["basis"]["cases"] + 1
    assert "fax" in {v["level"] for v in after["by_channel"]}
