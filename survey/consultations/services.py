"""Consultations of the referents: their life (draft → open → closed, with the tally at
close), invitations, reminders and the live response rate."""

from __future__ import annotations

import asyncio
import random
import secrets

from case_bridge.storage import clock, engine, writing
from case_bridge.storage.engines import AwaitedStatements
from case_bridge.storage.errors import Invalid
from case_bridge.tables import Office, Referent
from questionnaires import Questionnaire, Registry
from questionnaires.follow_through import ActionToAsk, action_item_code, with_action_items
from survey.consultations.errors import ConsultationNotFound, QuestionnaireNotFound, WrongState
from survey.consultations.schemas import (
    ConsultationIn,
    ConsultationOut,
    RateRow,
    ResponseRates,
)
from survey.consultations.sealing import TallyKey, new_tally_key, tally_private_key
from survey.consultations.tables import (
    Consultation,
    ConsultationAction,
    ConsultationInvitation,
    ConsultationResponse,
    ConsultationSealedAnswer,
)
from survey.consultations.tally import tally_sealed_answers
from survey.outbox.services import enqueue
from survey.questionnaire_versions.services import (
    keep_generated,
    pin,
    questionnaire_for,
    refresh_generated,
)
from survey.settings import Settings
from survey.web.tokens import hash_token, new_nonce, token_for

PURPOSE = "consultation"
LINK_KIND = "consultation"
MIN_INVITED_FOR_RATE = 5  # a response rate of fewer invited would point at individuals


async def _consultation(consultation_id: int) -> dict:
    row = await Consultation.select().where(Consultation.id == consultation_id).first().run()
    if row is None:
        raise ConsultationNotFound(consultation_id)
    return row


async def _referent_ids(offices: list[str] | None) -> list[int]:
    query = Referent.select(Referent.id).where(Referent.active == True)
    if offices is not None:
        known = {row["code"] for row in await Office.select(Office.code).run()}
        unknown = sorted(set(offices) - known)
        if unknown:
            raise Invalid("offices", f"no office with code {unknown[0]!r}")
        query = query.where(Referent.office.code.is_in(offices))
    return [row["id"] for row in await query.run()]


async def create_consultation(*, data: ConsultationIn, registry: Registry) -> ConsultationOut:
    """A consultation in draft, with its invitees chosen (all referents, or by office)."""
    if data.closes_on < data.opens_on:
        raise Invalid("closes_on", "a consultation closes after it opens")
    try:
        questionnaire = registry.get(data.questionnaire, data.questionnaire_version)
    except LookupError:
        raise QuestionnaireNotFound(data.questionnaire, data.questionnaire_version) from None
    if questionnaire.audience != "referent":
        raise Invalid("questionnaire", "this questionnaire is not for referents")
    if data.follows is not None:
        await _check_earlier_wave(data.follows, data)
    generated = await _asking_about_actions(data, questionnaire, registry)
    # scrypt takes a tenth of a second and 32 MiB on purpose: off the event loop.
    key = await asyncio.to_thread(new_tally_key, data.tally_passphrase)
    async with writing():
        if generated is not None:
            await keep_generated(AwaitedStatements(engine()), generated)
        rows = (
            await Consultation.insert(
                Consultation(
                    title=data.title,
                    questionnaire=data.questionnaire,
                    questionnaire_version=(generated or questionnaire).version,
                    opens_on=data.opens_on,
                    closes_on=data.closes_on,
                    state="draft",
                    threshold=data.threshold,
                    created_at=clock.now(),
                    tally_salt=key.salt,
                    tally_public_key=key.public_key,
                    guardians=data.guardians.strip(),
                    follows=data.follows,
                )
            )
            .returning(Consultation.id)
            .run()
        )
        await _invite(rows[0]["id"], await _referent_ids(data.offices))
    if generated is not None:
        registry.add(generated, source="generated")
    return await get_consultation(consultation_id=rows[0]["id"])


