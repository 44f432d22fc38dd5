"""Invitation tokens: HMAC(secret key, nonce). Only the nonce and the token's hash are stored,
so a working link exists only in the email, rebuilt with the secret key when it is sent."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

NONCE_BYTES = 16  # 128 bits from `secrets`; the token adds the secret key's entropy on top


def new_nonce() -> str:
    """A fresh random nonce, as hex."""
    return secrets.token_hex(NONCE_BYTES)


def token_for(secret_key: str, purpose: str, nonce: str) -> str:
    """The URL-safe token of an invitation (purpose keeps feedback and consultation apart)."""
    digest = hmac.new(secret_key.encode(), f"{purpose}:{nonce}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def hash_token(token: str) -> str:
    """What the database keeps of a token."""
    return hashlib.sha256(token.encode()).hexdigest()
