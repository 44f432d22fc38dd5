"""A consultation following an earlier one, through HTTP: the waves compared scale by scale, the
heatmap of the tally's groups, the drivers; each on the page, in JSON and in CSV."""

from __future__ import annotations

import csv
import io

import pytest

from questionnaires import default_registry
from tests.survey.consultations.helpers import create, manager
from tests.survey.consultations.waves_scenario import OFFICES, offices, two_waves

API = "/api/manage/consultations"


async def test_the_later_wave_shows_the_stated_change_and_no_other(
    client, cli, smtp_settings, inbox
):
    waves = await two_waves(client, cli, smtp_settings, inbox, default_registry())
    response = await client.get(f"{API}/{waves.later}/comparison?lang=en")
    assert response.status_code == 200, response.text
    comparison = response.json()
    assert comparison["shown"] and comparison["follows"] == waves.earlier
    by_scale = {row["scale"]: row for row in comparison["scales"]}
    assert set(by_scale) == {
        scale.name for scale in default_registry().get("referent-consultation-2012", 1).scales
    }
    timeliness = by_scale["timeliness"]["change"]
    assert timeliness["verdict"] == "up"
    # Every timeliness answer one point higher (one 4 capped at 5 would make it less: none is).
    assert timeliness["mean_change"]["estimate"] == pytest.approx(1.0)
    assert timeliness["mean_change"]["low"] < 1.0 < timeliness["mean_change"]["high"]
    for scale, row in by_scale.items():
        if scale != "timeliness":
            assert row["change"]["verdict"] == "no_change", scale
            assert row["change"]["mean_change"]["estimate"] == pytest.approx(0.0, abs=1e-9)
    assert comparison["apart"] == [] and comparison["changed_items"] == []
    assert by_scale["timeliness"]["title"] == "Response times"

    rows = list(
        csv.DictReader(
            io.StringIO(
                (await client.get(f"{API}/{waves.later}/comparison.csv")).text.lstrip("\ufeff")
            )
        )
    )
    timeliness_mean = next(r for r in rows if r["scale"] == "timeliness" and r["measure"] == "mean")
    assert (
        float(timeliness_mean["change"]) == pytest.approx(1.0)
        and timeliness_mean["verdict"] == "up"
    )

    page = await client.get(f"/manage/consultations/{waves.later}?lang=en")
    assert page.status_code == 200
    assert "Compared with the previous wave" in page.text and "Improved" in page.text
    page_it = await client.get(f"/manage/consultations/{waves.later}?lang=it")
    assert "Confronto con l'edizione precedente" in page_it.text and "Migliorata" in page_it.text
    assert "Tempi di risposta" in page_it.text

    first = (await client.get(f"{API}/{waves.earlier}/comparison")).json()
    assert first["shown"] is False and first["note"] == "follows_nothing"


async def test_the_heatmap_shows_the_groups_of_the_tally_by_name(client, cli, smtp_settings, inbox):
    waves = await two_waves(client, cli, smtp_settings, inbox, default_registry())
    heatmap = (await client.get(f"{API}/{waves.later}/heatmap?lang=en")).json()
    rows = {row["group"]: row for row in heatmap["heatmap"]["rows"]}
    # emergenze (7) and comunicazione (6) stand alone; volontariato (6) too: all reach 5.
    assert {group: row["respondents"] for group, row in rows.items()} == {
        office: count for office, (_, count) in OFFICES.items()
    }
    assert heatmap["group_labels"]["emergenze"] == "Emergency management"
    assert all(cell["shown"] for row in rows.values() for cell in row["cells"])
    page = await client.get(f"/manage/consultations/{waves.later}?lang=en")
    assert "Heatmap by group" in page.text and "Emergency management" in page.text
    drivers = (await client.get(f"{API}/{waves.later}/drivers")).json()
    # 19 answers: too few to weigh six scales; the page says so rather than showing noise.
    assert drivers["analysis"]["status"] == "not_enough_data"


async def test_a_wave_follows_only_an_earlier_consultation_of_its_questionnaire(client, cli):
    await offices(client, {"emergenze": ("operazioni", 5)})
    headers = await manager(client, cli)
    first = await create(client, headers)
    for follows, problem in ((first["id"] + 100, "no consultation"), (first["id"], "close before")):
        response = await client.post(
            API,
            json={
                "title": "Seconda edizione",
                "questionnaire": "referent-consultation-2012",
                "questionnaire_version": 1,
                "opens_on": "2012-07-15",
                "closes_on": "2012-08-31",
                "tally_passphrase": "guardians-tally-passphrase-2013",
                "guardians": "Dirigente",
                "follows": follows,
            },
            headers=headers,
        )
        assert response.status_code == 422, response.text
        assert "follows" in response.text and problem in response.text
    assert len((await client.get(API)).json()) == 1
    open_only = await client.get(f"{API}/{first['id']}/comparison")
    assert open_only.status_code == 409
