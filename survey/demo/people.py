"""The department's offices and their referents, and the fictional people who contact it.

Every name is made up; addresses use reserved domains (`.invalid` for staff, `example.org` for
citizens), so no demo email can ever reach anyone."""

from __future__ import annotations

import random
from dataclasses import dataclass

# The offices of the referent consultation's `office` question
# (questionnaires/definitions/referent-consultation-2012.yaml), without "altro" and
# "preferisco_non_dirlo", which are answers rather than offices.
MANAGER = "demo-manager"  # the demo's management user, named on some follow-ups

OFFICES = {
    "emergenze": "Gestione delle emergenze",
    "volontariato": "Volontariato",
    "rischio_sismico": "Rischio sismico e vulcanico",
    "rischio_idro": "Rischio idrogeologico e idraulico",
    "comunicazione": "Comunicazione e informazione ai cittadini",
    "formazione": "Formazione ed esercitazioni",
    "relazioni_istituzionali": "Relazioni istituzionali e internazionali",
    "amministrazione": "Amministrazione e bilancio",
}
# Their names in English, for citizens' English pages.
OFFICES_EN = {
    "emergenze": "Emergency management",
    "volontariato": "Volunteering",
    "rischio_sismico": "Seismic and volcanic risk",
    "rischio_idro": "Hydrogeological and hydraulic risk",
    "comunicazione": "Communication and information to citizens",
    "formazione": "Training and exercises",
    "relazioni_istituzionali": "Institutional and international relations",
    "amministrazione": "Administration and budget",
}
# The areas the offices belong to (assumed: the department's units grouped by what they do),
# under the department itself. Results merge an office too small to show into its area.
AREAS = {
    "emergenze": "operazioni",
    "volontariato": "operazioni",
    "formazione": "operazioni",
    "rischio_sismico": "rischi",
    "rischio_idro": "rischi",
    "comunicazione": "relazioni",
    "relazioni_istituzionali": "relazioni",
    "amministrazione": "relazioni",
}
STAFF_DOMAIN = "protezionecivile.invalid"
CITIZEN_DOMAIN = "example.org"


def _names(text: str) -> tuple[str, ...]:
    # Underscores join the words of a two-word surname.
    return tuple(name.replace("_", " ") for name in text.split())


FIRST_NAMES = _names(
    "Alessandra Andrea Anna Antonio Carla Chiara Claudio Daniela Davide Elena Enrico Federica "
    "Francesca Francesco Giacomo Giorgia Giovanni Giulia Giuseppe Ilaria Laura Lorenzo Luca "
    "Lucia Marco Maria Marta Matteo Michele Paola Paolo Roberta Roberto Sara Silvia Simone "
    "Stefano Teresa Valentina Vincenzo"
)
SURNAMES = _names(
    "Barbieri Bellini Benedetti Bianchi Bruno Caruso Colombo Conti Costa De_Luca Esposito "
    "Fabbri Ferrara Ferri Fontana Galli Gallo Giordano Greco Leone Lombardi Longo Mancini "
    "Marchetti Mariani Martini Marino Monti Moretti Palumbo Pellegrini Ricci Rinaldi Rizzo "
    "Romano Russo Santoro Serra Testa Villa"
)


@dataclass(frozen=True)
class Referent:
    office: str
    name: str
    email: str


def _address(first: str, last: str) -> str:
    return f"{first}.{last.replace(' ', '')}".lower()


def referents(rng: random.Random) -> list[Referent]:
    """Two to five referents per office, each with a unique staff address."""
    people: list[Referent] = []
    used: set[str] = set()
    for office in OFFICES:
        for _ in range(rng.randint(2, 5)):
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            local = _address(first, last)
            while local in used:  # two namesakes: the second gets a number, as mail systems do
                local = f"{_address(first, last)}{rng.randint(2, 99)}"
            used.add(local)
            people.append(Referent(office, f"{first} {last}", f"{local}@{STAFF_DOMAIN}"))
    return people


def citizen_email(rng: random.Random, *, certified: bool = False) -> str:
    """A made-up citizen address; certified (PEC) addresses sit on a `pec.` subdomain."""
    local = _address(rng.choice(FIRST_NAMES), rng.choice(SURNAMES))
    if rng.random() < 0.6:
        local += str(rng.randint(1, 99))
    return f"{local}@{'pec.' if certified else ''}{CITIZEN_DOMAIN}"


def phone_number(rng: random.Random, *, mobile: bool) -> str:
    """A made-up Italian number: mobile (+39 3xx) or landline (+39 0x)."""
    if mobile:
        return f"+39 3{rng.randint(20, 99)} {rng.randint(1_000_000, 9_999_999)}"
    return f"+39 0{rng.randint(2, 99)} {rng.randint(100_000, 9_999_999)}"


def contact(channel: str, rng: random.Random) -> tuple[str | None, str | None]:
    """(email, phone) a requester leaves on a channel; phone callers give an address now and
    then, form users a number now and then, letters carry neither in the tracker."""
    if channel == "phone":
        email = citizen_email(rng) if rng.random() < 0.2 else None
        return email, phone_number(rng, mobile=rng.random() < 0.7)
    if channel in {"web_form", "email", "pec"}:
        phone = phone_number(rng, mobile=True) if rng.random() < 0.3 else None
        return citizen_email(rng, certified=channel == "pec"), phone
    if channel == "fax":
        return None, phone_number(rng, mobile=False)
    return None, None
