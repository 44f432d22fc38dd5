"""The internal consultation the dossier announces for the first anniversary, answered by most
referents and tallied, with differences between offices stated here so the results can be
checked; and a short follow-up consultation still open, with a few sealed answers, so that a
referent's link can be tried."""

from __future__ import annotations

import random
from datetime import date

from questionnaires import LikertItem, Questionnaire, RatingItem, Registry, TextItem
from survey.consultations import answering, services
from survey.consultations.schemas import ConsultationIn
from survey.consultations.tables import ConsultationInvitation
from survey.settings import Settings
from survey.web.tokens import token_for

QUESTIONNAIRE = ("referent-consultation-2012", 1)
TITLE = "Consultazione interna dei referenti: il primo anno del Contact Center"
ANSWER_SHARE = 0.75  # three referents in four answer
OPEN_TITLE = "Consultazione dei referenti delle emergenze: l'estate 2012"
OPEN_OFFICES = ["emergenze", "volontariato", "formazione"]
OPEN_ANSWERS = 3  # a few sealed answers; the other invitees keep a link to try
# The demo's tally passphrase, printed by `ascolto serve --demo`: in real use the guardians
# choose it and it is never written down by the server.
DEMO_TALLY_PASSPHRASE = "demo-tally-passphrase"
DEMO_GUARDIANS = "Responsabile del Contact Center (demo)"

# Offices' mean on the latent satisfaction scale (SD 1 within an office): the administration,
# swamped by certificate requests, least satisfied; volunteering, the busiest partner, most.
OFFICE_MOOD = {"amministrazione": -0.8, "volontariato": 0.5, "emergenze": 0.2}

SUGGESTIONS = [
    "Sarebbe utile ricevere le richieste già con i riferimenti normativi citati dal cittadino.",
    "Nei periodi di emergenza servirebbe un canale diretto con il Front Office.",
    "La piattaforma dovrebbe avvisare quando una richiesta sta per scadere.",
    "Le richieste sugli attestati di benemerenza potrebbero avere un modulo dedicato.",
    "Più formazione per i nuovi referenti sull'uso della piattaforma.",
]


def _answers(questionnaire: Questionnaire, office: str, pick: random.Random) -> dict[str, object]:
    mood = pick.gauss(OFFICE_MOOD.get(office, 0.0), 1.0)
    answers: dict[str, object] = {}
    for item in questionnaire.items():
        if isinstance(item, LikertItem | RatingItem):
            points = item.points if isinstance(item, LikertItem) else 5
            # SUS even items and reverse-coded items are worded negatively: agree when unhappy.
            negative = item.reverse or (
                item.code.startswith("sus_") and int(item.code[-2:]) % 2 == 0
            )
            value = 3.4 + (-0.9 if negative else 0.9) * mood + pick.gauss(0, 0.7)
            answers[item.code] = min(points, max(1, round(value)))
        elif isinstance(item, TextItem) and pick.random() < 0.4:
            answers[item.code] = pick.choice(SUGGESTIONS)
    answers["office"] = office if pick.random() < 0.9 else "preferisco_non_dirlo"
    return answers


async def _create_and_open(
    *, title: str, opens_on: date, closes_on: date, offices: list[str] | None, registry, settings
) -> int:
    questionnaire = registry.get(*QUESTIONNAIRE)
    created = await services.create_consultation(
        data=ConsultationIn(
            title=title,
            questionnaire=questionnaire.id,
            questionnaire_version=questionnaire.version,
            opens_on=opens_on,
            closes_on=closes_on,
            offices=offices,
            tally_passphrase=DEMO_TALLY_PASSPHRASE,
            guardians=DEMO_GUARDIANS,
        ),
        registry=registry,
    )
    await services.open_consultation(
        consultation_id=created.id, settings=settings, registry=registry
    )
    return created.id


async def _answer(
    *, consultation_id: int, registry: Registry, settings: Settings, pick: random.Random, share
) -> None:
    questionnaire = registry.get(*QUESTIONNAIRE)
    rows = (
        await ConsultationInvitation.select(
            ConsultationInvitation.nonce,
            ConsultationInvitation.referent.office.code.as_alias("office"),  # type: ignore[union-attr]  # Piccolo types the columns reached through a foreign key as Column | Any
        )
        .where(ConsultationInvitation.consultation == consultation_id)
        .order_by(ConsultationInvitation.id)
        .run()
    )
    for n, row in enumerate(rows):
        if share(n, pick):
            token = token_for(settings.secret_key, services.PURPOSE, row["nonce"])
            answers = _answers(questionnaire, row["office"], pick)
            await answering.submit(token=token, answers=answers, registry=registry)


async def add_consultations(*, registry: Registry, settings: Settings, seed: int) -> list[int]:
    """The first-anniversary consultation, answered by most referents (closed later by
    `tally_demo_consultation`), and a short one left open with a few sealed answers."""
    pick = random.Random(seed + 2)
    anniversary = await _create_and_open(
        title=TITLE,
        opens_on=date(2012, 7, 4),
        closes_on=date(2012, 7, 31),
        offices=None,
        registry=registry,
        settings=settings,
    )
    await _answer(
        consultation_id=anniversary,
        registry=registry,
        settings=settings,
        pick=pick,
        share=lambda n, pick: pick.random() < ANSWER_SHARE,
    )
    still_open = await _create_and_open(
        title=OPEN_TITLE,
        opens_on=date(2012, 9, 3),
        closes_on=date(2012, 9, 28),
        offices=OPEN_OFFICES,
        registry=registry,
        settings=settings,
    )
    await _answer(
        consultation_id=still_open,
        registry=registry,
        settings=settings,
        pick=pick,
        share=lambda n, pick: n < OPEN_ANSWERS,
    )
    return [anniversary, still_open]


async def tally_demo_consultation(*, consultation_id: int, registry: Registry) -> None:
    """Close and tally the anniversary consultation with the demo's passphrase (outside the
    demo's transaction: the tally ends by rewriting the tables it touched)."""
    await services.close_consultation(
        consultation_id=consultation_id,
        tally_passphrase=DEMO_TALLY_PASSPHRASE,
        registry=registry,
    )


async def referent_link(*, settings: Settings) -> str | None:
    """A link of a referent who has not answered, issued anew under this run's keys."""
    row = (
        await ConsultationInvitation.select(ConsultationInvitation.id)
        .where(
            (ConsultationInvitation.used == False)
            & (ConsultationInvitation.consultation.state == "open")
        )
        .order_by(ConsultationInvitation.id)
        .first()
        .run()
    )
    if row is None:
        return None
    return await services.reissue_link(invitation_id=row["id"], settings=settings)
