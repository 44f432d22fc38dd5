"""The shares of the demo year (channels, request types, topics, regions, resolution) with
their source, and how whole counts are dealt out to cases so the shares hold exactly."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

import numpy as np

# Channels. Phone: the dossier, "il numero verde è il canale scelto dall'80,10%". The rest is
# not broken down; the note names forms and email first ("email arrivate per modulo online"),
# and PEC, fax and letters are the formal channels of institutions, hence small.
CHANNEL_SHARES = {
    "phone": 80.10,
    "web_form": 9.0,
    "email": 7.5,
    "pec": 1.6,
    "fax": 1.0,
    "letter": 0.8,
}
# Request types. Information 64.62 % and reports 11.64 %: the dossier (the note: 67.7 % and
# 12.1 % in the first week). Intervention 4.7 %, complaints 2.3 %, compliments 0.93 %: the note.
# Offers: the dossier says only that they grew after the Emilia earthquake; 1.6 % is assumed.
# Everything else is "other".
TYPE_SHARES = {
    "information": 64.62,
    "report": 11.64,
    "intervention": 4.7,
    "complaint": 2.3,
    "compliment": 0.93,
    "offer": 1.6,
    "other": 14.21,
}
# Topics. Volunteering 23.4 % and certificates of merit 15.4 %: the note. The rest follows the
# department's competences and the year's emergencies (assumed).
TOPIC_SHARES = {
    "volontariato": 23.4,
    "attestati_benemerenza": 15.4,
    "emergenze_in_corso": 17.0,
    "rischio_sismico": 12.0,
    "allerte_meteo": 9.0,
    "rischio_idrogeologico": 6.0,
    "piani_protezione_civile": 4.5,
    "lavoro_e_bandi": 3.5,
    "stampa": 2.2,
    "altro": 7.0,
}
# Who asks (assumed shares for the year). The note names "cittadini, istituzioni, organizzazioni
# e imprese" and says that in the first week "una parte consistente" of those asking was inside
# the national civil-protection service: its volunteers ask about volunteering and the
# certificates of merit (REQUESTER_BY_TOPIC), so the topics of the first weeks bring them.
REQUESTER_SHARES = {
    "citizen": 66.0,
    "civil_protection": 18.0,
    "institution": 8.0,
    "organisation": 5.0,
    "business": 3.0,
}
# How much more likely each kind is for a topic than its share alone says (assumed).
REQUESTER_BY_TOPIC = {
    "volontariato": {"civil_protection": 4.0, "organisation": 2.0},
    "attestati_benemerenza": {"civil_protection": 4.0, "organisation": 3.0},
    "piani_protezione_civile": {"institution": 5.0},
    "emergenze_in_corso": {"institution": 2.0},
    "lavoro_e_bandi": {"business": 8.0},
    "stampa": {"organisation": 2.0, "business": 2.0},
}
# Back Office cases coordinated with other bodies (assumed: the dossier says only "quando
# necessario"): about one in three, more for interventions, reports and during emergencies.
OTHER_BODIES_SHARE = 0.30
OTHER_BODIES_BY_TYPE = {"intervention": 2.5, "report": 2.0, "complaint": 1.2}
OTHER_BODIES_IN_EMERGENCY = 2.0
# Which bodies each topic's cases involve (assumed, from who does what in the Italian system:
# regions run the volunteer registers and weather centres, prefectures and fire brigades act in
# emergencies, INGV and CNR advise on earthquakes and landslides).
BODIES_BY_TOPIC = {
    "volontariato": {"regional_authority": 3.0, "volunteer_organisation": 2.0},
    "attestati_benemerenza": {"prefecture": 2.0, "volunteer_organisation": 2.0},
    "emergenze_in_corso": {
        "prefecture": 3.0,
        "fire_brigade": 3.0,
        "regional_authority": 2.0,
        "municipality": 2.0,
        "health_service": 1.0,
        "armed_forces": 0.5,
        "police": 0.5,
    },
    "rischio_sismico": {"research_institute": 3.0, "municipality": 2.0, "regional_authority": 1.0},
    "allerte_meteo": {"regional_authority": 3.0, "municipality": 1.0},
    "rischio_idrogeologico": {
        "regional_authority": 2.0,
        "municipality": 2.0,
        "province": 1.0,
        "research_institute": 1.0,
    },
    "piani_protezione_civile": {"municipality": 3.0, "prefecture": 1.0, "regional_authority": 1.0},
    "lavoro_e_bandi": {"ministry": 1.0},
    "stampa": {"ministry": 1.0, "other_body": 1.0},
    "altro": {"other_body": 2.0, "municipality": 1.0},
}
TWO_BODIES_SHARE = 0.3  # a coordinated case involves two bodies rather than one (assumed)
# Regions the requests concern. The note's order: Abruzzo, then Lazio, Campania, Sicilia and
# Lombardia; the rest by population (assumed). Abruzzo leads because the service and its
# first users sit in L'Aquila, three years after the 2009 earthquake.
REGION_SHARES = {
    "abruzzo": 15.0,
    "lazio": 12.5,
    "campania": 9.5,
    "sicilia": 8.0,
    "lombardia": 7.5,
    "emilia_romagna": 6.5,
    "veneto": 5.0,
    "piemonte": 4.5,
    "toscana": 4.5,
    "liguria": 4.3,
    "puglia": 4.2,
    "calabria": 3.0,
    "marche": 3.0,
    "sardegna": 2.2,
    "friuli_venezia_giulia": 2.0,
    "umbria": 1.8,
    "trentino_alto_adige": 1.5,
    "basilicata": 1.2,
    "molise": 1.0,
    "valle_d_aosta": 0.5,
    "abroad": 0.6,
    "unknown": 1.7,  # requests that name no place: stored without a region
}
# Where cases stand a year on. The dossier: "chiuso al Front Office (86,1%) ... al Back Office
# (12,19%)", "solo l'1,70% delle richieste non è ancora stato evaso".
PATH_SHARES = {"front_office": 86.10, "back_office": 12.19, "open": 1.70}


def allot(total: int, shares: Mapping[str, float]) -> dict[str, int]:
    """Whole counts adding up to `total`, as close to the shares as possible (largest
    remainder)."""
    weights = np.array(list(shares.values()), dtype=np.float64)
    exact = total * weights / weights.sum()
    counts = np.floor(exact).astype(np.int64)
    for index in np.argsort(counts - exact)[: total - int(counts.sum())]:
        counts[index] += 1
    return dict(zip(shares, (int(count) for count in counts), strict=True))


def deal(
    *,
    quotas: Mapping[str, int],
    preferences: Sequence[Mapping[str, float] | None],
    order: Sequence[int],
    rng: random.Random,
) -> list[str]:
    """One label per case, using each label exactly its quota's times.

    Cases are served in `order` (the most particular first); each draws a label in proportion
    to what is left of it times the case's preference (None: no preference). When a case's
    preferred labels are used up it takes any that is left."""
    left = dict(quotas)
    labels = list(left)
    chosen: list[str] = [""] * len(preferences)
    for case in order:
        preference = preferences[case]
        weights = [
            left[label] * (preference.get(label, 0.0) if preference else 1.0) for label in labels
        ]
        if not any(weights):
            weights = [left[label] for label in labels]
        label = rng.choices(labels, weights)[0]
        left[label] -= 1
        chosen[case] = label
    return chosen
