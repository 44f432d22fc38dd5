"""Command line: `ascolto db upgrade`, `ascolto db backup FILE`."""

from __future__ import annotations

from pathlib import Path

import click

from survey.console import Failure, load_settings, run_with_database
from survey.db import upgrade
from survey.operations.backup import BackupError, backup


@click.group(name="db")
def cli() -> None:
    """The database."""


@cli.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations to the database of ASCOLTO_DATABASE_URL."""
    report = run_with_database(upgrade, load_settings())
    click.echo(report.strip() or "nothing to apply")


@cli.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def db_backup(file: Path) -> None:
    """Back up the database to FILE, safe while the app runs (SQLite's online backup);
    on PostgreSQL, print the pg_dump command to run."""
    try:
        click.echo(backup(load_settings(), file))
    except BackupError as error:
        raise Failure(str(error)) from None
