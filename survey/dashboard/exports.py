"""Citizens' answers as a tidy table (CSV or XLSX) with their codebook, for analysis elsewhere.

One row per answer, one column per case attribute and per questionnaire item. No contact data
is ever read: the case code (which opens the public status page) is added only when an
administrator asks, and requesters' emails and phones are not selected at all. The tables are
written by `survey.web.exports`, so a comment such as "=cmd|…" stays text in a spreadsheet.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from analysis.columns import (
    CHANNELS,
    COLLECTION_CHANNELS,
    REQUEST_TYPES,
    REQUESTER_KINDS,
    RESOLUTION_PATHS,
)
from analysis.report import texts
from case_bridge.storage.engines import AscoltoEngine
from case_bridge.topics import topic_labels
from case_bridge.vocabulary import Region
from questionnaires import (
    Item,
    MultipleChoiceItem,
    NumberItem,
    Questionnaire,
    Registry,
    TextItem,
)
from questionnaires.scoring import score_range
from survey.dashboard.subsets import Subset
from survey.feedback.services import QUESTIONNAIRE
from survey.web.exports import Table
from survey.web.forms import choices, item_kind

ANSWERS_SQL = """
SELECT r."case" AS case_id, r."questionnaire_version", r."collection_channel", r."answers"{code}
FROM "feedback_responses" r JOIN "cases" c ON c."id" = r."case"
WHERE c."opened_at" >= ? AND c."opened_at" < ? AND NOT r."re_ask"
ORDER BY r."case"
"""
CASE_COLUMNS = (
    "channel",
    "request_type",
    "topic",
    "region",
    "resolution_path",
    "office",
    "opened_on",
    "closed_on",
    "days_to_close",
    "emergency",
    "requester_kind",
    "other_bodies",
    "collection_channel",
    "questionnaire_version",
)
CODEBOOK_HEADER = ("variable", "description", "type", "value", "label", "scale")
# What each case column is, per language (the items describe themselves: their question).
DESCRIPTIONS = {
    "it": {
        "case_code": "Codice della richiesta (solo su richiesta di un amministratore)",
        "channel": "Canale della richiesta",
        "request_type": "Tipo di richiesta",
        "topic": "Argomento, come registrato dal Contact Center",
        "region": "Regione del richiedente",
        "resolution_path": "Esito: chiusa in Front Office, in Back Office, o ancora aperta",
        "office": "Ufficio del Back Office che ha gestito la richiesta (vuoto: Front Office)",
        "opened_on": "Giorno di apertura (Europe/Rome)",
        "closed_on": "Giorno di chiusura (Europe/Rome)",
        "days_to_close": "Giorni di calendario dall'apertura alla chiusura",
        "emergency": "Aperta durante un periodo di emergenza (1) o no (0)",
        "requester_kind": "Chi ha fatto la richiesta (vuoto: non registrato)",
        "other_bodies": "Back Office coordinato con altri enti (1) o no (0)",
        "collection_channel": "Come è stata raccolta la risposta",
        "questionnaire_version": "Versione del questionario a cui si è risposto",
        "email_link": "Link ricevuto per email",
        "web_link": "Link dalla pagina della richiesta",
        "ivr": "Tastiera del telefono a fine chiamata",
        "operator": "Raccolta da un operatore",
        "0": "No",
        "1": "Sì",
    },
    "en": {
        "case_code": "Code of the request (only when an administrator asks for it)",
        "channel": "Channel of the request",
        "request_type": "Type of request",
        "topic": "Topic, as recorded by the Contact Center",
        "region": "Region of the requester",
        "resolution_path": "Outcome: closed at the Front Office, at the Back Office, or open",
        "office": "Back Office that handled the request (empty: the Front Office)",
        "opened_on": "Day opened (Europe/Rome)",
        "closed_on": "Day closed (Europe/Rome)",
        "days_to_close": "Calendar days from opening to closing",
        "emergency": "Opened during an emergency period (1) or not (0)",
        "requester_kind": "Who made the request (empty: not recorded)",
        "other_bodies": "Back Office coordinated with other bodies (1) or not (0)",
        "collection_channel": "How the answer was collected",
        "questionnaire_version": "Version of the questionnaire answered",
        "email_link": "Link received by email",
        "web_link": "Link from the request's page",
        "ivr": "Phone keypad at the end of the call",
        "operator": "Collected by an operator",
        "0": "No",
        "1": "Yes",
    },
}


def citizen_questionnaires(registry: Registry) -> list[Questionnaire]:
    """Every version of the citizens' questionnaire, oldest first."""
    return sorted(
        (q for q in registry if q.id == QUESTIONNAIRE),
        key=lambda questionnaire: questionnaire.version,
    )


def item_columns(registry: Registry) -> list[Item]:
    """One column per item code over all versions, in the latest version's order first."""
    seen: dict[str, Item] = {}
    for questionnaire in reversed(citizen_questionnaires(registry)):
        for item in questionnaire.items():
            seen.setdefault(item.code, item)
    return list(seen.values())


def _value(value: Any, labels: dict[str, str] | None = None) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "|".join(str(labels.get(str(v), v) if labels else v) for v in value)
    if labels and not isinstance(value, int | float):
        return labels.get(str(value), value)
    return value


def _case_labels(name: str, code: str, lang: str, office_names: Mapping[str, str]) -> str:
    if not code:
        return code
    if name == "office":
        return office_names.get(code, code)
    return texts.level(lang, code, factor=name)


