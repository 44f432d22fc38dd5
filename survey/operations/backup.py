"""Backups: SQLite's online backup API for the embedded database; for PostgreSQL, the
`pg_dump` command an operator runs (its own tool, with its own consistency guarantees)."""

from __future__ import annotations

import contextlib
import os
import shlex
import sqlite3
from pathlib import Path

from case_bridge.storage.engines import parse_database_url
from survey.settings import Settings

BUSY_SECONDS = 30.0


class BackupError(RuntimeError):
    """The backup could not be taken; the message says why."""


def backup_sqlite(source: Path, target: Path) -> int:
    """Copy the database `source` into the new file `target` while the app may be writing;
    return the number of pages copied.

    The copy is taken in one step (`pages=-1`) under one read transaction: in WAL mode it
    is a snapshot of the last commit before it started, writers are not stopped, and every
    answer acknowledged before that moment is in it. It is written beside `target` and
    renamed only once whole and checked, so a failed backup never leaves a half file that
    looks like one."""
    if target.exists():
        raise BackupError(f"{target} exists: choose a new file name")
    if not source.exists():
        raise BackupError(f"{source} does not exist")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with (
            contextlib.closing(sqlite3.connect(source, timeout=BUSY_SECONDS)) as origin,
            contextlib.closing(sqlite3.connect(partial)) as copy,
        ):
            origin.backup(copy, pages=-1)
            # A single file, readable without its -wal: what an operator carries away.
            copy.execute("PRAGMA journal_mode = DELETE")
            (outcome,) = copy.execute("PRAGMA integrity_check").fetchone()
            (pages,) = copy.execute("PRAGMA page_count").fetchone()
        if outcome != "ok":
            raise BackupError(f"the copy fails its integrity check: {outcome}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return int(pages)


def pg_dump_command(database_url: str, target: Path) -> str:
    """The `pg_dump` command that writes a custom-format dump of the database to `target`.
    The password is left out: pg_dump reads it from PGPASSWORD or ~/.pgpass."""
    _, config = parse_database_url(database_url)
    words = ["pg_dump", "--format=custom", "--no-owner", f"--file={target}"]
    words += [f"--host={config['host']}", f"--port={config['port']}"]
    if "user" in config:
        words.append(f"--username={config['user']}")
    words.append(f"--dbname={config['database']}")
    return shlex.join(words)


def backup(settings: Settings, target: Path) -> str:
    """Back up the settings' database to `target`; return what was done, for the operator."""
    kind, config = parse_database_url(settings.database_url)
    if kind == "sqlite":
        pages = backup_sqlite(Path(config["path"]), target)
        return f"backed up {config['path']} to {target} ({pages} pages, integrity check ok)"
    return (
        "PostgreSQL is backed up with its own tool; run (password from PGPASSWORD or "
        f"~/.pgpass):\n{pg_dump_command(settings.database_url, target)}\n"
        f"and restore with: pg_restore --clean --if-exists --no-owner --dbname=DATABASE {target}"
    )
