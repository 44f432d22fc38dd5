"""A consultation as management runs it and referents answer it, through HTTP."""

from __future__ import annotations

import re

from questionnaires import (
    LikertItem,
    MultipleChoiceItem,
    NumberItem,
    RatingItem,
    SingleChoiceItem,
    TextItem,
    default_registry,
)
from survey.hooks import hooks_for
from survey.outbox.sender import deliver_due
from tests.factories import HEADERS
from tests.survey.accounts.helpers import api_login, csrf_token, make_user

QUESTIONNAIRE = default_registry().get("referent-consultation-2012", 1)
PASSPHRASE = "guardians-tally-passphrase-2012"


async def referents(client, per_office: dict[str, int]) -> None:
    """Offices with that many referents each."""
    for office, count in per_office.items():
        await client.post("/api/offices", json={"code": office, "name": office}, headers=HEADERS)
        for n in range(count):
            response = await client.post(
                f"/api/offices/{office}/referents",
                json={"name": f"Referente {n}", "email": f"{office}.{n}@protezionecivile.invalid"},
                headers=HEADERS,
            )
            assert response.status_code == 201, response.text


async def manager(client, cli) -> dict[str, str]:
    """Sign in a manager; the headers its API calls need."""
    await make_user(cli, "gestore", "manager")
    assert (await api_login(client, "gestore")).status_code == 200
    return {"X-CSRFToken": await csrf_token(client)}


async def create(client, headers, **overrides) -> dict:
    body = {
        "title": "Consultazione dei referenti 2012",
        "questionnaire": "referent-consultation-2012",
        "questionnaire_version": 1,
        "opens_on": "2012-07-04",
        "closes_on": "2012-07-31",
        "tally_passphrase": PASSPHRASE,
        "guardians": "Dirigente dell'Ufficio I",
    } | overrides
    response = await client.post("/api/manage/consultations", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def open_and_mail(
    client, headers, consultation_id: int, smtp_settings, inbox
) -> dict[str, str]:
    """Open, deliver the invitations over SMTP; each recipient's link path."""
    response = await client.post(
        f"/api/manage/consultations/{consultation_id}/open", headers=headers
    )
    assert response.status_code == 200, response.text
    before = len(inbox.messages)
    await deliver(smtp_settings)
    return links(inbox.messages[before:])


async def close(client, headers, consultation_id: int, passphrase: str | None = PASSPHRASE):
    """Close and tally with the guardians' passphrase (None: send no body at all)."""
    body = {} if passphrase is None else {"json": {"tally_passphrase": passphrase}}
    return await client.post(
        f"/api/manage/consultations/{consultation_id}/close", headers=headers, **body
    )


async def deliver(settings) -> None:
    """Deliver what the outbox holds, with the links an app with `settings` gives."""
    await deliver_due(settings=settings, links=hooks_for(settings).links)


def links(messages) -> dict[str, str]:
    found = {}
    for message in messages:
        body = message.get_body(("plain",)).get_content()
        found[message["To"]] = re.search(r"http://testserver\.local(/c/[\w-]+)", body).group(1)
    return found


def form_answers(office: str = "volontariato", level: int = 4) -> dict[str, str]:
    """A complete, valid answer to every item, as a form would send it."""
    answers = {}
    for item in QUESTIONNAIRE.items():
        if item.code == "office":
            answers[item.code] = office
        elif isinstance(item, LikertItem | RatingItem):
            answers[item.code] = str(level)
        elif isinstance(item, SingleChoiceItem | MultipleChoiceItem):
            answers[item.code] = item.options[0].code
        elif isinstance(item, NumberItem):
            answers[item.code] = str(item.min or 0)
        elif isinstance(item, TextItem):
            answers[item.code] = f"Suggerimento dal livello {level}"
    return answers


def section_fields(index: int, answers: dict[str, str]) -> dict[str, str]:
    codes = {item.code for item in QUESTIONNAIRE.sections[index].items}
    return {code: value for code, value in answers.items() if code in codes}


async def post_section(client, path: str, index: int, fields: dict, action: str):
    await client.get(f"{path}?section={index}")
    return await client.post(
        f"{path}?section={index}",
        data=fields | {"_action": action},
        headers={"X-CSRFToken": client.cookies.get("csrftoken", "")},
    )


async def answer_all(client, path: str, answers: dict[str, str]):
    """Go through every section and send at the end."""
    last = len(QUESTIONNAIRE.sections) - 1
    response = None
    for index in range(last + 1):
        action = "submit" if index == last else "next"
        response = await post_section(client, path, index, section_fields(index, answers), action)
        assert response.status_code in (200, 303), response.text[:2000]
    return response
