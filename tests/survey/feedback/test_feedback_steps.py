"""One question at a time (citizen-feedback v2): each step saved as it is sent, the rating from
the email confirmed before it counts, the language kept to the thanks page."""

from __future__ import annotations

from survey.feedback.services import revisions
from survey.feedback.tables import FeedbackResponse
from tests.factories import HEADERS, close_case, escalate_case, make_case
from tests.survey.feedback.helpers import case_id, closed_case_token, link_of
from tests.survey.feedback.test_feedback_page import csrf_field


async def post_step(client, token: str, page: str, fields: dict, query: str = "") -> object:
    """Send the form of `page` back as a browser would, with its CSRF token."""
    headers = {"X-CSRFToken": client.cookies.get("csrftoken", "")}
    return await client.post(f"/f/{token}{query}", data=fields | csrf_field(page), headers=headers)


async def test_a_citizen_who_stops_after_the_rating_has_given_it(client, settings):
    code, token = await closed_case_token(client, settings)
    first = await client.get(f"/f/{token}")
    assert "Passo 1 di 4" in first.text and 'name="_step" value="1"' in first.text
    second = await post_step(client, token, first.text, {"_step": "1", "satisfaction": "2"})
    assert second.status_code == 200
    # Step 2 asks only what fits a low rating.
    assert "Passo 2 di 4" in second.text
    assert "Dove hai incontrato più difficoltà?" in second.text
    assert "Cosa ti è piaciuto di più?" not in second.text
    assert "Rispondi solo se" not in second.text
    stored = await FeedbackResponse.select().where(FeedbackResponse.case == await case_id(code))
    assert stored[0]["satisfaction"] == 2 and stored[0]["first_submitted_at"] is not None
    assert [revision["answers"] for revision in await revisions(case_code=code)] == [
        {"satisfaction": 2}
    ]
    assert (await client.get(f"/api/feedback/{token}")).json()["answers"] == {"satisfaction": 2}
    # The edit window runs from that first step, whatever steps come later.
    window = (await client.get(f"/api/feedback/{token}")).json()["editable_until"]
    await post_step(client, token, second.text, {"_step": "2", "difficulty": "long_wait"})
    assert (await client.get(f"/api/feedback/{token}")).json()["editable_until"] == window
    assert len(await revisions(case_code=code)) == 2


async def test_the_steps_keep_the_other_answers_and_end_on_an_english_thanks_page(client, settings):
    code, token = await closed_case_token(client, settings)
    page = (await client.get(f"/f/{token}?lang=en")).text
    assert 'action="/f/' in page and "lang=en" in page
    steps = [
        {"_step": "1", "satisfaction": "5"},
        {"_step": "2", "liked": "speed"},
        {"_step": "3", "resolved": "yes", "effort": "6", "recommend": "9"},
        {"_step": "4", "comment": "Very kind"},
    ]
    for fields in steps:
        response = await post_step(client, token, page, fields, "?lang=en")
        assert response.status_code == 200, response.text
        page = response.text
    assert '<html lang="en">' in page and "Thank you" in page
    assert f"/cases/{code}/status?lang=en" in page and "step=1" in page
    assert response.cookies.get("lang") == "en" or client.cookies.get("lang") == "en"
    answers = (await client.get(f"/api/feedback/{token}")).json()["answers"]
    assert answers == {
        "satisfaction": 5,
        "liked": "speed",
        "resolved": "yes",
        "effort": 6,
        "recommend": 9,
        "comment": "Very kind",
    }
    # A rating lowered later drops the reason that no longer fits it.
    again = (await client.get(f"/f/{token}?lang=en")).text
    lowered = await post_step(client, token, again, {"_step": "1", "satisfaction": "2"}, "?lang=en")
    assert "Where did you run into the most difficulty?" in lowered.text
    assert "liked" not in (await client.get(f"/api/feedback/{token}")).json()["answers"]
    # The language chosen once is remembered without ?lang=.
    assert '<html lang="en">' in (await client.get(f"/f/{token}")).text


async def test_a_rating_link_from_the_email_records_nothing_until_confirmed(client, settings):
    code, token = await closed_case_token(client, settings)
    # What a mail scanner does: follow the link, maybe twice.
    for _ in range(2):
        shown = await client.get(f"/f/{token}?satisfaction=4")
        assert shown.status_code == 200
    assert 'value="4" checked' in shown.text and "Conferma il voto" in shown.text
    assert await revisions(case_code=code) == []
    assert (await client.get(f"/api/feedback/{token}")).json()["answers"] is None
    confirmed = await post_step(client, token, shown.text, {"_step": "1", "satisfaction": "4"})
    assert "Cosa ti è piaciuto di più?" in confirmed.text
    assert (await client.get(f"/api/feedback/{token}")).json()["answers"] == {"satisfaction": 4}