async def _asking_about_actions(
    data: ConsultationIn, questionnaire: Questionnaire, registry: Registry
) -> Questionnaire | None:
    """For a wave that follows one with actions: a new version of its questionnaire with an
    item per action (never an edit of the chosen version, which may be pinned)."""
    if data.follows is None:
        return None
    rows = (
        await ConsultationAction.select(ConsultationAction.id, ConsultationAction.what)
        .where(ConsultationAction.consultation == data.follows)
        .order_by(ConsultationAction.id)
        .run()
    )
    if not rows:
        return None
    await refresh_generated(registry)
    version = max(q.version for q in registry if q.id == questionnaire.id) + 1
    asked = [ActionToAsk(action_item_code(row["id"]), row["what"]) for row in rows]
    return with_action_items(questionnaire, asked, version)


async def _check_earlier_wave(follows: int, data: ConsultationIn) -> None:
    """A wave follows an earlier consultation of the same questionnaire, which closed before
    this one opens."""
    earlier = await Consultation.select().where(Consultation.id == follows).first().run()
    if earlier is None:
        raise Invalid("follows", f"no consultation {follows}")
    if earlier["questionnaire"] != data.questionnaire:
        raise Invalid("follows", "the earlier wave was asked with another questionnaire")
    if earlier["closes_on"] >= data.opens_on:
        raise Invalid("follows", "the earlier wave must close before this one opens")


async def _invite(consultation_id: int, referent_ids: list[int]) -> list[int]:
    """Add invitees not yet invited; return the new invitations' ids."""
    present = {
        row["referent"]
        for row in await ConsultationInvitation.select(ConsultationInvitation.referent)
        .where(ConsultationInvitation.consultation == consultation_id)
        .run()
    }
    new = [
        ConsultationInvitation(consultation=consultation_id, referent=referent_id)
        for referent_id in referent_ids
        if referent_id not in present
    ]
    if not new:
        return []
    rows = await ConsultationInvitation.insert(*new).returning(ConsultationInvitation.id).run()
    return [row["id"] for row in rows]


async def add_invitees(
    *, consultation_id: int, offices: list[str], settings: Settings
) -> ConsultationOut:
    """Invite more referents; once open, they are sent their invitation at once."""
    async with writing():
        consultation = await _consultation(consultation_id)
        if consultation["state"] == "closed":
            raise WrongState("a closed consultation takes no more invitees")
        added = await _invite(consultation_id, await _referent_ids(offices))
        if consultation["state"] == "open":
            await _send_invitations(consultation, added, settings)
    return await get_consultation(consultation_id=consultation_id)


async def open_consultation(
    *, consultation_id: int, settings: Settings, registry: Registry
) -> ConsultationOut:
    """Open a draft: every invitee gets a link by email; questionnaire and list are now fixed.

    The questionnaire version is pinned here rather than at the first answer: from now on
    referents read it and keep drafts of it, so the file must not change under them even
    before anyone has sent their answers (start-up refuses a changed file under a pin)."""
    async with writing():
        consultation = await _consultation(consultation_id)
        if consultation["state"] != "draft":
            raise WrongState(f"only a draft can be opened; this one is {consultation['state']}")
        await pin(AwaitedStatements(engine()), await _questionnaire(consultation, registry))
        await (
            Consultation.update({Consultation.state: "open"})
            .where(Consultation.id == consultation_id)
            .run()
        )
        invitations = (
            await ConsultationInvitation.select(ConsultationInvitation.id)
            .where(ConsultationInvitation.consultation == consultation_id)
            .run()
        )
        await _send_invitations(consultation, [row["id"] for row in invitations], settings)
    return await get_consultation(consultation_id=consultation_id)


async def _questionnaire(consultation: dict, registry: Registry) -> Questionnaire:
    try:
        return await questionnaire_for(
            registry, consultation["questionnaire"], consultation["questionnaire_version"]
        )
    except LookupError:
        raise WrongState(
            f"questionnaire {consultation['questionnaire']} "
            f"v{consultation['questionnaire_version']} is no longer defined"
        ) from None


# Closing updates the consultation's row first: on PostgreSQL that waits for the submissions
# under way (they hold a share lock on it, see answering.submit) and refuses those after it.
_CLOSE = """
UPDATE "consultations" SET "state" = 'closed' WHERE "id" = ? AND "state" = 'open' RETURNING "id"
"""
# The tables whose dead rows could tell who answered what: the sealed answers (deleted at the
# tally), the invitations (every `used` flag rewritten by a submission), the tallied answers.
TALLY_TABLES = (ConsultationSealedAnswer, ConsultationResponse, ConsultationInvitation)


