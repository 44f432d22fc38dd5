"""Actions after a wave: recorded by management (API and page), asked about in the next wave by
a generated questionnaire version (the pinned one untouched), and shown beside the action."""

from __future__ import annotations

from questionnaires import Registry
from survey.questionnaire_versions.services import load_registry
from tests.survey.consultations.helpers import create, manager
from tests.survey.consultations.waves_scenario import offices, two_waves

API = "/api/manage/consultations"
ACTION = {
    "what": "Scadenze concordate con gli uffici per le richieste in emergenza",
    "scale": "timeliness",
    "owner_office": "emergenze",
    "due_on": "2013-03-31",
}


async def test_actions_are_asked_about_in_the_next_wave_and_answered_beside_them(
    client, cli, smtp_settings, inbox
):
    # A registry of this test's own (the shipped one is shared and cached): the referents'
    # answers read the generated version from the database through it, as another worker would.
    registry = Registry.load()
    recorded: list[dict] = []

    async def record(headers, earlier):
        second = ACTION | {"what": "Modulo dedicato agli attestati", "scale": "workload"}
        for body in (ACTION, second):
            response = await client.post(f"{API}/{earlier}/actions", json=body, headers=headers)
            assert response.status_code == 201, response.text
            recorded.append(response.json())
        # Through the page as well: the form's problems named on their fields, nothing saved.
        page = await client.post(
            f"/manage/consultations/{earlier}/actions?lang=en",
            data={"what": "x", "scale": "nope", "owner_office": "emergenze", "due_on": "soon"},
            headers=headers,
        )
        assert page.status_code == 422
        assert "Describe the action" in page.text and "Give the due date" in page.text
        assert len((await client.get(f"{API}/{earlier}/actions")).json()) == 2

    waves = await two_waves(client, cli, smtp_settings, inbox, registry, between=record)
    later = (await client.get(f"{API}/{waves.later}")).json()
    # A new version carries the two action items; version 1, pinned by the first wave, is as
    # it was (start-up would refuse a changed file under its pin).
    version = later["questionnaire_version"]
    assert version >= 2
    loaded = await load_registry()
    generated = loaded.get("referent-consultation-2012", version)
    assert [item.code for item in generated.sections[-1].items] == [
        f"action_{recorded[0]['id']}",
        f"action_{recorded[1]['id']}",
    ]
    assert loaded.hash_of("referent-consultation-2012", 1) == registry.hash_of(
        "referent-consultation-2012", 1
    )

    actions = (await client.get(f"{API}/{waves.earlier}/actions?lang=en")).json()
    first = actions[0]
    assert first["asked_in"] == waves.later and first["owner_office"] == "emergenze"
    assert first["scale_title"] == "Response times"
    # 19 answered: every third "no" (6), the others "yes" (13).
    assert {c["value"]: c["count"] for c in first["seen"]} == {
        "yes": 13,
        "partly": 0,
        "no": 6,
        "dont_know": 0,
    }

    # The waves still compare on every scale: the action section adds items, changes none.
    comparison = (await client.get(f"{API}/{waves.later}/comparison")).json()
    assert comparison["changed_items"] == [] and comparison["apart"] == []
    assert len(comparison["scales"]) == 7

    changed = await client.post(
        f"{API}/{waves.earlier}/actions/{first['id']}/state",
        json={"state": "done"},
        headers=waves.headers,
    )
    assert changed.status_code == 200 and changed.json()["state"] == "done"
    page = await client.get(f"/manage/consultations/{waves.earlier}?lang=it")
    assert "Scadenze concordate" in page.text and "Sì: 13" in page.text
    assert "Realizzata" in page.text


async def test_actions_need_a_tallied_wave_a_known_scale_and_office(client, cli):
    await offices(client, {"emergenze": ("operazioni", 5)})
    headers = await manager(client, cli)
    draft = await create(client, headers)
    early = await client.post(f"{API}/{draft['id']}/actions", json=ACTION, headers=headers)
    assert early.status_code == 409
    assert (await client.get(f"{API}/{draft['id']}/actions")).json() == []
    missing = await client.post(
        f"{API}/{draft['id']}/actions/999/state", json={"state": "done"}, headers=headers
    )
    assert missing.status_code == 404
    wrong_state = await client.post(
        f"{API}/{draft['id']}/actions/1/state", json={"state": "finished"}, headers=headers
    )
    assert wrong_state.status_code == 400 and "state" in wrong_state.text
