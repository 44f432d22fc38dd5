"""Case counts as they stood at a past moment, rebuilt from the status history."""

from __future__ import annotations

from tests.factories import HEADERS, close_case, escalate_case, make_case, make_office


async def counts(client, at: str, **days: str) -> dict:
    response = await client.get("/api/cases/counts", params={"at": at, **days}, headers=HEADERS)
    assert response.status_code == 200, response.text
    return response.json()


async def test_each_moment_sees_the_history_as_it_was(client):
    office = await make_office(client, "emergenze")
    escalated = await make_case(client, opened_at="2012-05-29T10:00:00+02:00")
    answered = await make_case(client, opened_at="2012-05-29T11:00:00+02:00")
    await make_case(client, opened_at="2012-05-30T09:00:00+02:00")
    await escalate_case(client, escalated["code"], office, at="2012-05-29T12:00:00+02:00")
    await close_case(client, escalated["code"], at="2012-06-02T10:00:00+02:00")
    await close_case(client, answered["code"], at="2012-05-29T11:05:00+02:00")

    before = await counts(client, "2012-05-29T10:30:00+02:00")
    assert (before["received"], before["open"], before["back_office"], before["closed"]) == (
        1,
        1,
        0,
        0,
    )
    # A time without a zone is Rome's: 13:00 on the 29th.
    midday = await counts(client, "2012-05-29T13:00:00")
    assert midday["received"] == 2 and midday["back_office"] == 1
    assert midday["closed"] == midday["closed_front_office"] == 1
    later = await counts(client, "2012-06-05T00:00:00+02:00")
    assert later["received"] == 3 and later["open"] == 1 and later["back_office"] == 0
    assert later["closed_front_office"] == 1 and later["closed_back_office"] == 1
    assert (later["phone_received"], later["phone_closed"]) == (0, 0)  # all by email
    first_day = await counts(
        client, "2012-06-05T00:00:00+02:00", opened_from="2012-05-29", opened_to="2012-05-29"
    )
    assert first_day["received"] == 2 and first_day["closed"] == 2


async def test_a_moment_out_of_range_is_named(client):
    response = await client.get(
        "/api/cases/counts", params={"at": "0001-01-01T00:00:00"}, headers=HEADERS
    )
    assert response.status_code in (400, 422), response.text
    assert "at" in response.text
    missing = await client.get("/api/cases/counts", headers=HEADERS)
    assert missing.status_code == 400 and "at" in missing.text