async def close_consultation(
    *,
    consultation_id: int,
    tally_passphrase: str,
    registry: Registry,
    shuffle: random.Random | None = None,
) -> ConsultationOut:
    """Close an open consultation and tally its answers with the guardians' passphrase.

    A missing or wrong passphrase changes nothing (`WrongTallyKey`). Otherwise, in one
    transaction: closed, every sealed answer opened in memory, identifying items recoded, all
    inserted in one shuffled statement (`shuffle`: a seeded generator for tests, else the
    system's), the sealed rows deleted; then the engine leaves no dead row behind."""
    consultation = await _consultation(consultation_id)
    if consultation["state"] != "open":
        raise WrongState(
            f"only an open consultation can be closed; this one is {consultation['state']}"
        )
    questionnaire = await _questionnaire(consultation, registry)
    if consultation["tally_public_key"] is None:
        raise WrongState("this consultation has no tally key: it was opened before sealing")
    key = TallyKey(bytes(consultation["tally_salt"]), bytes(consultation["tally_public_key"]))
    private_key = await asyncio.to_thread(tally_private_key, tally_passphrase, key)
    async with writing():
        if not await engine().run_sql(_CLOSE, [consultation_id]):
            raise WrongState("this consultation was closed meanwhile")
        await tally_sealed_answers(
            consultation_id=consultation_id,
            questionnaire=questionnaire,
            private_key=private_key,
            threshold=consultation["threshold"],
            shuffle=shuffle or secrets.SystemRandom(),
        )
    await engine().purge_dead_rows(TALLY_TABLES)
    return await get_consultation(consultation_id=consultation_id)


_SUBJECT = "Consultazione dei referenti: {title} / Referents' consultation"
_BODY = """Gentile {name},

il Dipartimento chiede ai referenti degli Uffici e Servizi la loro opinione sul Contact Center:
«{title}». Le risposte sono anonime: nessuno, nemmeno chi gestisce il sistema, può collegarle
a te. Puoi salvare e riprendere quando vuoi entro il {closes_on}:

{{link}}

---

Dear {name},

the Department asks the referents of its offices for their opinion of the Contact Center:
"{title}". Answers are anonymous: nobody, not even the system's administrators, can link them
to you. You can save and come back at any time until {closes_on}:

{{link}}
"""

_REMINDER = "Promemoria / Reminder: "


async def _send_invitations(
    consultation: dict, invitation_ids: list[int], settings: Settings
) -> None:
    if not invitation_ids:
        return
    rows = (
        await ConsultationInvitation.select(
            ConsultationInvitation.id,
            ConsultationInvitation.referent.name.as_alias("name"),
            ConsultationInvitation.referent.email.as_alias("email"),
        )
        .where(ConsultationInvitation.id.is_in(invitation_ids))
        .run()
    )
    for row in rows:
        nonce = new_nonce()
        await (
            ConsultationInvitation.update(
                {
                    ConsultationInvitation.nonce: nonce,
                    ConsultationInvitation.token_hash: hash_token(
                        token_for(settings.secret_key, PURPOSE, nonce)
                    ),
                }
            )
            .where(ConsultationInvitation.id == row["id"])
            .run()
        )
        await _email(consultation, row, key=f"consultation-invitation:{row['id']}", prefix="")


async def _email(consultation: dict, row: dict, *, key: str, prefix: str) -> None:
    await enqueue(
        key=key,
        recipient=row["email"],
        subject=prefix + _SUBJECT.format(title=consultation["title"]),
        body=_BODY.format(
            name=row["name"],
            title=consultation["title"],
            closes_on=consultation["closes_on"].isoformat(),
        ),
        link_kind=LINK_KIND,
        link_ref=row["id"],
    )


async def send_reminders(*, consultation_id: int) -> int:
    """Remind the invitees who have not answered yet; return how many."""
    async with writing():
        consultation = await _consultation(consultation_id)
        if consultation["state"] != "open":
            raise WrongState("reminders go out only while the consultation is open")
        rows = (
            await ConsultationInvitation.select(
                ConsultationInvitation.id,
                ConsultationInvitation.reminders,
                ConsultationInvitation.referent.name.as_alias("name"),
                ConsultationInvitation.referent.email.as_alias("email"),
            )
            .where(
                (ConsultationInvitation.consultation == consultation_id)
                & (ConsultationInvitation.used == False)
            )
            .run()
        )
        for row in rows:
            number = row["reminders"] + 1
            await (
                ConsultationInvitation.update({ConsultationInvitation.reminders: number})
                .where(ConsultationInvitation.id == row["id"])
                .run()
            )
            await _email(
                consultation,
                row,
                key=f"consultation-reminder:{row['id']}:{number}",
                prefix=_REMINDER,
            )
    return len(rows)


