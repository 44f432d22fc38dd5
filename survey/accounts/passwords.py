"""Password hashing with argon2id; hashing runs in a thread so the event loop keeps serving."""

from __future__ import annotations

import asyncio
import functools
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MINIMUM_LENGTH = 12

# argon2-cffi's defaults (RFC 9106's low-memory profile); raising them later makes
# `needs_rehash` true for older hashes, which are then replaced at the next good login.
HASHER = PasswordHasher()


async def hash_password(password: str) -> str:
    """The argon2id hash of `password`."""
    return await asyncio.to_thread(HASHER.hash, password)


async def verify_password(password_hash: str, password: str) -> bool:
    """Whether `password` matches `password_hash` (False for a malformed hash)."""
    return await asyncio.to_thread(_verify, password_hash, password)


class _Counter:
    """How many password checks this process has made (tests count them to prove the lock-out
    refuses before checking)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.value = 0

    def add(self) -> None:
        with self._lock:
            self.value += 1


CHECKS = _Counter()


def _verify(password_hash: str, password: str) -> bool:
    CHECKS.add()
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than the current ones."""
    try:
        return HASHER.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


async def waste_a_verification() -> None:
    """Spend the time of one verification, so an unknown name answers as slowly as a known one."""
    await verify_password(_dummy_hash(), "not the password")


@functools.cache
def _dummy_hash() -> str:
    return HASHER.hash("a password nobody has")
