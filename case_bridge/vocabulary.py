"""The fixed vocabularies of the case tracker: channels, request types, requester kinds, other
bodies, statuses, regions."""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Channel(enum.StrEnum):
    PHONE = "phone"
    WEB_FORM = "web_form"
    EMAIL = "email"
    PEC = "pec"
    FAX = "fax"
    LETTER = "letter"


class RequestType(enum.StrEnum):
    INFORMATION = "information"
    REPORT = "report"
    INTERVENTION = "intervention"
    COMPLAINT = "complaint"
    COMPLIMENT = "compliment"
    OFFER = "offer"
    OTHER = "other"


class RequesterKind(enum.StrEnum):
    """Who contacts the center. The note of 13 July 2011: "cittadini, istituzioni,
    organizzazioni e imprese", and many from inside the national civil-protection service."""

    CITIZEN = "citizen"
    INSTITUTION = "institution"
    ORGANISATION = "organisation"
    BUSINESS = "business"
    CIVIL_PROTECTION = "civil_protection"  # a member of the national civil-protection system


class OtherBody(enum.StrEnum):
    """Bodies a Back Office case was coordinated with. The dossier: the referents solve the
    more complex cases "coordinandosi, quando necessario, con altri enti e amministrazioni"."""

    REGIONAL_AUTHORITY = "regional_authority"
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    MUNICIPALITY = "municipality"
    FIRE_BRIGADE = "fire_brigade"
    POLICE = "police"
    ARMED_FORCES = "armed_forces"
    HEALTH_SERVICE = "health_service"
    RESEARCH_INSTITUTE = "research_institute"
    MINISTRY = "ministry"
    VOLUNTEER_ORGANISATION = "volunteer_organisation"
    OTHER_BODY = "other_body"


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    BACK_OFFICE = "back_office"
    CLOSED = "closed"


class ResolutionPath(enum.StrEnum):
    FRONT_OFFICE = "front_office"
    BACK_OFFICE = "back_office"


class Region(enum.StrEnum):
    """The twenty Italian regions, plus abroad for requests from outside Italy."""

    ABRUZZO = "abruzzo"
    BASILICATA = "basilicata"
    CALABRIA = "calabria"
    CAMPANIA = "campania"
    EMILIA_ROMAGNA = "emilia_romagna"
    FRIULI_VENEZIA_GIULIA = "friuli_venezia_giulia"
    LAZIO = "lazio"
    LIGURIA = "liguria"
    LOMBARDIA = "lombardia"
    MARCHE = "marche"
    MOLISE = "molise"
    PIEMONTE = "piemonte"
    PUGLIA = "puglia"
    SARDEGNA = "sardegna"
    SICILIA = "sicilia"
    TOSCANA = "toscana"
    TRENTINO_ALTO_ADIGE = "trentino_alto_adige"
    UMBRIA = "umbria"
    VALLE_D_AOSTA = "valle_d_aosta"
    VENETO = "veneto"
    ABROAD = "abroad"


