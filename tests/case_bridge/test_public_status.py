"""The public status page shows status and dates only."""

from __future__ import annotations

from tests.factories import close_case, make_case


async def test_status_page_shows_status_and_dates_and_nothing_personal(client):
    case = await make_case(
        client,
        contact_email="giulia.verdi@example.org",
        contact_phone="+39 347 7654321",
        topic="attestati di benemerenza",
    )
    page = await client.get(f"/cases/{case['code']}/status")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert case["code"] in page.text and "Aperta" in page.text and "2012-05-29" in page.text
    await close_case(client, case["code"], at="2012-06-01T09:00:00+02:00")
    as_json = await client.get(
        f"/cases/{case['code']}/status", headers={"Accept": "application/json"}
    )
    assert as_json.json() == {
        "code": case["code"],
        "status": "closed",
        "opened_on": "2012-05-29",
        "closed_on": "2012-06-01",
    }
    english = await client.get(f"/cases/{case['code']}/status?lang=en")
    assert "Closed" in english.text and 'lang="en"' in english.text
    for shown in (page.text, as_json.text, english.text):
        for secret in ("giulia", "347", "benemerenza", "emilia", "information"):
            assert secret not in shown.lower()


async def test_unknown_case_is_a_plain_not_found_page(client):
    page = await client.get("/cases/CC-2012-999999/status")
    assert page.status_code == 404
    assert "Pagina non trovata" in page.text
    assert "content-security-policy" in page.headers


async def test_status_page_tells_each_step_in_plain_words_with_its_dates(client):
    from tests.factories import escalate_case, make_office

    case = await make_case(client)
    office = await make_office(client)
    await escalate_case(client, case["code"], office, at="2012-05-30T10:00:00+02:00")
    page = (await client.get(f"/cases/{case['code']}/status")).text
    assert "presa in carico da un ufficio specialistico del Dipartimento" in page
    assert "Back Office" not in page
    assert "Passata a un ufficio specialistico il" in page and "30 maggio 2012" in page
    assert "29 maggio 2012" in page and "Non ancora chiusa" in page
    assert "112" in page and 'href="?lang=en"' in page
    as_json = await client.get(
        f"/cases/{case['code']}/status", headers={"Accept": "application/json"}
    )
    assert as_json.json()["escalated_on"] == "2012-05-30"
    await close_case(client, case["code"], at="2012-06-01T09:00:00+02:00")
    english = (await client.get(f"/cases/{case['code']}/status?lang=en")).text
    assert "Passed to a specialist office on" in english and "30 May 2012" in english
    assert "Closed on" in english and "1 June 2012" in english and 'href="?lang=it"' in english