async def reissue_link(*, invitation_id: int, settings: Settings) -> str:
    """A new link for an invitee who has not answered (the old one stops working)."""
    nonce = new_nonce()
    async with writing():
        updated = (
            await ConsultationInvitation.update(
                {
                    ConsultationInvitation.nonce: nonce,
                    ConsultationInvitation.token_hash: hash_token(
                        token_for(settings.secret_key, PURPOSE, nonce)
                    ),
                }
            )
            .where(
                (ConsultationInvitation.id == invitation_id)
                & (ConsultationInvitation.used == False)
            )
            .returning(ConsultationInvitation.id)
            .run()
        )
    if not updated:
        raise WrongState("this invitee has answered already: there is no link to issue")
    return await consultation_link(invitation_id, settings)


async def consultation_link(invitation_id: int, settings: Settings) -> str:
    """A referent's link, rebuilt from the invitation's nonce and the secret key."""
    row = (
        await ConsultationInvitation.select(ConsultationInvitation.nonce)
        .where(ConsultationInvitation.id == invitation_id)
        .first()
        .run()
    )
    if row is None or row["nonce"] is None:
        raise LookupError(f"no consultation invitation {invitation_id} with a link")
    token = token_for(settings.secret_key, PURPOSE, row["nonce"])
    return f"{settings.public_url.rstrip('/')}/c/{token}"


async def get_consultation(*, consultation_id: int) -> ConsultationOut:
    row = await _consultation(consultation_id)
    invited, answered = await _counts(consultation_id)
    return _out(row, invited, answered)


def _out(row: dict, invited: int, answered: int) -> ConsultationOut:
    return ConsultationOut(
        id=row["id"],
        title=row["title"],
        questionnaire=row["questionnaire"],
        questionnaire_version=row["questionnaire_version"],
        opens_on=row["opens_on"],
        closes_on=row["closes_on"],
        state=row["state"],
        threshold=row["threshold"],
        guardians=row["guardians"],
        invited=invited,
        answered=answered,
        follows=row["follows"],
    )


async def _counts(consultation_id: int) -> tuple[int, int]:
    rows = (
        await ConsultationInvitation.select(ConsultationInvitation.used)
        .where(ConsultationInvitation.consultation == consultation_id)
        .run()
    )
    return len(rows), sum(1 for row in rows if row["used"])


async def list_consultations() -> list[ConsultationOut]:
    rows = await Consultation.select().order_by(Consultation.opens_on, ascending=False).run()
    return [_out(row, *await _counts(row["id"])) for row in rows]


async def response_rates(*, consultation_id: int) -> ResponseRates:
    """The live response rate, overall and per office, each only from 5 invited up."""
    await _consultation(consultation_id)
    rows = (
        await ConsultationInvitation.select(
            ConsultationInvitation.used,
            ConsultationInvitation.referent.office.code.as_alias("office"),  # type: ignore[union-attr]  # Piccolo types the columns reached through a foreign key as Column | Any
        )
        .where(ConsultationInvitation.consultation == consultation_id)
        .run()
    )
    groups: dict[str, list[bool]] = {}
    for row in rows:
        groups.setdefault(row["office"], []).append(bool(row["used"]))
    everyone = [used for values in groups.values() for used in values]
    return ResponseRates(
        overall=_rate("all", everyone),
        by_office=[_rate(office, values) for office, values in sorted(groups.items())],
    )


def _rate(group: str, used: list[bool]) -> RateRow:
    if len(used) < MIN_INVITED_FOR_RATE:
        return RateRow(
            group=group,
            invited=len(used),
            answered=None,
            rate=None,
            note=f"fewer than {MIN_INVITED_FOR_RATE} invited",
        )
    answered = sum(used)
    return RateRow(group=group, invited=len(used), answered=answered, rate=answered / len(used))