LABELS_IT: dict[str, str] = {
    "phone": "Numero verde",
    "web_form": "Modulo online",
    "email": "Email",
    "pec": "PEC",
    "fax": "Fax",
    "letter": "Lettera",
    "information": "Richiesta di informazioni",
    "report": "Segnalazione",
    "intervention": "Richiesta di intervento",
    "complaint": "Critica",
    "compliment": "Complimento",
    "offer": "Offerta di beni o servizi",
    "other": "Altro",
    "citizen": "Cittadino",
    "institution": "Istituzione",
    "organisation": "Organizzazione",
    "business": "Impresa",
    "civil_protection": "Servizio nazionale della protezione civile",
    "regional_authority": "Regione",
    "province": "Provincia",
    "prefecture": "Prefettura",
    "municipality": "Comune",
    "fire_brigade": "Vigili del fuoco",
    "police": "Forze dell'ordine",
    "armed_forces": "Forze armate",
    "health_service": "Servizio sanitario",
    "research_institute": "Centro di competenza scientifica (INGV, CNR…)",
    "ministry": "Ministero",
    "volunteer_organisation": "Organizzazione di volontariato",
    "other_body": "Altro ente",
    "open": "Aperta",
    "back_office": "In lavorazione al Back Office",
    "closed": "Chiusa",
    # the regions (Region), with their official names
    "abruzzo": "Abruzzo",
    "basilicata": "Basilicata",
    "calabria": "Calabria",
    "campania": "Campania",
    "emilia_romagna": "Emilia-Romagna",
    "friuli_venezia_giulia": "Friuli-Venezia Giulia",
    "lazio": "Lazio",
    "liguria": "Liguria",
    "lombardia": "Lombardia",
    "marche": "Marche",
    "molise": "Molise",
    "piemonte": "Piemonte",
    "puglia": "Puglia",
    "sardegna": "Sardegna",
    "sicilia": "Sicilia",
    "toscana": "Toscana",
    "trentino_alto_adige": "Trentino-Alto Adige",
    "umbria": "Umbria",
    "valle_d_aosta": "Valle d'Aosta",
    "veneto": "Veneto",
    "abroad": "Estero",
}

LABELS_EN: dict[str, str] = {
    "phone": "Toll-free number",
    "web_form": "Online form",
    "email": "Email",
    "pec": "Certified email (PEC)",
    "fax": "Fax",
    "letter": "Letter",
    "information": "Request for information",
    "report": "Report",
    "intervention": "Request for intervention",
    "complaint": "Complaint",
    "compliment": "Compliment",
    "offer": "Offer of goods or services",
    "other": "Other",
    "citizen": "Citizen",
    "institution": "Institution",
    "organisation": "Organisation",
    "business": "Business",
    "civil_protection": "National civil-protection service",
    "regional_authority": "Region",
    "province": "Province",
    "prefecture": "Prefecture",
    "municipality": "Municipality",
    "fire_brigade": "Fire brigade",
    "police": "Police",
    "armed_forces": "Armed forces",
    "health_service": "Health service",
    "research_institute": "Scientific competence centre (INGV, CNR…)",
    "ministry": "Ministry",
    "volunteer_organisation": "Volunteer organisation",
    "other_body": "Other body",
    "open": "Open",
    "back_office": "Being handled by the Back Office",
    "closed": "Closed",
    # the regions in their English names
    "abruzzo": "Abruzzo",
    "basilicata": "Basilicata",
    "calabria": "Calabria",
    "campania": "Campania",
    "emilia_romagna": "Emilia-Romagna",
    "friuli_venezia_giulia": "Friuli-Venezia Giulia",
    "lazio": "Lazio",
    "liguria": "Liguria",
    "lombardia": "Lombardy",
    "marche": "Marche",
    "molise": "Molise",
    "piemonte": "Piedmont",
    "puglia": "Apulia",
    "sardegna": "Sardinia",
    "sicilia": "Sicily",
    "toscana": "Tuscany",
    "trentino_alto_adige": "Trentino-South Tyrol",
    "umbria": "Umbria",
    "valle_d_aosta": "Aosta Valley",
    "veneto": "Veneto",
    "abroad": "Abroad",
}


def label(code: str, lang: str = "it") -> str:
    """The human label of a vocabulary code in Italian or English."""
    return (LABELS_EN if lang == "en" else LABELS_IT).get(code, code)


def stored_bodies(bodies: Iterable[str]) -> str:
    """Other bodies as the cases table keeps them: sorted codes, each once, joined by commas."""
    return ",".join(sorted({str(body) for body in bodies}))


def bodies_of(stored: str | None) -> list[OtherBody]:
    """The other bodies a stored value names (none for '')."""
    return [OtherBody(code) for code in stored.split(",") if code] if stored else []
