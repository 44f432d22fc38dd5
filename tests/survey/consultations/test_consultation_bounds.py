"""Lists and days of a consultation bounded before the database: an empty list of offices and
a day outside the service window are a 4xx naming the field, never a 500, on either engine."""

from __future__ import annotations

from tests.survey.consultations.helpers import create, manager, referents

BODY = {
    "title": "Consultazione dei referenti 2012",
    "questionnaire": "referent-consultation-2012",
    "questionnaire_version": 1,
    "opens_on": "2012-07-04",
    "closes_on": "2012-07-31",
    "tally_passphrase": "guardians-tally-passphrase-2012",
    "guardians": "Dirigente dell'Ufficio I",
}


async def test_an_empty_list_of_offices_names_the_field(client, cli):
    await referents(client, {"volontariato": 1})
    headers = await manager(client, cli)
    answer = await client.post(
        "/api/manage/consultations", json=BODY | {"offices": []}, headers=headers
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["field"] == "offices"
    assert (await client.get("/api/manage/consultations")).json() == []
    consultation = await create(client, headers)
    invitees = await client.post(
        f"/api/manage/consultations/{consultation['id']}/invitees",
        json={"offices": []},
        headers=headers,
    )
    assert invitees.status_code == 400, invitees.text
    assert invitees.json()["errors"][0]["field"] == "offices"


async def test_days_outside_the_service_window_name_the_field(client, cli):
    headers = await manager(client, cli)
    for field, day in (("opens_on", "0001-01-01"), ("closes_on", "9999-12-31")):
        answer = await client.post(
            "/api/manage/consultations", json=BODY | {field: day}, headers=headers
        )
        assert answer.status_code == 400, answer.text
        assert answer.json()["errors"][0]["field"] == field
    assert (await client.get("/api/manage/consultations")).json() == []
