"""Sealed answers and sealed drafts of the referents' consultation.

A submitted answer is sealed under the consultation's *tally public key*: an ephemeral X25519
key agreement, HKDF-SHA256 and AES-256-GCM (the ECIES pattern of RFC 9180's base mode, built
from `cryptography`'s primitives). The private key is never stored: it is derived from the
guardians' passphrase with scrypt (RFC 7914) each time it is needed, and the server keeps only
the salt and the public key. Without the passphrase nobody, the server included, can open an
answer before the tally; with a wrong one, the derived public key does not match and nothing
is opened.

Every sealed answer has the same length (`SEALED_BYTES`), so sizes tell nothing either.

A draft is sealed with AES-256-GCM under a key derived from the referent's link and a random
salt kept beside it: it lives only in the referent's browser, with no readable timestamp.
"""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Mapping

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from case_bridge.storage.errors import Invalid

# An answer of the longest shipped questionnaire with every comment at its maximum length fits
# well within this; a longer one is refused rather than sealed at a telling length.
PADDED_BYTES = 32_768
_EPHEMERAL, _NONCE, _TAG = 32, 12, 16
SEALED_BYTES = _EPHEMERAL + _NONCE + 4 + PADDED_BYTES + _TAG

# scrypt's cost: 2**15 × 8 × 128 bytes = 32 MiB and about 0.1 s per derivation here, paid only at
# creation and at close (RFC 7914 §2 recommends N = 2**14 or more for interactive use).
SCRYPT_N = 2**15
MIN_PASSPHRASE = 12
_ANSWER_INFO = b"ascolto consultation answer v1"
_DRAFT_INFO = b"ascolto consultation draft v1"


class WrongTallyKey(Invalid):
    """The passphrase does not derive the consultation's tally key."""

    def __init__(self) -> None:
        super().__init__(
            "tally_passphrase",
            "this passphrase does not open the consultation's answers; nothing was changed",
        )


class WeakPassphrase(Invalid):
    def __init__(self) -> None:
        super().__init__("tally_passphrase", f"must be at least {MIN_PASSPHRASE} characters")


class AnswerTooLong(Invalid):
    def __init__(self) -> None:
        super().__init__("answers", "the answers are too long to be sealed")


class TallyKey(msgspec.Struct, frozen=True):
    """What the server keeps of a consultation's tally key: the salt and the public key."""

    salt: bytes
    public_key: bytes


def _private_key(passphrase: str, salt: bytes, n: int) -> X25519PrivateKey:
    seed = Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(passphrase.encode())
    return X25519PrivateKey.from_private_bytes(seed)


def _public_bytes(key: X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def new_tally_key(passphrase: str, *, n: int = SCRYPT_N) -> TallyKey:
    """The public half of a new tally key derived from the guardians' passphrase."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise WeakPassphrase()
    salt = os.urandom(16)
    return TallyKey(salt, _public_bytes(_private_key(passphrase, salt, n).public_key()))


def tally_private_key(passphrase: str, key: TallyKey, *, n: int = SCRYPT_N) -> X25519PrivateKey:
    """The private tally key, derived again from the passphrase; `WrongTallyKey` if it is not."""
    private = _private_key(passphrase, key.salt, n)
    if not secrets.compare_digest(_public_bytes(private.public_key()), key.public_key):
        raise WrongTallyKey()
    return private


def _answer_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=_ANSWER_INFO)
    return hkdf.derive(shared)


def _pad(plain: bytes) -> bytes:
    if len(plain) > PADDED_BYTES:
        raise AnswerTooLong()
    return len(plain).to_bytes(4, "big") + plain + bytes(PADDED_BYTES - len(plain))


def seal_answer(public_key: bytes, answers: Mapping[str, object]) -> bytes:
    """Answers sealed under the tally public key, always `SEALED_BYTES` long."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _public_bytes(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    nonce = os.urandom(_NONCE)
    key = _answer_key(shared, ephemeral_public, public_key)
    sealed = AESGCM(key).encrypt(nonce, _pad(msgspec.json.encode(dict(answers))), None)
    return ephemeral_public + nonce + sealed


def open_answer(private_key: X25519PrivateKey, sealed: bytes) -> dict[str, object]:
    """The answers of a sealed answer (raises `InvalidTag` if it was not sealed to this key)."""
    ephemeral_public, nonce = sealed[:_EPHEMERAL], sealed[_EPHEMERAL : _EPHEMERAL + _NONCE]
    shared = private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    key = _answer_key(shared, ephemeral_public, _public_bytes(private_key.public_key()))
    padded = AESGCM(key).decrypt(nonce, sealed[_EPHEMERAL + _NONCE :], None)
    length = int.from_bytes(padded[:4], "big")
    return msgspec.json.decode(padded[4 : 4 + length])


def _draft_key(link_token: str, salt: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_DRAFT_INFO)
    return hkdf.derive(link_token.encode())


def seal_draft(link_token: str, answers: Mapping[str, object]) -> str:
    """A draft for the referent's browser: salt, nonce and ciphertext, URL-safe, no timestamp."""
    salt, nonce = os.urandom(16), os.urandom(_NONCE)
    sealed = AESGCM(_draft_key(link_token, salt)).encrypt(
        nonce, msgspec.json.encode(dict(answers)), None
    )
    return base64.urlsafe_b64encode(salt + nonce + sealed).decode().rstrip("=")


def open_draft(link_token: str, value: str | None) -> dict[str, object]:
    """The answers of a draft cookie (empty when absent, damaged or sealed for another link)."""
    if not value:
        return {}
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        salt, nonce, sealed = raw[:16], raw[16 : 16 + _NONCE], raw[16 + _NONCE :]
        answers = msgspec.json.decode(
            AESGCM(_draft_key(link_token, salt)).decrypt(nonce, sealed, None)
        )
    except (ValueError, InvalidTag, msgspec.DecodeError):
        return {}
    return answers if isinstance(answers, dict) else {}
