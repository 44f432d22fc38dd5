"""The citizen's page: a plain form, Italian by default, errors next to their item."""

from __future__ import annotations

import re
from datetime import timedelta

from case_bridge.storage import clock
from survey.feedback.services import revisions
from survey.feedback.tables import FeedbackInvitation, FeedbackResponse
from tests.survey.feedback.helpers import case_id, closed_case_token


def csrf_field(page: str) -> dict[str, str]:
    """The form's CSRF field, as a browser would send it back."""
    found = re.search(r'name="_csrf_token" value="([^"]+)"', page)
    return {"_csrf_token": found.group(1)} if found else {}


async def send(client, token: str, fields: dict, **params) -> object:
    """Open the page and send the form, with the CSRF token the page (or its cookie) carries."""
    page = await client.get(f"/f/{token}", params=params)
    headers = {"X-CSRFToken": client.cookies.get("csrftoken", "")}
    return await client.post(
        f"/f/{token}", data=fields | csrf_field(page.text), params=params, headers=headers
    )


async def test_page_shows_the_case_and_an_accessible_form_in_italian(client, settings):
    code, token = await closed_case_token(client, settings, request_type="report")
    page = await client.get(f"/f/{token}")
    assert page.status_code == 200
    html = page.text
    assert '<html lang="it">' in html
    assert code in html and "Segnalazione" in html
    assert "Quanto sei soddisfatto/a" in html
    # One question at a time (citizen-feedback v2): the rating first, alone on its page.
    assert "Passo 1 di 4" in html
    assert html.count("<fieldset") == 1 and html.count("<legend>") == 1
    assert "<script" not in html
    assert "mario.rossi" not in html
    await send(client, token, {"_step": "1", "satisfaction": "4"})
    html = (await client.get(f"/f/{token}?step=3")).text
    assert html.count("<fieldset") == 3 and html.count("<legend>") == 3
    html = (await client.get(f"/f/{token}?step=4")).text
    assert '<label for="comment">' in html and 'maxlength="200"' in html
    assert html.count("200 caratteri") == 1  # the limit said once


async def test_english_by_query_or_browser_preference(client, settings):
    _, token = await closed_case_token(client, settings)
    by_query = await client.get(f"/f/{token}?lang=en")
    assert '<html lang="en">' in by_query.text and "How satisfied are you" in by_query.text
    by_header = await client.get(f"/f/{token}", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "How satisfied are you" in by_header.text


async def test_invalid_answers_come_back_with_errors_and_the_other_answers_kept(client, settings):
    code, token = await closed_case_token(client, settings)
    response = await send(
        client, token, {"resolved": "partly", "recommend": "8", "comment": "Molto gentili"}
    )
    assert response.status_code == 422
    html = response.text
    assert 'id="satisfaction-error" role="alert"' in html
    assert 'value="partly" checked' in html and 'value="8" checked' in html
    assert "Molto gentili</textarea>" in html
    assert await revisions(case_code=code) == []


async def test_sending_stores_and_thanks_and_hidden_follow_up_answers_are_dropped(client, settings):
    code, token = await closed_case_token(client, settings)
    response = await send(
        client,
        token,
        {
            "satisfaction": "2",
            "liked": "speed",
            "difficulty": "long_wait",
            "resolved": "no",
            "comment": "<script>alert(1)</script>",
        },
    )
    assert response.status_code == 200, response.text
    assert "Grazie per la tua opinione" in response.text
    history = await revisions(case_code=code)
    assert history[0]["answers"] == {
        "satisfaction": 2,
        "difficulty": "long_wait",
        "resolved": "no",
        "comment": "<script>alert(1)</script>",
    }
    again = await client.get(f"/f/{token}?step=4")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in again.text
    assert "<script>alert" not in again.text
    again = await client.get(f"/f/{token}")
    assert 'value="2" checked' in again.text


async def test_after_the_edit_window_the_page_says_so_plainly(client, settings):
    code, token = await closed_case_token(client, settings)
    assert (await send(client, token, {"satisfaction": "4"})).status_code == 200
    eight_days_ago = clock.now() - timedelta(days=8)
    await (
        FeedbackResponse.update({FeedbackResponse.first_submitted_at: eight_days_ago})
        .where(FeedbackResponse.case == await case_id(code))
        .run()
    )
    page = await client.get(f"/f/{token}")
    assert page.status_code == 404 and "non è più attivo" in page.text
    late = await client.put(f"/api/feedback/{token}", json={"answers": {"satisfaction": 1}})
    assert late.status_code == 409
    assert late.json()["detail"] == "the time to change this answer has ended"
    assert len(await revisions(case_code=code)) == 1


async def test_expired_unknown_and_used_links_look_the_same(client, settings):
    code, token = await closed_case_token(client, settings)
    await (
        FeedbackInvitation.update(
            {FeedbackInvitation.expires_at: clock.now() - timedelta(seconds=1)}
        )
        .where(FeedbackInvitation.case == await case_id(code))
        .run()
    )
    expired = await client.get(f"/f/{token}")
    unknown = await client.get("/f/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
    assert expired.status_code == unknown.status_code == 404
    assert expired.text == unknown.text
    assert code not in expired.text
    refused = await send(client, token, {"satisfaction": "5"})
    assert refused.status_code == 404 and await revisions(case_code=code) == []
