"""Personal data masked in citizens' comments before management reads or exports them.

People write their phone number, email address, tax code or bank account into a comment
despite the form's warning; a reader of the dashboard, the report or an export needs the
comment's sense, not those. Recognised, each with a check that keeps ordinary text intact:
email addresses; IBANs (ISO 13616 check digits, mod 97); Italian tax codes (the codice
fiscale's check character, DM 23/12/1976, omocodia included); case codes; and Italian phone
numbers (mobile 3xx, landline 0x, or written with +39/0039), never a date, a toll-free or
emergency number, an amount or a year. Names are not recognised: no rule tells a surname from
an ordinary word, which is why comments are also deleted after their retention period, and
why the original is only ever shown to an administrator (`ascolto privacy export`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

EMAIL_MARK = "[email]"
IBAN_MARK = "[IBAN]"
TAX_CODE_MARK = "[codice fiscale]"
CASE_MARK = "[pratica]"
PHONE_MARK = "[telefono]"
MARKS = (EMAIL_MARK, IBAN_MARK, TAX_CODE_MARK, CASE_MARK, PHONE_MARK)

_EMAIL = re.compile(r"(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# Two letters, two check digits, then 11-30 letters or digits, in groups a person may space.
_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}\b")
# Letters where letters go; digits, or their omocodia letters (L M N P Q R S T U V), where
# digits go; the month letter; the check character.
_DIGIT = "[0-9LMNPQRSTUVlmnpqrstuv]"
_TAX_CODE = re.compile(
    rf"\b[A-Za-z]{{6}}{_DIGIT}{{2}}[ABCDEHLMPRSTabcdehlmprst]{_DIGIT}{{2}}[A-Za-z]{_DIGIT}{{3}}"
    r"[A-Za-z]\b"
)
_CASE_CODE = re.compile(r"\bCC-\d{4}-\d{6}\b", re.IGNORECASE)
# A run of digits with the separators people type in a phone number, optionally after +39.
_PHONE = re.compile(r"(?<![\w+/.,-])(?:\+|00)?\d[\d ./()-]{4,18}\d(?![\w/]|[.,]\d)")
_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")

# The codice fiscale's check character: the value of each of the first 15 characters, by
# odd (1st, 3rd, ...) or even position, summed modulo 26.
_ODD = dict(
    zip(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
         2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23],
        strict=True,
    )
)  # fmt: skip
_EVEN = {char: (int(char) if char.isdigit() else ord(char) - ord("A")) for char in _ODD}
IBAN_LENGTHS = {"IT": 27, "SM": 27, "VA": 22, "DE": 22, "FR": 27, "ES": 24, "CH": 21, "AT": 20}


def tax_code_is_valid(code: str) -> bool:
    """Whether the 16th character of a codice fiscale is the check character of the 15 before."""
    code = code.upper()
    if len(code) != 16 or not code.isalnum():
        return False
    total = sum((_ODD if n % 2 == 0 else _EVEN)[char] for n, char in enumerate(code[:15]))
    return chr(ord("A") + total % 26) == code[15]


def iban_is_valid(iban: str) -> bool:
    """ISO 13616: the country's length (where known) and the mod-97 check."""
    iban = iban.replace(" ", "").upper()
    if not 15 <= len(iban) <= 34 or not iban.isalnum():
        return False
    if IBAN_LENGTHS.get(iban[:2], len(iban)) != len(iban):
        return False
    digits = "".join(str(int(char, 36)) for char in iban[4:] + iban[:4])
    return int(digits) % 97 == 1


def is_phone_number(written: str) -> bool:
    """An Italian phone number as people write it: not a date, nor an amount or a year."""
    if _DATE.match(written.strip()):
        return False
    digits = re.sub(r"\D", "", written)
    prefixed = written.startswith(("+", "00"))
    if prefixed:
        digits = digits.removeprefix("00").removeprefix("39")
        return 6 <= len(digits) <= 11
    # Toll-free and shared-cost numbers (800, 803, 840...) are the services', not a person's.
    if digits.startswith(("80", "84", "89")):
        return False
    if digits.startswith("3"):
        return 9 <= len(digits) <= 10
    return digits.startswith("0") and 6 <= len(digits) <= 11


def _replace(pattern: re.Pattern[str], mark: str, accept: Callable[[str], bool]):
    def step(text: str) -> str:
        return pattern.sub(lambda m: mark if accept(m.group()) else m.group(), text)

    return step


def _ibans_masked(text: str) -> str:
    """IBANs, however spaced: the candidate may run on into the next word ("IT60… per"), so
    the IBAN is its first characters up to the country's length (or the longest valid)."""

    def replace(match: re.Match[str]) -> str:
        written = match.group()
        for end in range(len(written), 0, -1):
            head = written[:end]
            if (end == len(written) or written[end] == " ") and iban_is_valid(head):
                return IBAN_MARK + written[end:]
        return written

    return _IBAN.sub(replace, text)


_STEPS = (
    # Emails first: their local part may hold digits or a code; IBANs before phone numbers,
    # whose digits they contain.
    _replace(_EMAIL, EMAIL_MARK, lambda _: True),
    _ibans_masked,
    _replace(_TAX_CODE, TAX_CODE_MARK, tax_code_is_valid),
    _replace(_CASE_CODE, CASE_MARK, lambda _: True),
    _replace(_PHONE, PHONE_MARK, is_phone_number),
)


def mask(text: str) -> str:
    """The comment with every recognised personal datum replaced by a mark saying its kind."""
    for step in _STEPS:
        text = step(text)
    return text
