"""Events pushed by the main platform: signed, applied once."""

from __future__ import annotations

import json

from case_bridge.auth import body_signature
from tests.conftest import BRIDGE_KEY
from tests.factories import HEADERS, case_body, make_office


def signed(event: dict, key: str = BRIDGE_KEY) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(event).encode()
    return body, {
        "X-Bridge-Signature": body_signature(key, body),
        "Content-Type": "application/json",
    }


async def post_event(client, event: dict, key: str = BRIDGE_KEY):
    body, headers = signed(event, key)
    return await client.post("/api/bridge/events", content=body, headers=headers)


async def test_signed_events_open_escalate_and_close_a_case(client):
    await make_office(client, "comunicazione")
    case = case_body()
    opened = await post_event(client, {"id": "evt-1", "type": "opened", "case": case})
    assert opened.status_code == 200 and opened.json()["outcome"] == "applied"
    escalated = await post_event(
        client,
        {
            "id": "evt-2",
            "type": "escalated",
            "code": case["code"],
            "office": "comunicazione",
            "at": "2012-05-29T12:00:00+02:00",
        },
    )
    assert escalated.json()["case"]["status"] == "back_office"
    closed = await post_event(
        client,
        {"id": "evt-3", "type": "closed", "code": case["code"], "at": "2012-05-31T12:00:00+02:00"},
    )
    assert closed.json()["case"]["resolution_path"] == "back_office"
    stored = (await client.get(f"/api/cases/{case['code']}", headers=HEADERS)).json()
    assert [h["actor"] for h in stored["history"]] == [
        "bridge:evt-1",
        "bridge:evt-2",
        "bridge:evt-3",
    ]


async def test_a_replayed_event_is_not_applied_again(client):
    case = case_body()
    await post_event(client, {"id": "evt-10", "type": "opened", "case": case})
    first = await post_event(client, {"id": "evt-11", "type": "closed", "code": case["code"]})
    assert first.json()["outcome"] == "applied"
    replay = await post_event(client, {"id": "evt-11", "type": "closed", "code": case["code"]})
    assert replay.status_code == 200 and replay.json()["outcome"] == "duplicate"
    stored = (await client.get(f"/api/cases/{case['code']}", headers=HEADERS)).json()
    assert len(stored["history"]) == 2


async def test_unsigned_and_badly_signed_events_are_refused(client):
    event = {"id": "evt-20", "type": "opened", "case": case_body()}
    unsigned = await client.post("/api/bridge/events", json=event)
    assert unsigned.status_code == 401
    badly = await post_event(client, event, key="not-the-bridge-key")
    assert badly.status_code == 401
    body, headers = signed(event)
    tampered = body.replace(b"volontariato", b"benemerenze")
    response = await client.post("/api/bridge/events", content=tampered, headers=headers)
    assert response.status_code == 401
    assert (await client.get("/api/cases", headers=HEADERS)).json()["total"] == 0


async def test_an_event_breaking_a_rule_is_refused_and_can_be_sent_again(client):
    case = case_body()
    await post_event(client, {"id": "evt-30", "type": "opened", "case": case})
    response = await post_event(
        client,
        {"id": "evt-31", "type": "closed", "code": case["code"], "resolution_path": "back_office"},
    )
    assert response.status_code == 409
    fixed = await post_event(client, {"id": "evt-31", "type": "closed", "code": case["code"]})
    assert fixed.json()["outcome"] == "applied"


async def test_an_event_without_its_case_names_the_field(client):
    response = await post_event(client, {"id": "evt-40", "type": "opened"})
    # Each type's fields are in the document: a missing one is malformed, named like any other.
    assert response.status_code == 400
    assert "case" in response.json()["detail"]
    closing = await post_event(client, {"id": "evt-41", "type": "closed"})
    assert closing.status_code == 400 and "code" in closing.json()["detail"]
