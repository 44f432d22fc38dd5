"""Language of a page and its messages, from the gettext catalogues in `survey/web/locale`.

Italian by default, English on request (?lang=en or Accept-Language). The catalogues use
symbolic message ids (`dash_csat`): the Italian and the English texts are both translations
(msgstr), so a translator reads and edits each in a standard tool (Poedit, or Weblate's
"monolingual gettext" with en.po as the base). README, "Translations", tells how to extract
the messages from the code and templates and update the catalogues.
"""

from __future__ import annotations

import functools
import io
from datetime import date
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from litestar import Request
from litestar.datastructures import Cookie
from litestar.types import Message, Scope
from markupsafe import Markup

from case_bridge.vocabulary import label as vocabulary_label
from survey.web import formats

LANGUAGES = ("it", "en")
DEFAULT = "it"

LOCALE_DIRECTORY = Path(__file__).parent / "locale"
DOMAIN = "messages"


def catalogue_path(lang: str) -> Path:
    """The .po file of one language."""
    return LOCALE_DIRECTORY / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def catalogue(lang: str) -> Catalog:
    """One language's catalogue as Babel reads it from its .po file."""
    with catalogue_path(lang).open("rb") as po:
        return read_po(po, locale=lang, domain=DOMAIN)


# Compiled here, in memory, rather than committed as .mo files: a committed .mo is a second copy
# of the catalogue that silently disagrees with its .po after an edit until someone recompiles,
# while the .po is what translators and reviewers read. Compiling the few hundred messages takes
# milliseconds, once per process. Fuzzy entries are left out, as msgfmt does.
@functools.cache
def translations(lang: str) -> Translations:
    """One language's compiled translations (Italian for a language we do not have)."""
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(lang if lang in LANGUAGES else DEFAULT))
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def translate(lang: str, msgid: str, **values: object) -> str:
    """The message `msgid` in `lang`, its %(name)s placeholders filled from `values`."""
    # Always formatted, as Jinja's new-style gettext does, so "%%" means "%" everywhere.
    return translations(lang).gettext(msgid) % values


def translate_plural(lang: str, singular: str, plural: str, count: int, **values: object) -> str:
    """The form of a message that suits `count`; `%(num)s` is the count unless given."""
    values.setdefault("num", count)
    return translations(lang).ngettext(singular, plural, count) % values


# `N_` is gettext's conventional name for this mark (gettext_noop): extraction knows it.
def N_(msgid: str) -> str:
    """Mark a message id kept for a later lookup, so that extraction finds it."""
    return msgid


LANGUAGE_COOKIE = "lang"
_A_YEAR = 365 * 24 * 3600


def language(request: Request) -> str:
    """The page language: ?lang= first, then the language chosen before (a cookie), then the
    browser's Accept-Language, else Italian."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(LANGUAGE_COOKIE)
    if remembered in LANGUAGES:
        return remembered
    return preferred(request.headers.get("accept-language", ""))


def remembered_language(request: Request) -> list[Cookie]:
    """The cookie that keeps a language asked for with ?lang= on the next visit (a link
    opened from an email again, or one a page wrote without ?lang=); none when nothing was
    asked."""
    asked = request.query_params.get("lang")
    if asked not in LANGUAGES or request.cookies.get(LANGUAGE_COOKIE) == asked:
        return []
    # Not a secret and not a credential: readable, sent on every path, kept for a year.
    return [Cookie(key=LANGUAGE_COOKIE, value=asked, path="/", max_age=_A_YEAR, samesite="lax")]


async def remember_language(message: Message, scope: Scope) -> None:
    """A `before_send` hook: every page answering a ?lang= request keeps that language for
    the pages after it, whichever link or form leads there."""
    if message["type"] != "http.response.start" or scope["type"] != "http":
        return
    if b"lang=" not in scope.get("query_string", b""):
        return
    headers = message.get("headers", [])
    if not any(name == b"content-type" and kind.startswith(b"text/html") for name, kind in headers):
        return
    if any(name == b"set-cookie" and value.startswith(b"lang=") for name, value in headers):
        return  # the page set it itself
    message["headers"] = [
        *headers,
        *(cookie.to_encoded_header() for cookie in remembered_language(Request(scope))),
    ]


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


def _page_language(context: Context) -> str:
    # A page whose address names its language (`/transparency`) sets `page_language`.
    return context.get("page_language") or language(context["request"])


# One template environment serves every request, so the gettext callables are installed once
# and read the language from the request being rendered, instead of being swapped per request
# (which would race between concurrent requests). Jinja passes them the context because they
# are marked `pass_context`.
@pass_context
def _gettext(context: Context, message: str) -> str:
    return translations(_page_language(context)).gettext(message)


@pass_context
def _ngettext(context: Context, singular: str, plural: str, count: int) -> str:
    return translations(_page_language(context)).ngettext(singular, plural, count)


@pass_context
def _pgettext(context: Context, message_context: str, message: str) -> str:
    return str(translations(_page_language(context)).pgettext(message_context, message))


@pass_context
def _npgettext(
    context: Context, message_context: str, singular: str, plural: str, count: int
) -> str:
    lang = _page_language(context)
    return translations(lang).npgettext(message_context, singular, plural, count)


@pass_context
def _template_language(context: Context) -> str:
    """`lang()` in a template: the language of the request being answered."""
    return _page_language(context)


@pass_context
def _template_label(context: Context, code: str) -> str:
    """`label(code)` in a template: a channel, type or status in the request's language."""
    return vocabulary_label(str(code), _page_language(context))


@pass_context
def _template_day(context: Context, value: date | str) -> Markup:
    """`day(value)`: the date in words, its ISO form in a <time> for machines."""
    iso = value if isinstance(value, str) else value.isoformat()
    written = formats.day(value, _page_language(context))
    return Markup('<time datetime="{}">{}</time>').format(iso, written)


@pass_context
def _template_month(context: Context, value: str) -> str:
    """`month("2012-05")`: the month in words."""
    return formats.month(value, _page_language(context))


@pass_context
def _template_decimal(context: Context, value: float, digits: int = 2) -> str:
    """`decimal(value, digits=2)`: the number with the language's separators."""
    return formats.decimal(value, _page_language(context), digits)


@pass_context
def _template_percent(context: Context, share: float, digits: int = 0) -> str:
    """`percent(share, digits=0)`: a share in 0..1 as the language writes a percentage."""
    return formats.percent(share, _page_language(context), digits)


def install(environment: Environment) -> None:
    """Give the templates `_()`, `{% trans %}` and the helpers, in each request's language."""
    for lang in LANGUAGES:
        translations(lang)  # a catalogue that cannot be read stops start-up, not a page
    environment.add_extension("jinja2.ext.i18n")
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        _gettext, _ngettext, newstyle=True, pgettext=_pgettext, npgettext=_npgettext
    )
    environment.globals.update(
        lang=_template_language,
        label=_template_label,
        day=_template_day,
        month=_template_month,
        decimal=_template_decimal,
        percent=_template_percent,
    )
