"""Questionnaires of the test's own, served by an app of the test's own:

- the heatmap of a tallied consultation whose optional scale some groups left mostly blank:
  every cell under the threshold is blank in HTML, JSON and CSV, and the cells that would give
  it away by subtraction from the totals are blank too (an attacker's subtraction finds nothing);
- a second wave asked with a version whose item was reworded: that item's scale is shown apart,
  never compared, while the unchanged scale is."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from questionnaires import Registry
from questionnaires.registry import DEFINITIONS_DIRECTORY
from survey.app import create_app
from survey.consultations import answering
from tests.conftest import in_process
from tests.survey.consultations.helpers import PASSPHRASE, close, manager, open_and_mail
from tests.survey.consultations.waves_scenario import offices

API = "/api/manage/consultations"
LIKERT = """        type: likert
        points: 5
        labels: [{it: "No", en: "No"}, {it: Poco, en: Little}, {it: Così, en: So-so},
                 {it: "Sì", en: "Yes"}, {it: Molto, en: Much}]"""
DEFINITION = f"""
id: heatmap-check
version: 1
audience: referent
title: {{it: Verifica della mappa, en: Heatmap check}}
intro: {{it: Prova, en: Trial}}
sections:
  - code: main
    title: {{it: Tutto, en: All}}
    items:
      - code: service_good
        required: true
        scales: [service]
        text: {{it: Il servizio funziona, en: The service works}}
{LIKERT}
      - code: platform_good
        scales: [platform]
        text: {{it: La piattaforma aiuta, en: The platform helps}}
{LIKERT}
      - code: office
        type: single_choice
        text: {{it: Ufficio, en: Office}}
        options:
          - {{code: emergenze, label: {{it: Emergenze, en: Emergencies}}}}
          - {{code: volontariato, label: {{it: Volontariato, en: Volunteering}}}}
          - {{code: comunicazione, label: {{it: Comunicazione, en: Communication}}}}
scales:
  - {{name: service, rule: mean, title: {{it: Servizio, en: Service}}}}
  - {{name: platform, rule: mean, title: {{it: Piattaforma, en: Platform}}}}
