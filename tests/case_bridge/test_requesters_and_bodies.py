"""Who asked (requester kind) and which other bodies a Back Office case was coordinated with:
through the API, the main platform's events and the import; bad values named, nothing kept."""

from __future__ import annotations

import json

from tests.case_bridge.test_bridge_events import post_event
from tests.case_bridge.test_import import row, total, write_csv
from tests.factories import HEADERS, case_body, close_case, escalate_case, make_case, make_office


async def stored(client, code: str) -> dict:
    return (await client.get(f"/api/cases/{code}", headers=HEADERS)).json()


async def test_the_requester_and_the_bodies_named_along_the_way_are_kept(client):
    office = await make_office(client, "emergenze")
    case = await make_case(client, requester_kind="institution")
    assert case["requester_kind"] == "institution" and case["other_bodies"] == []
    await escalate_case(client, case["code"], office, other_bodies=["prefecture"])
    closed = await close_case(
        client, case["code"], other_bodies=["fire_brigade", "prefecture", "fire_brigade"]
    )
    # Each body once, in a steady order, whoever named it first.
    assert closed["other_bodies"] == ["fire_brigade", "prefecture"]
    assert (await stored(client, case["code"]))["other_bodies"] == ["fire_brigade", "prefecture"]
    unrecorded = await make_case(client)
    assert unrecorded["requester_kind"] is None
    listed = await client.get("/api/cases?requester_kind=institution", headers=HEADERS)
    assert [item["code"] for item in listed.json()["items"]] == [case["code"]]


async def test_an_unknown_requester_kind_is_named_and_nothing_is_opened(client):
    body = case_body(requester_kind="alien")
    response = await client.post("/api/cases", json=body, headers=HEADERS)
    assert response.status_code == 400, response.text
    assert "requester_kind" in response.text
    assert (await client.get(f"/api/cases/{body['code']}", headers=HEADERS)).status_code == 404


async def test_an_unknown_body_is_named_and_the_case_stays_as_it_was(client):
    office = await make_office(client, "emergenze")
    case = await make_case(client)
    response = await client.post(
        f"/api/cases/{case['code']}/escalate",
        json={"office": office, "other_bodies": ["prefecture", "aliens"]},
        headers=HEADERS,
    )
    assert response.status_code == 400, response.text
    assert "other_bodies" in response.text
    after = await stored(client, case["code"])
    assert after["status"] == "open" and after["other_bodies"] == []


async def test_front_office_involves_no_other_body(client):
    case = await make_case(client)
    response = await client.post(
        f"/api/cases/{case['code']}/close",
        json={"other_bodies": ["municipality"]},
        headers=HEADERS,
    )
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "other_bodies"
    after = await stored(client, case["code"])
    assert after["status"] == "open" and after["other_bodies"] == []


async def test_events_carry_the_requester_and_the_bodies(client):
    await make_office(client, "rischio_idro")
    case = case_body(requester_kind="civil_protection")
    await post_event(client, {"id": "evt-rk-1", "type": "opened", "case": case})
    escalated = {"id": "evt-rk-2", "type": "escalated", "code": case["code"]}
    escalated |= {"office": "rischio_idro", "other_bodies": ["regional_authority"]}
    await post_event(client, escalated)
    closing = {"id": "evt-rk-3", "type": "closed", "code": case["code"]}
    closed = await post_event(client, closing | {"other_bodies": ["municipality"]})
    assert closed.status_code == 200, closed.text
    case_now = closed.json()["case"]
    assert case_now["requester_kind"] == "civil_protection"
    assert case_now["other_bodies"] == ["municipality", "regional_authority"]
    bad = await post_event(
        client, {"id": "evt-rk-4", "type": "opened", "case": case_body(requester_kind="king")}
    )
    assert bad.status_code == 400 and "requester_kind" in bad.text


async def test_import_reads_the_kind_and_the_bodies_of_csv_and_json_lines(client, cli, tmp_path):
    await make_office(client, "emergenze")
    back_office = {"status": "closed", "resolution_path": "back_office", "office": "emergenze"}
    rows = [
        row(1, requester_kind="business"),
        row(
            2, requester_kind="institution", other_bodies="prefecture, fire_brigade", **back_office
        ),
        row(3),
    ]
    result = await cli("cases", "import", write_csv(tmp_path / "cases.csv", rows))
    assert result.exit_code == 0, result.output
    assert (await stored(client, "CC-2011-000001"))["requester_kind"] == "business"
    second = await stored(client, "CC-2011-000002")
    assert second["other_bodies"] == ["fire_brigade", "prefecture"]
    third = await stored(client, "CC-2011-000003")
    assert third["requester_kind"] is None and third["other_bodies"] == []
    line = {k: v for k, v in row(4, **back_office).items() if v}
    line |= {"requester_kind": "organisation", "other_bodies": ["municipality"]}
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert (await cli("cases", "import", path)).exit_code == 0
    fourth = await stored(client, "CC-2011-000004")
    assert fourth["requester_kind"] == "organisation" and fourth["other_bodies"] == ["municipality"]


async def test_import_names_bad_kinds_and_bodies_and_imports_nothing(client, cli, tmp_path):
    await make_office(client, "emergenze")
    back_office = {"status": "closed", "resolution_path": "back_office", "office": "emergenze"}
    rows = [
        row(1, requester_kind="citizen"),
        row(2, requester_kind="martian"),
        row(3, other_bodies="prefecture,unicorns", **back_office),
        row(4, other_bodies="municipality"),  # closed at Front Office
    ]
    result = await cli("cases", "import", write_csv(tmp_path / "bad.csv", rows))
    assert result.exit_code == 1
    assert "bad.csv: line 3: requester_kind:" in result.output
    assert "bad.csv: line 4: other_bodies" in result.output
    assert "bad.csv: line 5: other_bodies: only a case handed to an office" in result.output
    assert "3 of 4 rows are invalid; nothing was imported" in result.output
    assert await total(client) == 0
