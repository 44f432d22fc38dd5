"""Drafts of the long referent questionnaire, readable only with the referent's own link.

The key is derived from the token (which the database never holds), so a saved draft tells an
administrator with the database in hand nothing about what a referent is answering.
"""

from __future__ import annotations

import base64
import hashlib

import msgspec
from cryptography.fernet import Fernet, InvalidToken


def _fernet(token: str) -> Fernet:
    key = hashlib.sha256(f"ascolto-consultation-draft:{token}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(token: str, answers: dict[str, object]) -> str:
    """Answers so far, encrypted and authenticated under the token's key."""
    return _fernet(token).encrypt(msgspec.json.encode(answers)).decode()


def unseal(token: str, sealed: str | None) -> dict[str, object]:
    """The answers of a draft (empty when there is none or it cannot be read)."""
    if not sealed:
        return {}
    try:
        return msgspec.json.decode(_fernet(token).decrypt(sealed.encode()))
    except (InvalidToken, msgspec.DecodeError):
        return {}