async def answers_table(
    *,
    engine: AscoltoEngine,
    subset: Subset,
    registry: Registry,
    with_codes: bool,
    labels_in: str | None = None,
) -> Table:
    """The answers of the subset's cases, one row each; labels instead of codes in `labels_in`.

    Numbers (scores, days) stay numbers either way, so a labelled file still computes."""
    start, end = subset.filters.period.bounds()
    sql = ANSWERS_SQL.format(code=', c."code"' if with_codes else "")
    bounds = [engine.timestamp_parameter(start), engine.timestamp_parameter(end)]
    responses = await engine.run_sql(sql, bounds)
    columns = subset.data.columns
    row_of = {int(identifier): index for index, identifier in enumerate(columns.case_id)}
    items = item_columns(registry)
    header = answers_header(registry, with_codes=with_codes)
    attributes = {
        name: getattr(columns, name).values()
        for name in (
            "channel",
            "request_type",
            "topic",
            "region",
            "resolution_path",
            "office",
            "requester_kind",
        )
    }
    item_labels: dict[str, dict[str, str] | None] = {item.code: None for item in items}
    collection = None
    if labels_in:
        attributes = {
            name: [
                _case_labels(name, str(code), labels_in, subset.data.office_names)
                for code in values
            ]
            for name, values in attributes.items()
        }
        item_labels = {
            item.code: dict(choices(item, labels_in))
            if not isinstance(item, TextItem | NumberItem)
            else None
            for item in items
        }
        collection = DESCRIPTIONS[labels_in]
    rows = []
    for response in responses:
        index = row_of.get(int(response["case_id"]))
        if index is None:  # a case the filters leave out
            continue
        answers = response["answers"]
        if isinstance(answers, str | bytes):
            answers = json.loads(answers)
        days = columns.days_to_close[index]
        closed = columns.closed_at[index]
        row = [response["code"]] if with_codes else []
        row += [attributes[name][index] for name in CASE_COLUMNS[:6]]
        channel = response["collection_channel"]
        row += [
            columns.opened_at[index].astype("datetime64[D]").item(),
            "" if np.isnat(closed) else closed.astype("datetime64[D]").item(),
            "" if np.isnan(days) else int(days),
            int(columns.in_emergency[index]),
            attributes["requester_kind"][index],
            int(columns.other_bodies[index]),
            collection.get(channel, channel) if collection else channel,
            response["questionnaire_version"],
        ]
        row += [_value((answers or {}).get(item.code), item_labels[item.code]) for item in items]
        rows.append(row)
    return Table(header, rows, title="answers")


def _vocabulary_rows(lang: str) -> Iterator[tuple[str, str, str, str, str, str]]:
    words = DESCRIPTIONS[lang]
    described = [
        ("case_code", "text", ()),
        ("channel", "category", CHANNELS),
        ("request_type", "category", REQUEST_TYPES),
        # The vocabulary's topics (case_bridge/topics.csv); one it does not know yet is
        # exported as typed, and the R script keeps it as its own level.
        ("topic", "category", tuple(topic_labels())),
        ("region", "category", tuple(Region)),
        ("resolution_path", "category", RESOLUTION_PATHS),
        ("office", "text", ()),
        ("opened_on", "date", ()),
        ("closed_on", "date", ()),
        ("days_to_close", "integer", ()),
        ("emergency", "0/1", ("0", "1")),
        ("requester_kind", "category", REQUESTER_KINDS),
        ("other_bodies", "0/1", ("0", "1")),
        ("collection_channel", "category", COLLECTION_CHANNELS),
        ("questionnaire_version", "integer", ()),
    ]
    for name, kind, levels in described:
        description = words[name]
        if not levels:
            yield (name, description, kind, "", "", "")
        for level in levels:
            factor = "region" if name == "region" else name
            label = (
                words[str(level)]
                if name in ("emergency", "other_bodies", "collection_channel")
                else texts.level(lang, str(level), factor=factor)
            )
            yield (name, description, kind, str(level), label, "")


def _item_rows(item: Item, lang: str) -> Iterator[tuple[str, str, str, str, str, str]]:
    kind = item_kind(item)
    bounds = score_range(item)
    scale = ", ".join(item.scales)
    if bounds is not None:
        scale = f"{bounds[0]:g}–{bounds[1]:g}" + (f" ({scale})" if scale else "")
    if item.reverse:
        scale += " reverse"
    text = item.text.get(lang)
    if isinstance(item, TextItem | NumberItem):
        yield (item.code, text, kind, "", "", scale)
        return
    if isinstance(item, MultipleChoiceItem):
        kind += " (values joined by |)"
    for value, label in choices(item, lang):
        yield (item.code, text, kind, value, label, scale)


def codebook_table(registry: Registry, lang: str) -> Table:
    """Every column of the answers table: what it is, its type, its values and their labels."""
    rows = list(_vocabulary_rows(lang))
    for item in item_columns(registry):
        rows += _item_rows(item, lang)
    return Table(CODEBOOK_HEADER, rows, title="codebook")


def answers_header(registry: Registry, *, with_codes: bool = False) -> list[str]:
    """The columns of the answers table, in order."""
    items = [item.code for item in item_columns(registry)]
    return (["case_code"] if with_codes else []) + list(CASE_COLUMNS) + items
