"""Masking of comments, measured: a corpus generated from Faker's Italian providers (names,
phones, emails, IBANs, tax codes) in varied sentences, and a held-out set written by hand apart
from the rules. Prints precision and recall; recall must reach 0.95, and no ordinary word may
be masked."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from faker import Faker

from survey.privacy.masking import MARKS, iban_is_valid, mask, tax_code_is_valid

HELD_OUT = Path(__file__).with_name("held_out_comments.txt")
DATUM = re.compile(r"\[\[(.+?)\]\]")
MARKED = re.compile("|".join(re.escape(mark) for mark in MARKS))

# Sentences a citizen might write around a datum ({d}), and around nothing.
AROUND = [
    "Potete richiamarmi al {d}, grazie.",
    "il mio numero è {d} (rispondo dopo le 17)",
    "Scrivetemi a {d} per la risposta definitiva.",
    "Per il rimborso: {d}",
    "Codice fiscale {d}, nome {name}.",
    "{name} chiede di essere contattata al {d} per il sopralluogo.",
    "Ho già dato il dato {d} all'operatore ma nessuno mi ha richiamato!",
    "({d}) è il recapito di mia figlia, {name}.",
    "Mi chiamo {name}, {d}. Servizio lento ma cortese.",
    "Segnalo di nuovo il problema della pratica, riferimento {d}; attendo da 3 settimane.",
]
PLAIN = [
    "Risposta arrivata dopo 2 giorni, chiara e completa.",
    "Ho chiamato il 23/09/2011 per il satellite UARS, mi hanno tranquillizzato.",
    "Ottimo servizio, voto 10 e lode; il numero verde 800 840 840 risponde subito.",
    "Dal 29 maggio 2012 aspetto notizie sul contributo di 2.500,00 euro.",
    "Il terremoto del 20.05.2012 ha lesionato la scuola di via Roma 12.",
    "Linea occupata dalle 9.00 alle 18.00, poi mi ha risposto l'operatore n. 14.",
    "In caso di emergenza ho chiamato il 112 e il 115, come dice il sito.",
    "Nel 2011 eravamo 1200 volontari, nel 2012 quasi il doppio.",
    "Attestato di benemerenza ricevuto dopo 45 giorni: un po' troppi.",
    "Versione 2.3.1 dell'app, non si apre su Android 4.0.",
]


def _generated(seed: int = 20120529, per_kind: int = 60) -> list[tuple[str, list[str]]]:
    """(comment, data in it): every kind of datum from Faker's it_IT providers, and comments
    with none."""
    fake = Faker("it_IT")
    fake.seed_instance(seed)
    pick = random.Random(seed)
    makers = {
        "phone": fake.phone_number,
        "email": fake.email,
        "iban": fake.iban,
        "tax_code": fake.ssn,
        "case": lambda: f"CC-{pick.randint(2010, 2013)}-{pick.randint(1, 999_999):06d}",
    }
    corpus = []
    for make in makers.values():
        for _ in range(per_kind):
            datum = make()
            around = pick.choice(AROUND)
            corpus.append((around.format(d=datum, name=fake.name()), [datum]))
    corpus += [(text, []) for text in PLAIN]
    return corpus


def _held_out() -> list[tuple[str, list[str]]]:
    lines = HELD_OUT.read_text(encoding="utf-8").splitlines()
    return [
        (DATUM.sub(r"\1", line), DATUM.findall(line))
        for line in lines
        if line.strip() and not line.startswith("#")
    ]


def _measure(corpus: list[tuple[str, list[str]]]) -> tuple[float, float, list[str]]:
    """(precision, recall, comments with ordinary text masked). A datum is found when the
    masked comment holds no trace of it; a mark is right when it replaced a found datum; the
    text between the data must come out whole, in order."""
    found = total = right = marks = 0
    spoiled = []
    for text, data in corpus:
        masked = mask(text)
        hidden = sum(1 for datum in data if datum not in masked)
        shown = len(MARKED.findall(masked))
        total, found, marks = total + len(data), found + hidden, marks + shown
        right += min(shown, hidden)
        ordinary = text
        for datum in data:
            ordinary = ordinary.replace(datum, "\0", 1)
        position = 0
        for piece in ordinary.split("\0"):
            position = masked.find(piece, position)
            if position < 0:
                spoiled.append(f"{text!r} -> {masked!r}")
                break
            position += len(piece)
    precision = right / marks if marks else 1.0
    return precision, found / total, spoiled


@pytest.mark.parametrize("name", ["generated", "held-out"])
def test_masking_precision_and_recall(name, capsys):
    corpus = _generated() if name == "generated" else _held_out()
    precision, recall, spoiled = _measure(corpus)
    data = sum(len(found) for _, found in corpus)
    with capsys.disabled():
        print(
            f"\nmasking, {name} corpus ({len(corpus)} comments, {data} personal data): "
            f"precision {precision:.3f}, recall {recall:.3f}, ordinary text masked in "
            f"{len(spoiled)} comments"
        )
    assert recall >= 0.95
    assert not spoiled, "\n".join(spoiled)
    assert precision == 1.0


def test_faker_s_data_are_what_the_checks_expect():
    """The generated corpus is a fair test: Faker's tax codes and IBANs pass the checks, and
    one wrong character fails them."""
    fake = Faker("it_IT")
    fake.seed_instance(7)
    for _ in range(50):
        code, iban = fake.ssn(), fake.iban()
        assert tax_code_is_valid(code) and iban_is_valid(iban)
        wrong = "A" if code[15] != "A" else "B"
        assert not tax_code_is_valid(code[:15] + wrong)
        assert not iban_is_valid(iban[:4] + ("1" if iban[4] != "1" else "2") + iban[5:])


async def test_the_follow_up_page_shows_the_comment_masked(client, cli, settings):
    from tests.survey.dashboard.helpers import signed_in
    from tests.survey.follow_ups.helpers import follow_up_id, office_with_referent, unhappy_case

    await office_with_referent(client)
    comment = "richiamatemi al 347 1234567 o a anna.b@example.org"
    made = await unhappy_case(client, settings, comment=comment)
    headers = await signed_in(client, cli)
    number = await follow_up_id(client, headers, made["code"])
    detail = await client.get(f"/api/manage/follow-ups/{number}", headers=headers)
    assert detail.status_code == 200, detail.text
    assert detail.json()["comment"] == "richiamatemi al [telefono] o a [email]"
