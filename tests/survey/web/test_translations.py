"""The gettext catalogues: both languages complete, in step with the code, and Babel's formats."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg

from survey.web import formats
from survey.web.i18n import LANGUAGES, catalogue, translate, translate_plural

ROOT = Path(__file__).parents[3]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _messages(catalog: Catalog) -> dict[str, Message]:
    """The catalogue's entries by message id (a plural entry by its singular id)."""
    return {_ids(message)[0]: message for message in catalog if message.id}


def _ids(message: Message) -> tuple[str, ...]:
    """(msgid,), or (msgid, msgid_plural) for a plural entry."""
    return tuple(message.id) if message.pluralizable else (message.id,)


def _forms(message: Message) -> tuple[str, ...]:
    return tuple(message.string) if message.pluralizable else (message.string,)


def _extracted() -> dict[str, tuple[str, ...]]:
    """Every message the code and templates ask for, found as `pybabel extract` finds them."""
    config = (ROOT / "babel.cfg").read_text(encoding="utf-8")
    method_map, options_map = parse_mapping_cfg(io.StringIO(config))
    # The keywords of the documented command, so that the command and this test cannot differ.
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(re.findall(r"-k (\S+)", config))}
    found: dict[str, tuple[str, ...]] = {}
    for filename, _, message, _, _ in extract_from_dir(ROOT, method_map, options_map, keywords):
        ids = message if isinstance(message, tuple) else (message,)
        found.setdefault(ids[0], ids)
        assert found[ids[0]] == ids, f"{filename}: {ids[0]} asked for in two shapes"
    return found


def test_both_languages_have_every_message_with_a_text():
    italian, english = (_messages(catalogue(lang)) for lang in LANGUAGES)
    assert italian.keys() == english.keys()
    for msgid in italian:
        for lang, messages in zip(LANGUAGES, (italian, english), strict=True):
            message = messages[msgid]
            assert not message.fuzzy, f"{lang}: {msgid} is fuzzy (compiling leaves it out)"
            assert all(form.strip() for form in _forms(message)), f"{lang}: {msgid} has no text"


def test_both_languages_fill_in_the_same_values():
    italian, english = (_messages(catalogue(lang)) for lang in LANGUAGES)
    for msgid, message in italian.items():
        forms = _forms(message) + _forms(english[msgid])
        italian_names = {name for form in _forms(message) for name in PLACEHOLDER.findall(form)}
        english_names = {
            name for form in _forms(english[msgid]) for name in PLACEHOLDER.findall(form)
        }
        assert italian_names == english_names, msgid
        for form in forms:
            form % dict.fromkeys(italian_names, "")  # a lone "%" (not "%%") would raise here


def test_every_message_in_the_code_and_templates_is_in_both_catalogues_and_no_other():
    extracted = _extracted()
    for lang in LANGUAGES:
        messages = _messages(catalogue(lang))
        assert extracted.keys() - messages.keys() == set(), f"missing from {lang}"
        # An entry no code asks for would be made obsolete by `pybabel update`: a key built at
        # run time ("state_" + code) must be written out somewhere (N_ or a template macro).
        assert messages.keys() - extracted.keys() == set(), f"not found in the code ({lang})"
        for msgid, ids in extracted.items():
            assert _ids(messages[msgid]) == ids, f"{msgid}: plural in one place only ({lang})"


def test_messages_in_python_fill_in_values_and_choose_the_plural():
    assert translate("it", "fewer_than_k", k=5) == "meno di 5 risposte"
    assert translate("en", "dash_interval") == "95 % CI"
    assert translate_plural("it", "answers_count", "answers_count_plural", 1) == "1 risposta."
    assert translate_plural("it", "answers_count", "answers_count_plural", 13) == "13 risposte."
    assert translate_plural("en", "answers_count", "answers_count_plural", 1) == "1 answer."
    assert translate_plural("en", "answers_count", "answers_count_plural", 2) == "2 answers."
    assert translate("en", "state_open") == "Open"


@pytest.mark.parametrize(
    ("lang", "day", "decimal", "percent"),
    [
        ("it", "1 dicembre 2026", "1.234,50", "72,3%"),
        ("en", "1 December 2026", "1,234.50", "72.3%"),
    ],
)
def test_dates_and_numbers_as_each_language_writes_them(lang, day, decimal, percent):
    assert formats.day(date(2026, 12, 1), lang) == day
    assert formats.day("2026-12-01", lang) == day
    assert formats.decimal(1234.5, lang) == decimal
    assert formats.percent(0.7234, lang, digits=1) == percent
