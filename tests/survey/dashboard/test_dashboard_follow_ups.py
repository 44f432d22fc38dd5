"""Follow-ups opened by low ratings: listed with state and office, counted on the overview."""

from __future__ import annotations

from tests.survey.dashboard.helpers import PERIOD, signed_in, small_period


async def test_follow_ups_are_listed_without_codes_for_a_manager(client, cli, settings):
    codes = await small_period(client, settings)
    await signed_in(client, cli)
    found = (await client.get("/api/manage/dashboard/follow-ups")).json()
    assert found["open"] == 2 and found["closed"] == 0
    assert found["by_office"] == {"volontariato": 2}
    assert {f["reason"] for f in found["follow_ups"]} == {"satisfaction 2/5", "satisfaction 1/5"}
    assert all(f["case"] is None for f in found["follow_ups"])
    overview = (await client.get(f"/api/manage/dashboard/overview?{PERIOD}")).json()
    assert overview["open_follow_ups"] == 2
    page = (await client.get("/manage/dashboard/follow-ups?status=open&lang=en")).text
    # Reasons in words and offices by name, in the page's language; the office a select.
    assert "rating 1 out of 5" in page and "satisfaction 1/5" not in page
    assert '<option value="volontariato">Volontariato</option>' in page
    assert "<td>Volontariato</td>" in page and "<td>volontariato</td>" not in page
    assert "The 2 most recent follow-ups of 2; the full list" in page
    assert not any(code in page for code in codes["email"])
    closed = (await client.get("/api/manage/dashboard/follow-ups?status=closed")).json()
    assert closed["follow_ups"] == []


async def test_an_admin_sees_the_case_codes(client, cli, settings):
    codes = await small_period(client, settings)
    await signed_in(client, cli, name="amministratore", role="admin")
    found = (await client.get("/api/manage/dashboard/follow-ups")).json()
    assert {f["case"] for f in found["follow_ups"]} <= set(codes["email"])
