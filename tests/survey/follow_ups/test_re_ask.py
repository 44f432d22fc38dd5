"""Closing a follow-up can ask the citizen again: a second invitation marked as a re-ask, sent
over real SMTP whatever the re-invite interval, answered through its own link, kept apart from
the case's first answer and out of the main figures."""

from __future__ import annotations

import re
from datetime import date

from analysis.follow_ups import re_asks_of
from analysis.report.data import Period
from case_bridge import storage
from survey.feedback.tables import FeedbackInvitation, FeedbackResponse
from survey.hooks import hooks_for
from survey.outbox.sender import deliver_due
from survey.report.loader import load_report_data
from tests.factories import HEADERS, close_case, make_case
from tests.survey.accounts.helpers import form_token
from tests.survey.dashboard.helpers import signed_in
from tests.survey.follow_ups.helpers import (
    answer,
    follow_up_id,
    office_with_referent,
    unhappy_case,
)

API = "/api/manage/follow-ups"
JUNE_2012 = Period(date(2012, 6, 1), date(2012, 7, 1))


def _citizen_messages(inbox, code: str) -> list:
    return [m for m in inbox.messages if m["To"].startswith("cittadino") and code in m["Subject"]]


def _feedback_token(message) -> str:
    body = message.get_body(("plain",)).get_content()
    return re.search(r"http://testserver\.local/f/([\w-]+)", body).group(1)


async def _responses(case_id: int) -> dict[bool, int]:
    rows = await FeedbackResponse.select(
        FeedbackResponse.re_ask, FeedbackResponse.satisfaction
    ).where(FeedbackResponse.case == case_id)
    return {row["re_ask"]: row["satisfaction"] for row in rows}


async def test_closing_with_a_re_ask_emails_the_citizen_whose_answer_is_counted_apart(
    client, cli, settings, smtp_settings, inbox
):
    await office_with_referent(client)
    made = await unhappy_case(client, settings)
    await deliver_due(settings=smtp_settings, links=hooks_for(smtp_settings).links)
    assert len(_citizen_messages(inbox, made["code"])) == 1  # the first invitation, just now
    headers = await signed_in(client, cli)
    found = await follow_up_id(client, headers, made["code"])
    assert (await client.get(f"{API}/{found}")).json()["can_re_ask"] is True

    closed = await client.post(
        f"{API}/{found}/close",
        json={"outcome": "recontacted_solved", "note": "Richiamato", "re_ask": True},
        headers=headers,
    )
    assert closed.status_code == 200, closed.text
    await deliver_due(settings=smtp_settings, links=hooks_for(smtp_settings).links)
    # Sent although the same citizen was invited minutes ago: outside the re-invite interval.
    first, again = _citizen_messages(inbox, made["code"])
    assert "come va ora" in again["Subject"] and "how is it now" in again["Subject"]
    token = _feedback_token(again)
    assert token != _feedback_token(first)

    page = await client.get(f"/f/{token}")
    assert page.status_code == 200 and 'id="re-ask"' in page.text
    given = await client.put(
        f"/api/feedback/{token}", json={"answers": {"satisfaction": 5, "resolved": "yes"}}
    )
    assert given.status_code == 200, given.text
    # The first answer stands; the re-ask's is its own row, keyed by its own invitation.
    assert await _responses(made["id"]) == {False: 2, True: 5}
    invitations = await FeedbackInvitation.select(
        FeedbackInvitation.id, FeedbackInvitation.re_ask
    ).where(FeedbackInvitation.case == made["id"])
    keyed = await FeedbackResponse.select(
        FeedbackResponse.invitation, FeedbackResponse.re_ask
    ).where(FeedbackResponse.case == made["id"])
    assert {row["re_ask"]: row["id"] for row in invitations} == {
        row["re_ask"]: row["invitation"] for row in keyed
    }

    detail = (await client.get(f"{API}/{found}")).json()
    assert detail["follow_up"]["outcome"] == "recontacted_solved"  # not "rating improved"
    assert [change["actor"] for change in detail["history"]] == ["gestore"]
    assert detail["answers"]["satisfaction"] == 2
    assert detail["re_ask"]["answers"]["satisfaction"] == 5
    assert detail["can_re_ask"] is False

    data = await load_report_data(engine=storage.engine(), period=JUNE_2012)
    row = data.columns.case_id.tolist().index(made["id"])
    assert data.columns.satisfaction[row] == 2  # never the re-ask's 5
    assert int(data.columns.answered.sum()) == 1
    (record,) = data.follow_ups
    assert (record.re_asked, record.first_rating, record.re_ask_rating) == (True, 2, 5)
    figures = re_asks_of(data.follow_ups)
    assert (figures.asked, figures.answered, figures.csat_again) == (1, 1, None)  # under k
    for page in ("/manage/follow-ups", "/manage/dashboard/follow-ups"):
        shown = (await client.get(page)).text
        assert "Interpellati di nuovo alla chiusura del seguito: 1; hanno risposto: 1." in shown
        assert "CSAT di" not in shown  # one answer: under the threshold


