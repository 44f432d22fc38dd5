"""The fixed vocabularies of the case tracker: channels, request types, statuses, regions."""

from __future__ import annotations

import enum


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
    "open": "Aperta",
    "back_office": "In lavorazione al Back Office",
    "closed": "Chiusa",
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
    "open": "Open",
    "back_office": "Being handled by the Back Office",
    "closed": "Closed",
}


def label(code: str, lang: str = "it") -> str:
    """The human label of a vocabulary code in Italian or English."""
    return (LABELS_EN if lang == "en" else LABELS_IT).get(code, code)
