"""The case tracker's HTTP API: domain rules, auth, validation, listing."""

from __future__ import annotations

from tests.factories import HEADERS, case_body, close_case, escalate_case, make_case, make_office


async def test_open_escalate_close_keeps_history(client):
    office = await make_office(client, "emergenze", name="Anna Bianchi", email="anna@dpc.invalid")
    case = await make_case(client)
    assert case["status"] == "open"
    await escalate_case(
        client, case["code"], office, referent="anna@dpc.invalid", at="2012-05-29T11:00:00+02:00"
    )
    closed = await close_case(client, case["code"], at="2012-05-30T09:00:00+02:00")
    assert closed["status"] == "closed"
    assert closed["resolution_path"] == "back_office"
    assert closed["office"] == "emergenze" and closed["referent"] == "anna@dpc.invalid"
    assert [(h["from_status"], h["to_status"]) for h in closed["history"]] == [
        (None, "open"),
        ("open", "back_office"),
        ("back_office", "closed"),
    ]
    assert all(h["actor"] == "api" for h in closed["history"])


async def test_closing_an_open_case_is_front_office(client):
    case = await make_case(client)
    closed = await close_case(client, case["code"])
    assert closed["resolution_path"] == "front_office"
    assert closed["closed_at"] >= closed["opened_at"]


async def _unchanged(client, code):
    response = await client.get(f"/api/cases/{code}", headers=HEADERS)
    return response.json()


async def test_a_closed_case_cannot_be_closed_again(client):
    case = await make_case(client)
    first = await close_case(client, case["code"])
    response = await client.post(f"/api/cases/{case['code']}/close", json={}, headers=HEADERS)
    assert response.status_code == 409
    assert "cannot be closed again" in response.json()["detail"]
    assert await _unchanged(client, case["code"]) == first


async def test_escalation_only_while_open(client):
    office = await make_office(client)
    case = await make_case(client)
    closed = await close_case(client, case["code"])
    response = await client.post(
        f"/api/cases/{case['code']}/escalate", json={"office": office}, headers=HEADERS
    )
    assert response.status_code == 409
    assert "only while open" in response.json()["detail"]
    assert await _unchanged(client, case["code"]) == closed


async def test_back_office_closing_needs_escalation(client):
    case = await make_case(client)
    response = await client.post(
        f"/api/cases/{case['code']}/close", json={"resolution_path": "back_office"}, headers=HEADERS
    )
    assert response.status_code == 409
    assert "must have been escalated" in response.json()["detail"]
    assert (await _unchanged(client, case["code"]))["status"] == "open"


async def test_closed_at_not_before_opened_at(client):
    case = await make_case(client, opened_at="2012-05-29T10:00:00+02:00")
    response = await client.post(
        f"/api/cases/{case['code']}/close",
        json={"at": "2012-05-28T10:00:00+02:00"},
        headers=HEADERS,
    )
    assert response.status_code == 422
    assert response.json()["field"] == "closed_at"
    assert (await _unchanged(client, case["code"]))["status"] == "open"


async def test_duplicate_code_conflicts(client):
    case = await make_case(client)
    response = await client.post("/api/cases", json=case_body(code=case["code"]), headers=HEADERS)
    assert response.status_code == 409


async def test_escalation_to_unknown_office_names_the_field(client):
    case = await make_case(client)
    response = await client.post(
        f"/api/cases/{case['code']}/escalate", json={"office": "nessuno"}, headers=HEADERS
    )
    assert response.status_code == 422
    assert response.json()["field"] == "office"
    assert (await _unchanged(client, case["code"]))["status"] == "open"


async def test_no_or_wrong_bridge_key_is_refused_and_changes_nothing(client):
    for headers in ({}, {"X-Bridge-Key": "wrong-key-wrong-key"}):
        response = await client.post("/api/cases", json=case_body(), headers=headers)
        assert response.status_code == 401
        assert (await client.get("/api/cases", headers=headers)).status_code == 401
    listing = await client.get("/api/cases", headers=HEADERS)
    assert listing.json()["total"] == 0


async def test_validation_errors_name_the_field(client):
    response = await client.post(
        "/api/cases", json=case_body(channel="carrier-pigeon"), headers=HEADERS
    )
    assert response.status_code == 400
    body = response.json()
    assert body["errors"][0]["field"] == "channel"
    assert "channel" in body["detail"]
    response = await client.post("/api/cases", json=case_body(code="12"), headers=HEADERS)
    assert response.json()["errors"][0]["field"] == "code"
    response = await client.post("/api/cases", json={"code": "CC-2012-000001"}, headers=HEADERS)
    assert response.status_code == 400
    assert "opened_at" in response.json()["detail"]
    assert (await client.get("/api/cases", headers=HEADERS)).json()["total"] == 0


async def test_list_filters_and_pages(client):
    for channel in ("phone", "phone", "email"):
        await make_case(client, channel=channel)
    first = await make_case(client, channel="phone", opened_at="2011-09-23T10:00:00+02:00")
    await close_case(client, first["code"])
    page = (await client.get("/api/cases?channel=phone&limit=2", headers=HEADERS)).json()
    assert page["total"] == 3 and len(page["items"]) == 2
    rest = (await client.get("/api/cases?channel=phone&limit=2&offset=2", headers=HEADERS)).json()
    assert len(rest["items"]) == 1
    codes = {c["code"] for c in page["items"] + rest["items"]}
    assert len(codes) == 3
    closed = (await client.get("/api/cases?status=closed", headers=HEADERS)).json()
    assert [c["code"] for c in closed["items"]] == [first["code"]]
    in_2011 = await client.get(
        "/api/cases?opened_from=2011-09-01&opened_to=2011-09-30", headers=HEADERS
    )
    assert [c["code"] for c in in_2011.json()["items"]] == [first["code"]]
    bad = await client.get("/api/cases?status=lost", headers=HEADERS)
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "status"
