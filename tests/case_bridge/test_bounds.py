"""Every value the case tracker takes in is bounded before it reaches the database: offsets,
and days and times within the service window (`clock.SERVICE_START` to `SERVICE_END`); a value
outside is a 4xx naming the field, never a 500, on either engine."""

from __future__ import annotations

import pytest

from tests.case_bridge.test_bridge_events import post_event
from tests.case_bridge.test_import import row, write_csv
from tests.factories import HEADERS, case_body, make_case

OUT_OF_WINDOW = ["9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00", "2100-01-01T00:00:00Z"]


def named(response, field: str) -> None:
    assert 400 <= response.status_code < 500, response.text
    assert field in response.json()["detail"], response.text


async def test_an_offset_past_the_engines_integers_is_a_400(client):
    for offset in ("9223372036854775808", "1000000001", "-1"):
        answer = await client.get(f"/api/cases?offset={offset}", headers=HEADERS)
        assert answer.status_code == 400, answer.text
        assert answer.json()["errors"][0]["field"] == "offset"
    assert (await client.get("/api/cases?offset=1000000000", headers=HEADERS)).status_code == 200


@pytest.mark.parametrize("field", ["opened_from", "opened_to"])
async def test_filter_days_outside_the_service_window_name_the_field(client, field):
    for day in ("9999-12-31", "0001-01-01", "1999-12-31", "2100-01-01"):
        answer = await client.get(f"/api/cases?{field}={day}", headers=HEADERS)
        named(answer, field)
    assert (await client.get(f"/api/cases?{field}=2099-12-31", headers=HEADERS)).status_code == 200


@pytest.mark.parametrize("opened_at", OUT_OF_WINDOW)
async def test_a_case_opened_outside_the_service_window_is_refused(client, opened_at):
    answer = await client.post("/api/cases", json=case_body(opened_at=opened_at), headers=HEADERS)
    named(answer, "opened_at")
    assert answer.json()["errors"][0]["field"] == "opened_at"
    event = {"id": "evt-window", "type": "opened", "case": case_body(opened_at=opened_at)}
    named(await post_event(client, event), "opened_at")
    assert (await client.get("/api/cases", headers=HEADERS)).json()["total"] == 0


async def test_closing_and_escalation_times_outside_the_window_are_refused(client):
    case = await make_case(client)
    for at in OUT_OF_WINDOW:
        closing = await client.post(
            f"/api/cases/{case['code']}/close", json={"at": at}, headers=HEADERS
        )
        named(closing, "at")
        escalation = await client.post(
            f"/api/cases/{case['code']}/escalate",
            json={"office": "x_office", "at": at},
            headers=HEADERS,
        )
        named(escalation, "at")
        event = {"id": f"evt-{at}", "type": "closed", "code": case["code"], "at": at}
        named(await post_event(client, event), "at")
        emergency = await client.post(
            "/api/emergencies",
            json={"name": "x", "starts_at": "2012-05-29T00:00:00Z", "ends_at": at},
            headers=HEADERS,
        )
        named(emergency, "ends_at")
    assert (await client.get(f"/api/cases/{case['code']}", headers=HEADERS)).json()[
        "status"
    ] == "open"


async def test_an_import_names_the_time_outside_the_window(client, cli, tmp_path):
    rows = [
        row(1, opened_at="9999-12-31T23:00:00-05:00"),
        row(2, opened_at="0001-01-01T00:00:00"),
        row(3, status="closed", resolution_path="front_office", closed_at="2100-01-02T00:00:00"),
    ]
    result = await cli("cases", "import", write_csv(tmp_path / "far.csv", rows))
    assert result.exit_code == 1, result.output
    assert "far.csv: line 2: opened_at: must fall within" in result.output
    assert "far.csv: line 3: opened_at: must fall within" in result.output
    assert "far.csv: line 4: closed_at: must fall within" in result.output
    assert (await client.get("/api/cases", headers=HEADERS)).json()["total"] == 0
