"""The internal consultation the dossier announces for the first anniversary, answered by most
referents and tallied, with differences between offices stated here so the results can be
checked; and a short follow-up consultation still open, with a few sealed answers, so that a
referent's link can be tried."""

from __future__ import annotations

import random
from datetime import date

from questionnaires import (
    LikertItem,
    Questionnaire,
    RatingItem,
    Registry,
    SingleChoiceItem,
    TextItem,
)
from survey.consultations import actions, answering, services
from survey.consultations.schemas import ActionIn, ActionState, ConsultationIn
from survey.consultations.tables import ConsultationInvitation
from survey.demo.effects import ACTION_SEEN, REFERENT_WAVE_SHIFTS
from survey.questionnaire_versions.services import questionnaire_for
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


def _answers(
    questionnaire: Questionnaire,
    office: str,
    pick: random.Random,
    shifts: dict[str, float] | None = None,
    seen: dict[str, str] | None = None,
) -> dict[str, object]:
    """One referent's answers: `shifts` moves the mood on some scales (a later wave), `seen`
    gives each action item's state (how likely the referent saw it carried out)."""
    mood = pick.gauss(OFFICE_MOOD.get(office, 0.0), 1.0)
    answers: dict[str, object] = {}
    for item in questionnaire.items():
        if isinstance(item, LikertItem | RatingItem):
            points = item.points if isinstance(item, LikertItem) else 5
            # SUS even items and reverse-coded items are worded negatively: agree when unhappy.
            negative = item.reverse or (
                item.code.startswith("sus_") and int(item.code[-2:]) % 2 == 0
            )
            felt = mood + sum((shifts or {}).get(scale, 0.0) for scale in item.scales)
            value = 3.4 + (-0.9 if negative else 0.9) * felt + pick.gauss(0, 0.7)
            answers[item.code] = min(points, max(1, round(value)))
        elif isinstance(item, SingleChoiceItem) and item.code in (seen or {}):
            choices = ACTION_SEEN[(seen or {})[item.code]]
            answers[item.code] = pick.choices(
                [code for code, _ in choices], [weight for _, weight in choices]
            )[0]
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
    *,
    consultation_id: int,
    registry: Registry,
    settings: Settings,
    pick: random.Random,
    share,
    shifts: dict[str, float] | None = None,
    seen: dict[str, str] | None = None,
) -> None:
    consultation = await services.get_consultation(consultation_id=consultation_id)
    questionnaire = await questionnaire_for(
        registry, consultation.questionnaire, consultation.questionnaire_version
    )
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
            answers = _answers(questionnaire, row["office"], pick, shifts, seen)
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


SECOND_TITLE = "Consultazione dei referenti: il secondo anno del Contact Center"
# The actions management recorded after the first wave (what, scale, owner office, due date,
# state when the second wave opens).
ACTIONS: tuple[tuple[str, str, str, date, ActionState], ...] = (
    (
        "Scadenze concordate con ogni ufficio per le richieste arrivate durante le emergenze",
        "timeliness",
        "emergenze",
        date(2013, 3, 31),
        "done",
    ),
    (
        "Un canale diretto tra referenti e Front Office nei giorni di emergenza",
        "collaboration",
        "comunicazione",
        date(2013, 6, 30),
        "in_progress",
    ),
)


async def add_second_wave(
    *, first_wave: int, registry: Registry, settings: Settings, seed: int
) -> int:
    """After the first wave's tally: its two actions, then the July 2013 wave following it
    (asked with a questionnaire version carrying an item per action), answered with the
    changes of `effects.REFERENT_WAVE_SHIFTS` and tallied."""
    pick = random.Random(seed + 3)
    seen: dict[str, str] = {}
    for what, scale, office, due_on, state in ACTIONS:
        action = await actions.record_action(
            consultation_id=first_wave,
            data=ActionIn(what=what, scale=scale, owner_office=office, due_on=due_on),
            registry=registry,
        )
        await actions.change_state(
            consultation_id=first_wave, action_id=action.id, state=state, registry=registry
        )
        seen[action.item] = state
    created = await services.create_consultation(
        data=ConsultationIn(
            title=SECOND_TITLE,
            questionnaire=QUESTIONNAIRE[0],
            questionnaire_version=QUESTIONNAIRE[1],
            opens_on=date(2013, 7, 1),
            closes_on=date(2013, 7, 31),
            tally_passphrase=DEMO_TALLY_PASSPHRASE,
            guardians=DEMO_GUARDIANS,
            follows=first_wave,
        ),
        registry=registry,
    )
    await services.open_consultation(
        consultation_id=created.id, settings=settings, registry=registry
    )
    await _answer(
        consultation_id=created.id,
        registry=registry,
        settings=settings,
        pick=pick,
        share=lambda n, pick: pick.random() < ANSWER_SHARE,
        shifts=REFERENT_WAVE_SHIFTS,
        seen=seen,
    )
    await tally_demo_consultation(consultation_id=created.id, registry=registry)
    return created.id
