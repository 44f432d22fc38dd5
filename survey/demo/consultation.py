"""The internal consultation the dossier announces for the first anniversary, answered by most
referents, with differences between offices stated here so the results can be checked."""

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
ANSWER_SHARE = 0.75  # three referents in four answer; the rest keep a link for the demo

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


async def add_consultation(*, registry: Registry, settings: Settings, seed: int) -> int:
    """Create, open and let most referents answer the first-anniversary consultation."""
    questionnaire = registry.get(*QUESTIONNAIRE)
    created = await services.create_consultation(
        data=ConsultationIn(
            title=TITLE,
            questionnaire=questionnaire.id,
            questionnaire_version=questionnaire.version,
            opens_on=date(2012, 7, 4),
            closes_on=date(2012, 7, 31),
        ),
        registry=registry,
    )
    await services.open_consultation(
        consultation_id=created.id, settings=settings, registry=registry
    )
    rows = (
        await ConsultationInvitation.select(
            ConsultationInvitation.nonce,
            ConsultationInvitation.referent.office.code.as_alias("office"),  # type: ignore[union-attr]  # Piccolo types the columns reached through a foreign key as Column | Any
        )
        .where(ConsultationInvitation.consultation == created.id)
        .order_by(ConsultationInvitation.id)
        .run()
    )
    pick = random.Random(seed + 2)
    for row in rows:
        if pick.random() < ANSWER_SHARE:
            token = token_for(settings.secret_key, services.PURPOSE, row["nonce"])
            answers = _answers(questionnaire, row["office"], pick)
            await answering.submit(token=token, answers=answers, registry=registry)
    return created.id


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
