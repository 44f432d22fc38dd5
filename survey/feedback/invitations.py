"""Feedback invitations: one per closed case, created in the closing transaction, emailed when
the requester left an address that may be invited; and the re-ask, a second invitation made
when the case's follow-up is closed."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

from case_bridge.services import ClosedCase
from case_bridge.storage import clock
from case_bridge.tables import Case
from survey.feedback.errors import ReAskUnavailable
from survey.feedback.tables import FeedbackInvitation
from survey.outbox.services import enqueue
from survey.settings import Settings
from survey.web.tokens import hash_token, new_nonce, token_for

PURPOSE = "feedback"
LINK_KIND = "feedback"

# Role and robot mailboxes: inviting them only produces bounces, or mail nobody reads.
BLOCKED_LOCAL_PARTS = frozenset(
    {
        "postmaster",
        "mailer-daemon",
        "abuse",
        "noreply",
        "no-reply",
        "no_reply",
        "donotreply",
        "do-not-reply",
        "bounce",
        "bounces",
        "hostmaster",
        "webmaster",
    }
)

SUBJECT = "Come è andata la tua richiesta {code}? / How did your request {code} go?"
# The five ratings are links that open the form with that rating chosen (the page asks to
# confirm it: mail scanners follow links). Each line is `label: link`, which the HTML part of
# the email shows as a list of large links (survey/outbox/mail.py). The English links carry
# lang=en, so the English reader stays in English from the first page on.
BODY = """Gentile utente,

la tua richiesta {code} al Contact Center del Dipartimento della Protezione Civile
è stata chiusa. Ci dedichi meno di due minuti per dirci come è andata?
Rispondi qui: {{link}}

Oppure scegli subito quanto sei soddisfatto/a del servizio ricevuto, da 1 a 5:

1 su 5, per niente soddisfatto/a: {{link}}?satisfaction=1
2 su 5: {{link}}?satisfaction=2
3 su 5: {{link}}?satisfaction=3
4 su 5: {{link}}?satisfaction=4
5 su 5, molto soddisfatto/a: {{link}}?satisfaction=5

Dopo il voto puoi dirci, se vuoi, qualcosa di più.

Il link è personale e resta valido per {days} giorni.
Se non vuoi rispondere, ignora questo messaggio.
Questo indirizzo non è per le emergenze: se sei in pericolo chiama il 112.

---

Dear user,

your request {code} to the Contact Center of the Civil Protection Department has been closed.
Could you spare less than two minutes to tell us how it went?
Answer here: {{link}}?lang=en

Or choose straight away how satisfied you are with the service you received, from 1 to 5:

1 of 5, not at all satisfied: {{link}}?satisfaction=1&lang=en
2 of 5: {{link}}?satisfaction=2&lang=en
3 of 5: {{link}}?satisfaction=3&lang=en
4 of 5: {{link}}?satisfaction=4&lang=en
5 of 5, very satisfied: {{link}}?satisfaction=5&lang=en

After the rating you can tell us more if you wish.

The link is personal and stays valid for {days} days.
If you prefer not to answer, ignore this message.
This address is not for emergencies: if you are in danger, call 112.
"""


RE_ASK_SUBJECT = "La tua richiesta {code}: come va ora? / Your request {code}: how is it now?"
# Sent after an office called the citizen back: the same rating links as the first email.
RE_ASK_BODY = """Gentile utente,

dopo la tua valutazione della richiesta {code} un ufficio del Dipartimento della Protezione
Civile ti ha ricontattato. Ci dici come valuti ora il servizio ricevuto?
Rispondi qui: {{link}}

Oppure scegli subito quanto sei soddisfatto/a, da 1 a 5:

1 su 5, per niente soddisfatto/a: {{link}}?satisfaction=1
2 su 5: {{link}}?satisfaction=2
3 su 5: {{link}}?satisfaction=3
4 su 5: {{link}}?satisfaction=4
5 su 5, molto soddisfatto/a: {{link}}?satisfaction=5

Il link è personale e resta valido per {days} giorni.
Se non vuoi rispondere, ignora questo messaggio.
Questo indirizzo non è per le emergenze: se sei in pericolo chiama il 112.

---

Dear user,

after your rating of request {code}, an office of the Civil Protection Department called you
back. How would you rate the service you received now?
Answer here: {{link}}?lang=en

Or choose straight away how satisfied you are, from 1 to 5:

1 of 5, not at all satisfied: {{link}}?satisfaction=1&lang=en
2 of 5: {{link}}?satisfaction=2&lang=en
3 of 5: {{link}}?satisfaction=3&lang=en
4 of 5: {{link}}?satisfaction=4&lang=en
5 of 5, very satisfied: {{link}}?satisfaction=5&lang=en

