"""Consultations as a manager runs them in pages: reached from the management home, created
with guardians and a tally key, opened (saying what went out), closed after a confirmation;
every problem on its form, in the page's language, the values kept."""

from __future__ import annotations

import re

from tests.survey.accounts.helpers import form_login as login
from tests.survey.accounts.helpers import form_token, make_user
from tests.survey.consultations.helpers import referents

PASSPHRASE = "tre custodi e una chiave"


async def _manager(client, cli) -> None:
    await make_user(cli, "gestore", "manager")
    assert (await login(client, "gestore")).status_code == 303


async def _post(client, path: str, fields: dict[str, str]):
    page = await client.get("/manage/consultations")  # any form's token serves every form
    return await client.post(path, data=fields | {"_csrf_token": form_token(page.text)})


def _creation(**changes: str) -> dict[str, str]:
    return {
        "title": "Consultazione dei referenti 2012",
        "questionnaire": "referent-consultation-2012@1",
        "opens_on": "2012-07-04",
        "closes_on": "2012-07-31",
        "threshold": "",
        "guardians": "Anna Rossi, dirigente\nLuca Bianchi, DPO",
        "tally_passphrase": PASSPHRASE,
        "tally_passphrase_again": PASSPHRASE,
    } | changes


async def test_reached_from_the_management_home_and_the_dashboard(client, cli):
    await _manager(client, cli)
    assert 'href="/manage/consultations?lang=it"' in (await client.get("/manage")).text
    dashboard = await client.get("/manage/dashboard/consultations")
    assert 'href="/manage/consultations?lang=it"' in dashboard.text
    page = await client.get("/manage/consultations?lang=en")
    assert "Il Contact Center visto dai referenti" not in page.text
    assert "The Contact Center as seen by referents" in page.text and "(version 1)" in page.text
    assert "never keeps it" in page.text  # the tally key explained


async def test_every_problem_on_the_form_in_the_page_s_language_with_values_kept(client, cli):
    await _manager(client, cli)
    blank = await _post(client, "/manage/consultations?lang=en", {})
    assert blank.status_code == 422 and blank.headers["content-type"].startswith("text/html")
    for text in (
        "Write a title of 3 to 200 characters.",
        "Write a valid date.",
        "Write at least one name",
        "at least 12 characters",
    ):
        assert text in blank.text
    wrong = _creation(
        title="Prova <b>",
        closes_on="2012-07-01",
        threshold="2",
        tally_passphrase_again="un'altra chiave qualsiasi",
    )
    # Back to Italian: the English chosen above is kept (by its cookie) until changed.
    refused = await _post(client, "/manage/consultations?lang=it", wrong)
    assert refused.status_code == 422
    assert "La data di chiusura deve essere uguale o successiva" in refused.text
    assert "Scrivi un numero intero da 3 a 50" in refused.text
    assert "Le due chiavi scritte non coincidono" in refused.text
    assert 'value="Prova &lt;b&gt;"' in refused.text and 'value="2012-07-01"' in refused.text
    assert "Luca Bianchi, DPO" in refused.text
    assert PASSPHRASE not in refused.text  # a key is never written back into a page
    hostile = await _post(client, "/manage/consultations?lang=it", _creation(questionnaire="x@@1"))
    assert hostile.status_code == 422 and "Scegli uno dei questionari" in hostile.text
    assert "no consultations" not in (await client.get("/api/manage/consultations")).text


async def test_create_open_and_close_with_confirmation(client, cli):
    await referents(client, {"volontariato": 3})
    await _manager(client, cli)
    created = await _post(client, "/manage/consultations?lang=it", _creation())
    assert created.status_code == 303
    detail_path = created.headers["location"]
    cid = re.search(r"/manage/consultations/(\d+)", detail_path).group(1)
    opened = await _post(client, f"/manage/consultations/{cid}/open?lang=it", {})
    assert opened.status_code == 303
    page = await client.get(opened.headers["location"])
    assert "3 inviti in coda" in page.text
    assert "ASCOLTO_SMTP_URL non è impostato" in page.text  # the tests' app has no SMTP
    assert "Il Contact Center visto dai referenti" in page.text and "(versione 1)" in page.text
    assert f'href="/manage/consultations/{cid}/close?lang=it"' in page.text
    again = await _post(client, f"/manage/consultations/{cid}/open", {})
    assert again.status_code == 409 and "Nulla è stato cambiato" in again.text

    confirm = f"/manage/consultations/{cid}/close?lang=en"
    asked = await client.get(confirm)
    assert "cannot be reopened" in asked.text and 'type="password"' in asked.text
    empty = await _post(client, confirm, {"tally_passphrase": ""})
    assert empty.status_code == 422 and "Type the tally key" in empty.text
    state = (await client.get(f"/api/manage/consultations/{cid}")).json()["state"]
    assert state == "open"
    closed = await _post(client, confirm, {"tally_passphrase": PASSPHRASE})
    assert closed.status_code == 303
    assert "Consultation closed" in (await client.get(closed.headers["location"])).text
    assert (await client.get(f"/api/manage/consultations/{cid}")).json()["state"] == "closed"
