"""Citizen feedback through the JSON API and IVR: answers, edits, history, follow-ups."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from case_bridge.services import follow_ups
from survey.feedback.services import revisions
from tests.factories import HEADERS, make_case
from tests.survey.feedback.helpers import closed_case_token

GOOD = {"satisfaction": 5, "liked": "speed", "resolved": "yes", "effort": 6, "recommend": 9}


async def test_answer_then_change_keeps_history_and_channel(client, settings):
    code, token = await closed_case_token(client, settings)
    shown = await client.get(f"/api/feedback/{token}")
    assert shown.status_code == 200
    assert shown.json()["case_code"] == code and shown.json()["answers"] is None
    assert shown.json()["questionnaire"]["id"] == "citizen-feedback"
    first = await client.put(f"/api/feedback/{token}", json={"answers": GOOD})
    assert first.status_code == 200, first.text
    assert first.json()["answers"]["satisfaction"] == 5
    assert first.json()["questionnaire"] == "citizen-feedback"
    assert first.json()["questionnaire_version"] == shown.json()["questionnaire"]["version"]
    until = datetime.fromisoformat(first.json()["editable_until"])
    window = timedelta(days=settings.edit_window_days)
    assert abs(until - (datetime.now(UTC) + window)) < timedelta(minutes=1)
    assert "items" not in first.json()  # the questionnaire itself is not sent back
    changed = await client.put(
        f"/api/feedback/{token}",
        json={"answers": {"satisfaction": 4, "resolved": "partly"}, "via": "web_link"},
    )
    assert changed.json()["answers"] == {"satisfaction": 4, "resolved": "partly"}
    history = await revisions(case_code=code)
    assert [
        (r["number"], r["answers"]["satisfaction"], r["collection_channel"]) for r in history
    ] == [
        (1, 5, "email_link"),
        (2, 4, "web_link"),
    ]


async def test_invalid_answers_are_refused_per_item_and_change_nothing(client, settings):
    code, token = await closed_case_token(client, settings)
    response = await client.put(
        f"/api/feedback/{token}",
        json={
            "answers": {
                "satisfaction": 9,
                "resolved": "maybe",
                "colour": "blue",
                "comment": "x" * 201,
            }
        },
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["satisfaction"][0]["code"] == "out_of_range"
    assert errors["resolved"][0]["code"] == "unknown_option"
    assert errors["colour"][0]["code"] == "unknown_item"
    assert errors["comment"][0]["code"] == "too_long"
    missing = await client.put(f"/api/feedback/{token}", json={"answers": {"resolved": "yes"}})
    assert missing.json()["errors"]["satisfaction"][0]["code"] == "required"
    hidden = await client.put(
        f"/api/feedback/{token}", json={"answers": {"satisfaction": 5, "difficulty": "long_wait"}}
    )
    assert hidden.json()["errors"]["difficulty"][0]["code"] == "hidden"
    assert await revisions(case_code=code) == []


async def test_unknown_token_reveals_nothing(client):
    response = await client.get("/api/feedback/not-a-real-token")
    assert response.status_code == 404
    assert "case" not in response.json()["detail"].lower()


async def test_low_rating_or_not_resolved_opens_one_follow_up_routed_to_front_office(
    client, settings
):
    _, happy = await closed_case_token(client, settings)
    await client.put(f"/api/feedback/{happy}", json={"answers": GOOD})
    assert await follow_ups() == []
    code, token = await closed_case_token(client, settings)
    await client.put(f"/api/feedback/{token}", json={"answers": {"satisfaction": 2}})
    await client.put(
        f"/api/feedback/{token}", json={"answers": {"satisfaction": 1, "resolved": "no"}}
    )
    opened = await follow_ups()
    assert [(f.case, f.office, f.status) for f in opened] == [(code, None, "open")]
    assert "satisfaction 2/5" in opened[0].reason
    _, unresolved = await closed_case_token(client, settings)
    await client.put(
        f"/api/feedback/{unresolved}", json={"answers": {"satisfaction": 4, "resolved": "no"}}
    )
    assert len(await follow_ups()) == 2


async def test_ivr_rating_with_good_and_bad_input(client):
    opened = await make_case(client, channel="phone", contact_email=None)
    ivr = {"case_code": opened["code"], "satisfaction": 2, "resolved": 2}
    not_closed = await client.post("/api/ivr/feedback", json=ivr, headers=HEADERS)
    assert not_closed.status_code == 409
    await client.post(f"/api/cases/{opened['code']}/close", json={}, headers=HEADERS)
    assert (await client.post("/api/ivr/feedback", json=ivr)).status_code == 401
    stored = await client.post("/api/ivr/feedback", json=ivr, headers=HEADERS)
    assert stored.status_code == 201, stored.text
    history = await revisions(case_code=opened["code"])
    assert history[0]["answers"] == {"satisfaction": 2, "resolved": "no"}
    assert history[0]["collection_channel"] == "ivr"
    assert len(await follow_ups()) == 1
    again = await client.post("/api/ivr/feedback", json=ivr, headers=HEADERS)
    assert again.status_code == 409
    for bad in ({**ivr, "satisfaction": 6}, {**ivr, "resolved": 3}, {**ivr, "case_code": "x"}):
        response = await client.post("/api/ivr/feedback", json=bad, headers=HEADERS)
        assert response.status_code == 400
    unknown = {**ivr, "case_code": "CC-2099-000001"}
    assert (
        await client.post("/api/ivr/feedback", json=unknown, headers=HEADERS)
    ).status_code == 404


async def test_fifty_concurrent_first_answers_leave_one_answer(client, settings):
    code, token = await closed_case_token(client, settings)
    responses = await asyncio.gather(
        *(
            client.put(f"/api/feedback/{token}", json={"answers": {"satisfaction": 1 + n % 5}})
            for n in range(50)
        )
    )
    assert {r.status_code for r in responses} <= {200, 409}
    history = await revisions(case_code=code)
    accepted = [r for r in responses if r.status_code == 200]
    assert len(history) == len(accepted)
    assert [r["number"] for r in history] == list(range(1, len(history) + 1))
    current = await client.get(f"/api/feedback/{token}")
    assert current.json()["answers"] == history[-1]["answers"]