The link is personal and stays valid for {days} days.
If you prefer not to answer, ignore this message.
This address is not for emergencies: if you are in danger, call 112.
"""


def requester_key(email: str | None, phone: str | None) -> str | None:
    """A hash that recognises the same requester again without storing who it is."""
    if email:
        return hashlib.sha256(f"email:{email.strip().lower()}".encode()).hexdigest()
    if phone:
        digits = "".join(ch for ch in phone if ch.isdigit()).removeprefix("0039")
        return hashlib.sha256(f"phone:{digits}".encode()).hexdigest()
    return None


def may_be_emailed(email: str | None) -> bool:
    """An address that exists and is not a role or robot mailbox."""
    if not email or "@" not in email:
        return False
    return email.split("@", 1)[0].strip().lower() not in BLOCKED_LOCAL_PARTS


async def _recently_invited(keys: set[str], since: datetime) -> set[str]:
    found: set[str] = set()
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        rows = (
            await FeedbackInvitation.select(FeedbackInvitation.requester_key)
            .where(
                FeedbackInvitation.requester_key.is_in(ordered[start : start + 500])
                & (FeedbackInvitation.emailed == True)
                & (FeedbackInvitation.re_ask == False)
                & (FeedbackInvitation.created_at >= since)
            )
            .run()
        )
        found.update(row["requester_key"] for row in rows)
    return found


async def create_invitations(cases: Sequence[ClosedCase], *, settings: Settings) -> None:
    """Invite the requesters of newly closed cases (runs inside the closing transaction)."""
    now = clock.now()
    phones = await _phones([case.id for case in cases if not case.contact_email])
    keys = {case.id: requester_key(case.contact_email, phones.get(case.id)) for case in cases}
    blocked = await _recently_invited(
        {key for key in keys.values() if key}, now - timedelta(days=settings.reinvite_days)
    )
    for case in cases:
        key = keys[case.id]
        email = case.contact_email if may_be_emailed(case.contact_email) else None
        emailed = email is not None and key is not None and key not in blocked
        if emailed and key is not None:
            blocked.add(key)  # the same requester twice in one batch is invited once
        invitation_id = await _insert(
            case.id, settings=settings, now=now, key=key, emailed=emailed, re_ask=False
        )
        if emailed and email is not None:
            await enqueue(
                key=f"feedback-invitation:{invitation_id}",
                recipient=email,
                subject=SUBJECT.format(code=case.code),
                body=BODY.format(code=case.code, days=settings.invitation_days),
                link_kind=LINK_KIND,
                link_ref=invitation_id,
            )


async def _insert(
    case_id: int, *, settings: Settings, now: datetime, key: str | None, emailed: bool, re_ask: bool
) -> int:
    nonce = new_nonce()
    rows = (
        await FeedbackInvitation.insert(
            FeedbackInvitation(
                case=case_id,
                re_ask=re_ask,
                nonce=nonce,
                token_hash=hash_token(token_for(settings.secret_key, PURPOSE, nonce)),
                created_at=now,
                expires_at=now + timedelta(days=settings.invitation_days),
                requester_key=key,
                emailed=emailed,
            )
        )
        .returning(FeedbackInvitation.id)
        .run()
    )
    return rows[0]["id"]


async def create_re_ask(*, case_id: int, settings: Settings) -> int:
    """Ask a case's citizen again, after its follow-up was closed: a second invitation marked
    as a re-ask, emailed at once; its id. Runs in the caller's transaction (the closing).

    Outside the re-invite interval both ways: a citizen just called back is asked whatever
    other invitations they had, and the re-ask does not hold back their next case's one. Only
    an address that may be invited is written to, and a case is asked again once."""
    case = (
        await Case.select(Case.code, Case.contact_email, Case.contact_phone)
        .where(Case.id == case_id)
        .first()
        .run()
    )
    if case is None or not may_be_emailed(case["contact_email"]):
        raise ReAskUnavailable("the citizen left no email address to ask again")
    asked = FeedbackInvitation.exists().where(
        (FeedbackInvitation.case == case_id) & (FeedbackInvitation.re_ask == True)
    )
    if await asked.run():
        raise ReAskUnavailable("the citizen was already asked again about this case")
    now = clock.now()
    key = requester_key(case["contact_email"], case["contact_phone"])
    invitation_id = await _insert(
        case_id, settings=settings, now=now, key=key, emailed=True, re_ask=True
    )
    await enqueue(
        key=f"feedback-re-ask:{invitation_id}",
        recipient=case["contact_email"],
        subject=RE_ASK_SUBJECT.format(code=case["code"]),
        body=RE_ASK_BODY.format(code=case["code"], days=settings.invitation_days),
        link_kind=LINK_KIND,
        link_ref=invitation_id,
    )
    return invitation_id


async def _phones(case_ids: list[int]) -> dict[int, str]:
    phones: dict[int, str] = {}
    for start in range(0, len(case_ids), 500):
        rows = (
            await Case.select(Case.id, Case.contact_phone)
            .where(Case.id.is_in(case_ids[start : start + 500]) & Case.contact_phone.is_not_null())
            .run()
        )
        phones.update((row["id"], row["contact_phone"]) for row in rows)
    return phones


async def feedback_link(invitation_id: int, settings: Settings, via: str | None = None) -> str:
    """The citizen's link for an invitation, rebuilt from its nonce and the secret key."""
    row = (
        await FeedbackInvitation.select(FeedbackInvitation.nonce)
        .where(FeedbackInvitation.id == invitation_id)
        .first()
        .run()
    )
    if row is None:
        raise LookupError(f"no feedback invitation {invitation_id}")
    token = token_for(settings.secret_key, PURPOSE, row["nonce"])
    link = f"{settings.public_url.rstrip('/')}/f/{token}"
    return f"{link}?via={via}" if via else link
