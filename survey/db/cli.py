"""Command line: `ascolto db upgrade`."""

from __future__ import annotations

import click

from survey.console import load_settings, run_with_database
from survey.db import upgrade


@click.group(name="db")
def cli() -> None:
    """The database."""


@cli.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations to the database of ASCOLTO_DATABASE_URL."""
    report = run_with_database(upgrade, load_settings())
    click.echo(report.strip() or "nothing to apply")
