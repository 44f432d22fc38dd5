"""Dates and numbers as each page language writes them, through Babel's CLDR data."""

from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

# English pages use British conventions (1 December 2026, not December 1, 2026): the
# department writes its English the European way, as the management report already does.
LOCALES = {"it": Locale.parse("it_IT"), "en": Locale.parse("en_GB")}


def _locale(lang: str) -> Locale:
    return LOCALES.get(lang, LOCALES["it"])


def day(value: date | str, lang: str) -> str:
    """A calendar day in words: 1 dicembre 2026 / 1 December 2026 (ISO text accepted)."""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return format_date(value, format="long", locale=_locale(lang))


def month(value: str, lang: str) -> str:
    """A month given as `2012-05` in words: maggio 2012 / May 2012."""
    year, number = value.split("-")
    return format_date(date(int(year), int(number), 1), format="LLLL y", locale=_locale(lang))


# A pattern's "#,##0.00" and "%" are placeholders: Babel writes the language's own grouping,
# decimal and percent signs in their place (1.234,50 / 1,234.50). Only the count of decimals is
# fixed here; both languages' CLDR percent pattern is "#,##0%", which these follow.
def _decimals(digits: int) -> str:
    return "#,##0" + ("." + "0" * digits if digits else "")


def decimal(value: float, lang: str, digits: int = 2) -> str:
    """A number with `digits` decimals: 3,45 / 3.45."""
    return format_decimal(value, format=_decimals(digits), locale=_locale(lang))


def percent(share: float, lang: str, digits: int = 0) -> str:
    """A share in 0..1 as a percentage with `digits` decimals: 72,3% / 72.3%."""
    return format_percent(share, format=_decimals(digits) + "%", locale=_locale(lang))
