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

    # The heatmap of the same wave: the tally's groups by name, every cell shown (each
    # office reaches 5 on its own).
    heatmap = (await client.get(f"{API}/{waves.later}/heatmap?lang=en")).json()
    rows = {row["group"]: row for row in heatmap["heatmap"]["rows"]}
    assert {group: row["respondents"] for group, row in rows.items()} == {
        office: count for office, (_, count) in OFFICES.items()
    }
    assert heatmap["group_labels"]["emergenze"] == "Emergency management"
    assert all(cell["shown"] for row in rows.values() for cell in row["cells"])
    assert "Heatmap by group" in page.text and "Emergency management" in page.text
    drivers = (await client.get(f"{API}/{waves.later}/drivers")).json()
    # 19 answers: too few to weigh six scales; the page says so rather than showing noise.
    assert drivers["analysis"]["status"] == "not_enough_data"
    assert "At least 30 complete answers" in page.text


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


async def test_referents_beside_the_citizens_of_the_cases_their_group_closed(
    client, cli, settings, smtp_settings, inbox
):
    from tests.survey.report.helpers import case

    waves = await two_waves(client, cli, smtp_settings, inbox, default_registry())
    # Back Office cases closed in the year before the 2013 wave closed: emergenze's 6 answers
    # shown; volontariato's 2 under 5, comunicazione's none: both blank. One answer of the
    # year before does not count, nor a Front Office case.
    given = [("emergenze", "2013-05-0{}", s) for s in (5, 4, 4, 2, 5, 3)]
    given += [("volontariato", "2013-06-0{}", 5), ("volontariato", "2013-06-0{}", 1)]
    given += [("emergenze", "2012-03-0{}", 1)]
    for n, (office, day, satisfaction) in enumerate(given, start=1):
        moment = day.format(n % 9 + 1)
        await case(
            client,
            settings,
            opened=f"{moment}T09:00:00+02:00",
            closed=f"{moment}T12:00:00+02:00",
            office=office,
            answers={"satisfaction": satisfaction},
        )
    beside = (await client.get(f"{API}/{waves.later}/citizens?lang=en")).json()
    rows = {row["group"]: row for row in beside["rows"]}
    assert beside["scale"] == "overall" and set(rows) == set(OFFICES)
    assert rows["emergenze"]["citizens"] == 6
    assert rows["emergenze"]["citizens_csat"]["estimate"] == pytest.approx(4 / 6)
    for office in ("volontariato", "comunicazione"):
        assert rows[office]["citizens"] is None and rows[office]["citizens_csat"] is None
        assert rows[office]["citizens_reason"] == "below_threshold"
    assert all(row["referents"] == OFFICES[group][1] for group, row in rows.items())
    page = await client.get(f"/manage/consultations/{waves.later}?lang=en")
    assert "Referents and citizens, group by group" in page.text
    assert "fewer than 5 citizens" in page.text


async def test_drivers_from_thirty_answers_on_the_page_and_in_json(
    client, cli, smtp_settings, inbox
):
    import random

    from questionnaires import LikertItem
    from survey.consultations import answering
    from tests.survey.consultations.helpers import close, open_and_mail

    registry = default_registry()
    questionnaire = registry.get("referent-consultation-2012", 1)
    await offices(client, {"emergenze": ("operazioni", 18), "volontariato": ("operazioni", 16)})
    headers = await manager(client, cli)
    consultation = await create(client, headers)
    links = await open_and_mail(client, headers, consultation["id"], smtp_settings, inbox)
    pick = random.Random(7)
    for email, path in sorted(links.items()):
        # Timeliness drives the overall items; the other scales are noise around 3.
        timeliness = pick.randint(1, 5)
        answers: dict[str, object] = {"office": email.split(".")[0]}
        for item in questionnaire.items():
            if isinstance(item, LikertItem):
                if "overall" in item.scales:
                    level = timeliness + pick.choice((-1, 0, 0, 1))
                elif "timeliness" in item.scales:
                    level = timeliness
                else:
                    level = pick.randint(2, 4)
                answers[item.code] = max(1, min(5, level))
        await answering.submit(token=path.removeprefix("/c/"), answers=answers, registry=registry)
    assert (await close(client, headers, consultation["id"])).status_code == 200

    drivers = (await client.get(f"{API}/{consultation['id']}/drivers?lang=en")).json()
    analysis = drivers["analysis"]
    assert analysis["status"] == "ok" and analysis["n"] == 34
    weights = {d["scale"]: d["importance"]["estimate"] for d in analysis["drivers"]}
    assert "overall" not in weights  # the scale holding the outcome item explains nothing
    assert max(weights, key=weights.get) == "timeliness"
    assert sum(weights.values()) == pytest.approx(analysis["r2"]["estimate"])
    page = await client.get(f"/manage/consultations/{consultation['id']}?lang=en")
    assert page.status_code == 200
    table = page.text.split('<table class="drivers">')[1].split("</table>")[0]
    assert "Response times" in table.split("<tbody>")[1].split("</tr>")[0]  # the heaviest first
    page_it = await client.get(f"/manage/consultations/{consultation['id']}?lang=it")
    assert "Che cosa pesa sulla soddisfazione complessiva" in page_it.text
