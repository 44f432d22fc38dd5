"""Twelve referents answer a consultation in a known order, with reminders between answers; and
what an insider holding every copy and every key would read: every stored value, the database
files (SQLite) or a dump (PostgreSQL), the settings' keys."""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from case_bridge.storage.engines import parse_database_url
from survey.consultations.sealing import TallyKey, WrongTallyKey, open_answer, tally_private_key
from survey.db import all_tables
from survey.web.tokens import hash_token
from tests.conftest import BRIDGE_KEY, SECRET_KEY
from tests.factories import HEADERS
from tests.survey.consultations.helpers import (
    answer_all,
    create,
    form_answers,
    manager,
    open_and_mail,
)

# Invited per office, and the area each belongs to.
OFFICES = {
    "emergenze": ("operazioni", 6),
    "volontariato": ("operazioni", 3),
    "formazione": ("operazioni", 3),
    "comunicazione": ("relazioni", 3),
}
# Who answers, in this order: 5 of emergenze, 3 of volontariato, 2 of formazione, 2 of
# comunicazione, interleaved; a reminder goes out after every third answer.
ORDER = [
    ("emergenze", 0),
    ("volontariato", 0),
    ("comunicazione", 0),
    ("emergenze", 1),
    ("formazione", 0),
    ("emergenze", 2),
    ("volontariato", 1),
    ("comunicazione", 1),
    ("emergenze", 3),
    ("formazione", 1),
    ("volontariato", 2),
    ("emergenze", 4),
]
REMIND_EVERY = 3
THRESHOLD = 5


def marker(run: str, n: int) -> str:
    """The unique comment of the n-th answer sent in a run: finds it in any byte string (the
    run's tag keeps earlier tests' answers in the same database file from matching)."""
    return f"risposta-{run}-numero-{n:02d}"


@dataclass
class Answered:
    consultation_id: int
    headers: dict[str, str]
    tokens: list[str]  # every link's token, answered or not
    order: list[str]  # the markers in the order the answers were sent


async def twelve_answers(client, cli, smtp_settings, inbox) -> Answered:
    for office, (area, count) in OFFICES.items():
        created = await client.post(
            "/api/offices", json={"code": office, "name": office, "area": area}, headers=HEADERS
        )
        assert created.status_code == 201, created.text
        for n in range(count):
            response = await client.post(
                f"/api/offices/{office}/referents",
                json={"name": f"Referente {n}", "email": f"{office}.{n}@protezionecivile.invalid"},
                headers=HEADERS,
            )
            assert response.status_code == 201, response.text
    headers = await manager(client, cli)
    consultation = await create(client, headers, threshold=THRESHOLD)
    links = await open_and_mail(client, headers, consultation["id"], smtp_settings, inbox)
    order = []
    run = secrets.token_hex(4)
    for n, (office, number) in enumerate(ORDER):
        answers = form_answers(office=office, level=1 + n % 5)
        answers = {
            code: (marker(run, n) if value.startswith("Suggerimento") else value)
            for code, value in answers.items()
        }
        await answer_all(client, links[f"{office}.{number}@protezionecivile.invalid"], answers)
        order.append(marker(run, n))
        if (n + 1) % REMIND_EVERY == 0 and n + 1 < len(ORDER):
            reminded = await client.post(
                f"/api/manage/consultations/{consultation['id']}/reminders", headers=headers
            )
            assert reminded.status_code == 200, reminded.text
    tokens = [path.removeprefix("/c/") for path in links.values()]
    return Answered(consultation["id"], headers, tokens, order)


async def every_stored_row(engine) -> dict[str, list[dict]]:
    """Every column of every row of every table."""
    return {
        table._meta.tablename: await engine.run_sql(f'SELECT * FROM "{table._meta.tablename}"')
        for table in all_tables()
    }


def as_bytes(value: object) -> bytes:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    return str(value).encode()


def database_files(database_url: str) -> bytes:
    """SQLite: the bytes of the database file and its write-ahead log, as a copy would hold.

    Read by another process: closing a file this process opened would drop every POSIX lock
    the process's SQLite connections hold on it, and another process (a test's server) would
    then take itself for the last user of the database, and delete the write-ahead log that
    this process's connections still write to."""
    path = Path(parse_database_url(database_url)[1]["path"])
    wal = path.with_name(path.name + "-wal")
    files = [str(path)] + ([str(wal)] if wal.exists() else [])
    return subprocess.run(["cat", *files], capture_output=True, check=True).stdout


def pg_dump(database_url: str) -> bytes | None:
    """PostgreSQL: a plain dump of the database, or None when pg_dump is not installed or does
    not match the server."""
    if shutil.which("pg_dump") is None:
        return None
    done = subprocess.run(
        ["pg_dump", "--no-owner", "--dbname", database_url], capture_output=True, check=False
    )
    return done.stdout if done.returncode == 0 else None


def settings_keys() -> list[str]:
    """Every key in the test settings."""
    return [SECRET_KEY, BRIDGE_KEY]


def candidate_private_keys(key: TallyKey) -> list[X25519PrivateKey]:
    """Every private key an insider could make from the settings' keys: each key as the tally
    passphrase (it fails to match: nothing is returned for it) and as raw key material."""
    found = []
    for secret in settings_keys():
        with contextlib.suppress(WrongTallyKey):  # not the passphrase: nothing to try
            found.append(tally_private_key(secret, key))
        raw = secret.encode()
        for material in (raw[:32].ljust(32, b"\0"), hashlib.sha256(raw).digest()):
            found.append(X25519PrivateKey.from_private_bytes(material))
    return found


def opens(private_key: X25519PrivateKey, value: bytes) -> bool:
    try:
        open_answer(private_key, value)
    except Exception:
        return False
    return True


def token_derived(tokens: list[str]) -> list[bytes]:
    """A token and what derives from it: the token, its hash, in text."""
    return [t.encode() for token in tokens for t in (token, hash_token(token))]
