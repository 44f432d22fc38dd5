"""Two waves of a consultation, answered by referents through their links and tallied at close,
for the tests of the comparison, the heatmap and the drivers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from questionnaires import LikertItem, Questionnaire, Registry, SingleChoiceItem
from survey.consultations import answering
from survey.questionnaire_versions.services import questionnaire_for
from tests.factories import HEADERS
from tests.survey.consultations.helpers import close, create, manager, open_and_mail

# Invited per office, with its area; everyone answers.
OFFICES = {"emergenze": ("operazioni", 7), "volontariato": ("operazioni", 6)}
OFFICES |= {"comunicazione": ("relazioni", 6)}
TIMELINESS = ("deadline_reasonable", "deadline_emergency", "reminders_timely")


@dataclass
class Waves:
    headers: dict[str, str]
    earlier: int
    later: int


async def offices(client, offices: dict[str, tuple[str, int]] = OFFICES) -> None:
    for office, (area, count) in offices.items():
        created = await client.post(
            "/api/offices", json={"code": office, "name": office, "area": area}, headers=HEADERS
        )
        assert created.status_code == 201, created.text
        for n in range(count):
            response = await client.post(
                f"/api/offices/{office}/referents",
                json={"name": f"Referente {n}", "email": f"{office}.{n}@protezionecivile.invalid"},
                headers=HEADERS,
            )
            assert response.status_code == 201, response.text


def answers(questionnaire: Questionnaire, office: str, n: int, lift: int = 0) -> dict[str, object]:
    """A full answer: agreement 2, 3 or 4 by the respondent's place (so scales vary), the
    timeliness items `lift` points higher."""
    given: dict[str, object] = {"office": office}
    for item in questionnaire.items():
        if isinstance(item, LikertItem):
            level = 2 + (n + len(item.code)) % 3
            if item.code in TIMELINESS:
                level += lift
            given[item.code] = max(1, min(item.points, level))
        elif isinstance(item, SingleChoiceItem) and item.code.startswith("action_"):
            # The actions of the earlier wave: "yes" from two in three, "no" from the others.
            given[item.code] = "no" if n % 3 == 2 else "yes"
    return given


async def answer_wave(
    client, headers, consultation_id, smtp_settings, inbox, registry: Registry, lift: int = 0
) -> None:
    links = await open_and_mail(client, headers, consultation_id, smtp_settings, inbox)
    consultation = (await client.get(f"/api/manage/consultations/{consultation_id}")).json()
    questionnaire = await questionnaire_for(
        registry, consultation["questionnaire"], consultation["questionnaire_version"]
    )
    for n, (email, path) in enumerate(sorted(links.items())):
        office = email.split(".")[0]
        await answering.submit(
            token=path.removeprefix("/c/"),
            answers=answers(questionnaire, office, n, lift),
            registry=registry,
        )
    closed = await close(client, headers, consultation_id)
    assert closed.status_code == 200, closed.text


async def two_waves(
    client,
    cli,
    smtp_settings,
    inbox,
    registry: Registry,
    between: Callable[[dict[str, str], int], Awaitable[None]] | None = None,
) -> Waves:
    """The 2012 wave, then the 2013 wave following it with timeliness one point higher;
    `between` runs once the first is tallied (with the manager's headers and its id)."""
    await offices(client)
    headers = await manager(client, cli)
    earlier = await create(client, headers)
    await answer_wave(client, headers, earlier["id"], smtp_settings, inbox, registry)
    if between is not None:
        await between(headers, earlier["id"])
    later = await create(
        client,
        headers,
        title="Consultazione dei referenti 2013",
        opens_on="2013-07-01",
        closes_on="2013-07-31",
        follows=earlier["id"],
    )
    await answer_wave(client, headers, later["id"], smtp_settings, inbox, registry, lift=1)
    return Waves(headers, earlier["id"], later["id"])
