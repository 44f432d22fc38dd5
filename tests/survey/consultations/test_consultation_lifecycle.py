"""A consultation from draft to results, as management and referents live it."""

from __future__ import annotations

from tests.survey.consultations.helpers import (
    PASSPHRASE,
    answer_all,
    close,
    create,
    deliver,
    form_answers,
    manager,
    open_and_mail,
    post_section,
    referents,
    section_fields,
)


async def test_whole_lifecycle_with_save_resume_single_submission_and_reminders(
    client, cli, smtp_settings, inbox
):
    await referents(client, {"volontariato": 4, "emergenze": 3})
    headers = await manager(client, cli)
    consultation = await create(client, headers)
    assert consultation["state"] == "draft" and consultation["invited"] == 7
    links = await open_and_mail(client, headers, consultation["id"], smtp_settings, inbox)
    assert len(links) == 7
    first, second, *_ = sorted(links.values())

    # Save the first section, leave, come back: the answers are there.
    answers = form_answers()
    saved = await post_section(client, first, 0, section_fields(0, answers), "save")
    assert saved.status_code == 200 and "Risposte salvate" in saved.text
    # The link alone resumes where the referent stopped (the first unfinished section); the
    # section saved is there as it was left.
    assert "Sezione 2 di 8" in (await client.get(first)).text
    resumed = await client.get(f"{first}?section=0")
    some_code, some_value = next(iter(section_fields(0, answers).items()))
    assert f'name="{some_code}" value="{some_value}" checked' in resumed.text

    done = await answer_all(client, first, answers)
    assert done.status_code == 303
    thanks = await client.get(first)
    assert "Grazie per aver partecipato" in thanks.text
    assert "Suggerimento" not in thanks.text and "checked" not in thanks.text
    again = await post_section(client, first, 0, section_fields(0, answers), "submit")
    assert "Grazie per aver partecipato" in again.text

    await answer_all(client, second, form_answers(level=2))
    detail = (await client.get(f"/api/manage/consultations/{consultation['id']}")).json()
    assert detail["answered"] == 2

    before = len(inbox.messages)
    reminded = await client.post(
        f"/api/manage/consultations/{consultation['id']}/reminders", headers=headers
    )
    assert reminded.json() == {"reminded": 5}
    await deliver(smtp_settings)
    reminder_paths = {message["To"]: message for message in inbox.messages[before:]}
    answered_by = {to for to, path in links.items() if path in (first, second)}
    assert len(reminder_paths) == 5 and not (set(reminder_paths) & answered_by)


async def test_state_rules(client, cli, smtp_settings, inbox):
    await referents(client, {"volontariato": 5})
    headers = await manager(client, cli)
    consultation = await create(client, headers)
    cid = consultation["id"]
    assert (await close(client, headers, cid)).status_code == 409
    assert (
        await client.post(f"/api/manage/consultations/{cid}/reminders", headers=headers)
    ).status_code == 409
    links = await open_and_mail(client, headers, cid, smtp_settings, inbox)
    assert (
        await client.post(f"/api/manage/consultations/{cid}/open", headers=headers)
    ).status_code == 409
    closed = await close(client, headers, cid)
    assert closed.json()["state"] == "closed"
    path = next(iter(links.values()))
    page = await client.get(path)
    assert page.status_code == 409 and "non è aperta" in page.text
    refused = await post_section(client, path, 0, section_fields(0, form_answers()), "save")
    assert refused.status_code == 409
    detail = (await client.get(f"/api/manage/consultations/{cid}")).json()
    assert detail["answered"] == 0


async def test_bad_input_names_the_field(client, cli):
    await referents(client, {"volontariato": 1})
    headers = await manager(client, cli)
    response = await client.post(
        "/api/manage/consultations",
        json={
            "title": "Prova",
            "questionnaire": "referent-consultation-2012",
            "questionnaire_version": 1,
            "opens_on": "2012-07-31",
            "closes_on": "2012-07-01",
            "tally_passphrase": PASSPHRASE,
            "guardians": "Ufficio I",
        },
        headers=headers,
    )
    assert response.status_code == 422 and response.json()["field"] == "closes_on"
    low = await client.post(
        "/api/manage/consultations",
        json={
            "title": "Prova",
            "questionnaire": "referent-consultation-2012",
            "questionnaire_version": 1,
            "opens_on": "2012-07-01",
            "closes_on": "2012-07-31",
            "threshold": 2,
            "tally_passphrase": PASSPHRASE,
            "guardians": "Ufficio I",
        },
        headers=headers,
    )
    assert low.status_code == 400 and low.json()["errors"][0]["field"] == "threshold"
    citizen = await client.post(
        "/api/manage/consultations",
        json={
            "title": "Prova",
            "questionnaire": "citizen-feedback",
            "questionnaire_version": 1,
            "opens_on": "2012-07-01",
            "closes_on": "2012-07-31",
            "tally_passphrase": PASSPHRASE,
            "guardians": "Ufficio I",
        },
        headers=headers,
    )
    assert citizen.status_code == 422 and citizen.json()["field"] == "questionnaire"
    weak = await client.post(
        "/api/manage/consultations",
        json={
            "title": "Prova",
            "questionnaire": "referent-consultation-2012",
            "questionnaire_version": 1,
            "opens_on": "2012-07-01",
            "closes_on": "2012-07-31",
            "tally_passphrase": "too-short",
            "guardians": "Ufficio I",
        },
        headers=headers,
    )
    assert weak.status_code == 422 and weak.json()["field"] == "tally_passphrase"
    assert "too-short" not in weak.text  # the passphrase is never echoed
    assert (await client.get("/api/manage/consultations")).json() == []


async def test_management_needs_a_login(client):
    assert (await client.get("/api/manage/consultations")).status_code == 401
    page = await client.get("/manage/consultations")
    assert page.status_code in (302, 303) and "/manage/login" in page.headers["location"]
