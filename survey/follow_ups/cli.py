"""Command line: `ascolto follow-ups notify`."""

from __future__ import annotations

import click

from survey.console import load_settings, run_with_database


@click.group(name="follow-ups")
def cli() -> None:
    """Follow-ups of unsatisfied citizens."""


@cli.command("notify")
def follow_ups_notify() -> None:
    """Email new follow-ups' offices their link and remind overdue ones, once."""
    from survey.follow_ups.notices import send_notices

    settings = load_settings()
    report = run_with_database(lambda _: send_notices(settings=settings), settings)
    click.echo(f"notified {report.notified}, reminded {report.reminded}")