async def test_step_one_needs_the_rating(client, settings):
    code, token = await closed_case_token(client, settings)
    page = (await client.get(f"/f/{token}")).text
    refused = await post_step(client, token, page, {"_step": "1"})
    assert refused.status_code == 422 and 'id="satisfaction-error"' in refused.text
    assert "Passo 1 di 4" in refused.text
    assert await revisions(case_code=code) == []


async def test_the_api_still_takes_a_whole_answer(client, settings):
    _, token = await closed_case_token(client, settings)
    whole = {"satisfaction": 1, "difficulty": "long_wait", "resolved": "no", "comment": "x"}
    saved = await client.put(f"/api/feedback/{token}", json={"answers": whole})
    assert saved.status_code == 200 and saved.json()["questionnaire_version"] == 2
    assert (await client.get(f"/api/feedback/{token}")).json()["answers"] == whole


async def test_status_page_in_plain_words_with_its_steps_and_the_emergency_notice(client, settings):
    from tests.factories import make_case

    case = await make_case(client)
    page = (await client.get(f"/cases/{case['code']}/status")).text
    assert "Back Office" not in page and "il Contact Center la sta seguendo" in page
    assert "112" in page and "Non ancora chiusa" in page and 'href="?lang=en"' in page
    english = (await client.get(f"/cases/{case['code']}/status?lang=en")).text
    assert "call 112" in english and "Not closed yet" in english


async def test_an_answer_given_under_version_1_is_still_read_and_changed_whole(client, settings):
    code, token = await closed_case_token(client, settings)
    assert await client.put(f"/api/feedback/{token}", json={"answers": {"satisfaction": 3}})
    # As if the answer had come before version 2 was shipped (same items, no steps).
    await (
        FeedbackResponse.update({FeedbackResponse.questionnaire_version: 1})
        .where(FeedbackResponse.case == await case_id(code))
        .run()
    )
    page = await client.get(f"/f/{token}")
    assert "Passo" not in page.text and page.text.count("<fieldset") >= 5
    assert 'value="3" checked' in page.text
    changed = await post_step(client, token, page.text, {"satisfaction": "4", "resolved": "yes"})
    assert changed.status_code == 200 and "Grazie per la tua opinione" in changed.text
    shown = (await client.get(f"/api/feedback/{token}")).json()
    assert shown["answers"] == {"satisfaction": 4, "resolved": "yes"}
    assert shown["questionnaire"]["version"] == 1


async def test_the_language_link_keeps_the_step_and_the_thanks_page(client, settings):
    _, token = await closed_case_token(client, settings)
    page = (await client.get(f"/f/{token}")).text
    second = await post_step(client, token, page, {"_step": "1", "satisfaction": "4"})
    assert "step=2" in second.text and "lang=en" in second.text
    english_step = await client.get(f"/f/{token}?step=2&lang=en")
    assert "What did you like most?" in english_step.text
    for step in ("2", "3", "4"):
        done = await post_step(client, token, page, {"_step": step})
    # English was chosen once: the cookie keeps it to the end.
    assert "Thank you for your opinion" in done.text and "done=1" in done.text
    thanks = await client.get(f"/f/{token}?done=1&lang=it")
    assert "Grazie per la tua opinione" in thanks.text


async def test_the_thanks_page_names_the_office_that_handled_the_case_in_its_language(
    client, settings
):
    office = {"code": "volontariato", "name": "Volontariato", "name_en": "Volunteering"}
    assert (await client.post("/api/offices", json=office, headers=HEADERS)).status_code == 201
    opened = await make_case(client)
    await escalate_case(client, opened["code"], "volontariato")
    await close_case(client, opened["code"], resolution_path="back_office")
    token = (await link_of(settings, opened["code"])).rsplit("/f/", 1)[1]
    page = (await client.get(f"/f/{token}?lang=it")).text
    for step, fields in (("1", {"satisfaction": "2"}), ("2", {}), ("3", {}), ("4", {})):
        done = await post_step(client, token, page, {"_step": step} | fields)
    assert "Grazie per la tua opinione" in done.text
    assert "gestita da un ufficio del Dipartimento: Volontariato." in done.text
    assert "dall'ufficio che ha gestito la tua richiesta (Volontariato)" in done.text
    english = (await client.get(f"/f/{token}?done=1&lang=en")).text
    assert "handled by an office of the Department: Volunteering." in english
    assert "the office that handled your request (Volunteering)" in english

    # A case the Contact Center answered itself names no office; a rating of 4 no call-back.
    _, front = await closed_case_token(client, settings)
    page = (await client.get(f"/f/{front}?lang=en")).text
    for step, fields in (("1", {"satisfaction": "4"}), ("2", {}), ("3", {}), ("4", {})):
        done = await post_step(client, front, page, {"_step": step} | fields)
    assert "answered directly by the Department's Contact Center" in done.text
    assert "an office of the Department" not in done.text
