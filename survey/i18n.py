"""Language of a page: Italian by default, English on request (?lang=en or Accept-Language)."""

from __future__ import annotations

from jinja2 import pass_context
from jinja2.runtime import Context
from litestar import Request

from case_bridge.vocabulary import label as vocabulary_label

LANGUAGES = ("it", "en")
DEFAULT = "it"

MESSAGES: dict[str, dict[str, str]] = {
    "it": {
        "site": "Contact Center del Dipartimento della Protezione Civile",
        "case_status": "Stato della richiesta",
        "code": "Codice",
        "status": "Stato",
        "opened_on": "Aperta il",
        "closed_on": "Chiusa il",
        "not_found_title": "Pagina non trovata",
        "not_found": "Non abbiamo trovato quello che cerchi. Controlla il codice o il link.",
        "error_title": "Si è verificato un errore",
        "skip": "Vai al contenuto",
        "other_language": "English",
    },
    "en": {
        "site": "Contact Center of the Civil Protection Department",
        "case_status": "Status of the request",
        "code": "Code",
        "status": "Status",
        "opened_on": "Opened on",
        "closed_on": "Closed on",
        "not_found_title": "Page not found",
        "not_found": "We could not find what you are looking for. Check the code or the link.",
        "error_title": "Something went wrong",
        "skip": "Skip to content",
        "other_language": "Italiano",
    },
}


def language(request: Request) -> str:
    """The page language: ?lang= first, then the browser's Accept-Language, else Italian."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    return preferred(request.headers.get("accept-language", ""))


def preferred(header: str) -> str:
    """The best of our languages in an Accept-Language header (by q-value, then order)."""
    choices = []
    for position, part in enumerate(header.split(",")):
        tag, _, parameters = part.strip().partition(";")
        quality = 1.0
        if parameters.strip().startswith("q="):
            try:
                quality = float(parameters.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            choices.append((-quality, position, primary))
    return min(choices)[2] if choices else DEFAULT


def translator(lang: str):
    """A function from message key to text in `lang`."""
    messages = MESSAGES[lang]
    return lambda key: messages.get(key, key)


@pass_context
def template_language(context: Context) -> str:
    """`lang()` in a template: the language of the request being answered."""
    return language(context["request"])


@pass_context
def template_text(context: Context, key: str) -> str:
    """`t("key")` in a template: a message in the request's language."""
    return MESSAGES[language(context["request"])].get(key, key)


TEMPLATE_GLOBALS = {"lang": template_language, "t": template_text}


@pass_context
def template_label(context: Context, code: str) -> str:
    """`label(code)` in a template: a channel, type or status in the request's language."""
    return vocabulary_label(str(code), language(context["request"]))


TEMPLATE_GLOBALS["label"] = template_label