async def test_a_re_ask_that_cannot_be_sent_changes_nothing(client, cli, settings):
    opened = await make_case(client, opened_at="2012-06-04T10:00:00+02:00", contact_email=None)
    await close_case(client, opened["code"], at="2012-06-04T11:00:00+02:00")
    await answer(client, settings, opened["code"], {"satisfaction": 1, "resolved": "no"})
    headers = await signed_in(client, cli)
    found = await follow_up_id(client, headers, opened["code"])
    assert (await client.get(f"{API}/{found}")).json()["can_re_ask"] is False

    refused = await client.post(
        f"{API}/{found}/close", json={"outcome": "unreachable", "re_ask": True}, headers=headers
    )
    assert refused.status_code == 409 and "re_ask" in refused.text
    detail = (await client.get(f"{API}/{found}")).json()
    assert detail["follow_up"]["state"] == "open" and detail["history"] == []
    assert await FeedbackInvitation.count().where(FeedbackInvitation.re_ask == True) == 0

    not_closing = await client.post(
        f"/manage/follow-ups/{found}/take-in-charge",
        data={"re_ask": "1", "_csrf_token": headers["X-CSRFToken"]},
        follow_redirects=False,
    )
    assert not_closing.status_code == 422 and "re_ask" in not_closing.text


async def test_the_manager_page_closes_and_asks_again_with_its_checkbox(
    client, cli, settings, smtp_settings, inbox
):
    await office_with_referent(client)
    made = await unhappy_case(client, settings)
    headers = await signed_in(client, cli)
    found = await follow_up_id(client, headers, made["code"])
    page = await client.get(f"/manage/follow-ups/{found}")
    assert 'name="re_ask"' in page.text
    sent = await client.post(
        f"/manage/follow-ups/{found}/close",
        data={
            "outcome": "recontacted_nothing_more",
            "re_ask": "1",
            "_csrf_token": form_token(page.text),
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303
    await deliver_due(settings=smtp_settings, links=hooks_for(smtp_settings).links)
    assert len(_citizen_messages(inbox, made["code"])) == 2
    shown = (await client.get(f"/manage/follow-ups/{found}")).text
    assert 'name="re_ask"' not in shown  # closed; and asked once


async def test_the_follow_up_page_shows_the_citizens_answers_in_words_in_both_languages(
    client, cli, settings
):
    office = {"code": "volontariato", "name": "Volontariato", "name_en": "Volunteering"}
    assert (await client.post("/api/offices", json=office, headers=HEADERS)).status_code == 201
    await office_with_referent(client)
    made = await unhappy_case(client, settings, resolved="partly", difficulty="unclear_answer")
    headers = await signed_in(client, cli)
    found = await follow_up_id(client, headers, made["code"])
    italian = (await client.get(f"/manage/follow-ups/{found}?lang=it")).text
    answers = italian.split('class="facts answers"', 1)[1].split("</dl>", 1)[0]
    assert "Quanto sei soddisfatto/a del servizio ricevuto" in answers
    assert "La tua richiesta è stata risolta?" in answers and "<dd>In parte</dd>" in answers
    assert "<dd>La risposta non era chiara</dd>" in answers
    assert "partly" not in answers and "unclear_answer" not in answers
    assert "<dt>satisfaction</dt>" not in answers
    english = (await client.get(f"/manage/follow-ups/{found}?lang=en")).text
    answers = english.split('class="facts answers"', 1)[1].split("</dl>", 1)[0]
    assert "Was your request resolved?" in answers and "<dd>Partly</dd>" in answers
    assert "<dd>Volunteering</dd>" in english  # the office by its English name
    listed = (await client.get("/manage/follow-ups?lang=en")).text
    assert '<option value="volontariato">Volunteering</option>' in listed
    assert "<td>Volunteering</td>" in listed
    assert "<dd>The answer was not clear</dd>" in answers