"""
# Everyone answers the service item; the platform item only 2 of comunicazione's 6.
GROUPS = {"emergenze": ("operazioni", 6), "volontariato": ("operazioni", 7)}
GROUPS |= {"comunicazione": ("relazioni", 6)}
PLATFORM_ANSWERED = {"emergenze": 6, "volontariato": 7, "comunicazione": 2}


@pytest.fixture(scope="module")
def definitions(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("definitions")
    for path in DEFINITIONS_DIRECTORY.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    (folder / "heatmap-check.yaml").write_text(DEFINITION, encoding="utf-8")
    reworded = DEFINITION.replace("version: 1", "version: 2").replace(
        "La piattaforma aiuta", "La piattaforma mi fa risparmiare tempo"
    )
    (folder / "heatmap-check-v2.yaml").write_text(reworded, encoding="utf-8")
    return folder


@pytest.fixture
async def heatmap_client(db, settings, definitions) -> AsyncIterator[httpx.AsyncClient]:
    """An app with the shipped questionnaires and the one of this test."""
    async with in_process(create_app(settings, definitions=definitions)) as client:
        yield client


async def test_cells_under_k_are_blank_everywhere_and_cannot_be_subtracted_out(
    heatmap_client, cli, smtp_settings, inbox, definitions
):
    client = heatmap_client
    registry = Registry.load(definitions)
    await offices(client, GROUPS)
    headers = await manager(client, cli)
    created = await client.post(
        API,
        json={
            "title": "Verifica della mappa",
            "questionnaire": "heatmap-check",
            "questionnaire_version": 1,
            "opens_on": "2012-07-04",
            "closes_on": "2012-07-31",
            "tally_passphrase": PASSPHRASE,
            "guardians": "Dirigente",
        },
        headers=headers,
    )
    assert created.status_code == 201, created.text
    cid = created.json()["id"]
    links = await open_and_mail(client, headers, cid, smtp_settings, inbox)
    answered_platform: dict[str, int] = {}
    for n, (email, path) in enumerate(sorted(links.items())):
        office = email.split(".")[0]
        answers: dict[str, object] = {"office": office, "service_good": 2 + n % 4}
        if answered_platform.get(office, 0) < PLATFORM_ANSWERED[office]:
            answers["platform_good"] = 1 + n % 5
            answered_platform[office] = answered_platform.get(office, 0) + 1
        await answering.submit(token=path.removeprefix("/c/"), answers=answers, registry=registry)
    assert (await close(client, headers, cid)).status_code == 200

    # JSON: comunicazione's platform cell (2 answers) blank; emergenze's (6, the smaller of
    # the other two) blank too, or comunicazione's would be the total minus the others.
    out = (await client.get(f"{API}/{cid}/heatmap?lang=en")).json()["heatmap"]
    platform = out["scales"].index("platform")
    cells = {row["group"]: row["cells"][platform] for row in out["rows"]}
    assert cells["comunicazione"]["reason"] == "below_threshold"
    assert cells["emergenze"]["reason"] == "complementary"
    assert cells["volontariato"]["shown"] and cells["volontariato"]["n"] == 7
    for group in ("comunicazione", "emergenze"):
        assert cells[group]["n"] is None and cells[group]["favourable"] is None
    total = out["total"]["cells"][platform]
    assert total["n"] == 15
    # The attack: the total minus every visible cell leaves two cells together, never one.
    hidden = [group for group, cell in cells.items() if not cell["shown"]]
    assert len(hidden) == 2
    service = out["scales"].index("service")
    assert all(row["cells"][service]["shown"] for row in out["rows"])

    # CSV: the same cells without a figure, with the reason.
    text = (await client.get(f"{API}/{cid}/heatmap.csv")).text.lstrip("\ufeff")
    rows = {(r["group"], r["scale"]): r for r in csv.DictReader(io.StringIO(text))}
    for group in ("comunicazione", "emergenze"):
        row = rows[(group, "platform")]
        assert row["respondents"] == row["favourable"] == row["low"] == row["high"] == ""
    assert rows[("comunicazione", "platform")]["reason"] == "below_threshold"
    assert rows[("volontariato", "platform")]["respondents"] == "7"

    # HTML: no number in the blank cells, the reason in words, in both languages.
    for lang, reason in (("en", "fewer than 5 answers"), ("it", "meno di 5 risposte")):
        page = await client.get(f"/manage/consultations/{cid}?lang={lang}")
        assert page.status_code == 200
        table = page.text.split('<table class="heatmap">')[1].split("</table>")[0]
        body_rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], flags=re.S)
        by_group = {re.search(r"<th scope=\"row\">(.*?)</th>", r).group(1): r for r in body_rows}
        label = "Communication" if lang == "en" else "Comunicazione"
        emergencies = "Emergencies" if lang == "en" else "Emergenze"
        for name in (label, emergencies):
            cells_html = re.findall(r"<td[^>]*>(.*?)</td>", by_group[name], flags=re.S)
            blank = cells_html[1 + platform]
            assert not re.search(r"\d+\s*%", blank), blank
        assert reason in by_group[label]


async def test_a_reworded_item_is_shown_apart_and_never_compared(
    heatmap_client, cli, smtp_settings, inbox, definitions
):
    client = heatmap_client
    registry = Registry.load(definitions)
    await offices(client, {"emergenze": ("operazioni", 6)})
    headers = await manager(client, cli)
    ids = []
    waves = ((1, ("2012-07-04", "2012-07-31"), 2), (2, ("2013-07-01", "2013-07-31"), 4))
    for version, (opens, closes), level in waves:
        body = {
            "title": f"Verifica {version}",
            "questionnaire": "heatmap-check",
            "questionnaire_version": version,
            "opens_on": opens,
            "closes_on": closes,
            "tally_passphrase": PASSPHRASE,
            "guardians": "Dirigente",
        } | ({"follows": ids[0]} if ids else {})
        created = await client.post(API, json=body, headers=headers)
        assert created.status_code == 201, created.text
        ids.append(created.json()["id"])
        links = await open_and_mail(client, headers, ids[-1], smtp_settings, inbox)
        for n, path in enumerate(sorted(links.values())):
            answers = {"office": "emergenze", "service_good": level + n % 2, "platform_good": 3}
            await answering.submit(
                token=path.removeprefix("/c/"), answers=answers, registry=registry
            )
        assert (await close(client, headers, ids[-1])).status_code == 200
    comparison = (await client.get(f"{API}/{ids[1]}/comparison?lang=en")).json()
    assert [row["scale"] for row in comparison["scales"]] == ["service"]
    assert comparison["scales"][0]["change"]["verdict"] == "up"
    assert [row["scale"] for row in comparison["apart"]] == ["platform"]
    assert comparison["changed_items"] == [
        {
            "code": "platform_good",
            "earlier_text": "The platform helps",
            "later_text": "The platform helps",  # the English was left as it was
        }
    ]
    rows = (await client.get(f"{API}/{ids[1]}/comparison.csv")).text
    platform = [line for line in rows.splitlines() if line.startswith("platform,")]
    assert platform and all(line.endswith(",not_compared") for line in platform)
    assert all(",,,,," in line for line in platform)  # no change, interval or test
    page = await client.get(f"/manage/consultations/{ids[1]}?lang=it")
    assert "Scale non confrontabili" in page.text and "Domande riformulate" in page.text
    assert "La piattaforma mi fa risparmiare tempo" in page.text
