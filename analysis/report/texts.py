"""The report's words in Italian (the default) and English, and number formatting per language."""

from __future__ import annotations

import math
from datetime import date

from analysis import Estimate
from analysis.report import words_en, words_it
from case_bridge.topics import topic_label
from case_bridge.vocabulary import label as vocabulary_label

LANGUAGES = ("it", "en")
_WORDS = {"it": words_it, "en": words_en}
TEXTS: dict[str, dict[str, str]] = {lang: module.WORDS for lang, module in _WORDS.items()}
LEVELS: dict[str, dict[str, str]] = {lang: module.LEVELS for lang, module in _WORDS.items()}
NOTES: dict[str, dict[str, str]] = {lang: module.NOTES for lang, module in _WORDS.items()}
TOPICS: dict[str, dict[str, str]] = {lang: module.TOPICS for lang, module in _WORDS.items()}


def text(lang: str, key: str, **values: object) -> str:
    """A sentence of the report in `lang`, with its placeholders filled."""
    return TEXTS[lang][key].format(**values)


def counted(lang: str, key: str, count: int, **values: object) -> str:
    """The sentence that suits `count`: `key_one` for one (both languages' only singular)."""
    chosen = f"{key}_one" if count == 1 and f"{key}_one" in TEXTS[lang] else key
    return text(lang, chosen, count=count, **values)


def level(lang: str, code: str, *, factor: str = "") -> str:
    """The human name of a category (channel, request type, path, band, region…)."""
    if factor in ("channel", "request_type", "requester_kind") and code:
        return vocabulary_label(code, lang)
    if factor == "resolved":  # the answer to "was your request resolved?"
        return LEVELS[lang][f"resolved_{code}"]
    if code in LEVELS[lang]:
        return LEVELS[lang][code]
    if factor == "region":  # in the language's own names: Sicilia, Sicily
        return vocabulary_label(code, lang) if code else LEVELS[lang][""]
    if factor == "topic":
        # A topic of the vocabulary by its label; one it does not know, made readable.
        label = topic_label(code, lang)
        return humanised(code) if label == code else label
    if factor == "office":
        return humanised(code)  # the report's Context gives the office's stored name first
    return TEXTS[lang].get(code, code.replace("_", " "))


def humanised(code: str) -> str:
    """A code nobody named in words, readable at least: `allerte_meteo` as `Allerte meteo`."""
    words = code.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else code


def number(lang: str, value: float | None, digits: int = 1) -> str:
    """A number with the language's decimal and thousands separators."""
    if value is None or not math.isfinite(value):
        return TEXTS[lang]["not_available"]
    written = f"{value:,.{digits}f}"
    if lang == "it":
        written = written.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return written


def count(lang: str, value: int) -> str:
    """A whole number with thousands separators."""
    return number(lang, value, 0)


def percent(lang: str, share: float | None, digits: int = 1) -> str:
    """A share in 0..1 as a percentage."""
    return (
        TEXTS[lang]["not_available"] if share is None else f"{number(lang, 100 * share, digits)} %"
    )


def p_value(lang: str, p: float | None) -> str:
    """A p-value as it is usually written: p < 0.001 for tiny ones."""
    if p is None:
        return TEXTS[lang]["not_available"]
    return f"< {number(lang, 0.001, 3)}" if p < 0.001 else number(lang, p, 3)


def day(lang: str, value: date) -> str:
    """A date in words: 23 settembre 2011 / 23 September 2011."""
    if lang == "it":
        return f"{value.day} {words_it.MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {words_en.MONTHS[value.month - 1]} {value.year}"


def estimate(
    lang: str, value: Estimate | None, *, scale: float = 1.0, digits: int = 1, unit: str = ""
) -> str:
    """A point estimate with its 95 % interval when it has one: 72,3 % (IC 95 % 70,1–74,4 %)."""
    if value is None or value.estimate is None:
        return TEXTS[lang]["not_available"]
    point = number(lang, value.estimate * scale, digits) + unit
    if value.low is None or value.high is None:
        return point
    low, high = (number(lang, bound * scale, digits) for bound in (value.low, value.high))
    return f"{point} ({TEXTS[lang]['interval']} {low}–{high}{unit})"


def share(lang: str, value: Estimate | None) -> str:
    """A share estimate as a percentage with its interval."""
    return estimate(lang, value, scale=100, unit=" %")


def points(lang: str, value: float, low: float, high: float) -> str:
    """A difference in percentage points with its interval: −4,2 punti (IC 95 % −6,0…−2,4)."""
    unit = TEXTS[lang]["points_unit"]
    signed = [
        ("+" if x > 0 else "") + number(lang, x, 1).replace("-", "−") for x in (value, low, high)
    ]
    return f"{signed[0]} {unit} ({TEXTS[lang]['interval']} {signed[1]}…{signed[2]})"


def p_clause(lang: str, p: float | None, letter: str = "p") -> str:
    """`p = 0,034` or `p < 0,001`; `letter` q for a Benjamini-Hochberg adjusted p."""
    written = p_value(lang, p)
    return f"{letter} {written}" if written.startswith("<") else f"{letter} = {written}"


def note(lang: str, reason: str) -> str:
    """Why a test could not be run, in the report's language."""
    return NOTES[lang].get(reason, reason)
