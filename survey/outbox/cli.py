"""Command line: `ascolto outbox send|status`."""

from __future__ import annotations

import click

from survey.console import Failure, load_settings, run_with_database


@click.group(name="outbox")
def cli() -> None:
    """The outbox of emails."""


@cli.command("send")
def outbox_send() -> None:
    """Deliver the emails that are due, once."""
    from survey.hooks import hooks_for
    from survey.outbox.sender import deliver_due

    settings = load_settings()
    links = hooks_for(settings).links
    report = run_with_database(lambda _: deliver_due(settings=settings, links=links), settings)
    if settings.smtp_url is None:
        raise Failure(report.details[0])
    for line in report.details:
        click.echo(line, err=True)
    click.echo(f"sent {report.sent}, retried {report.retried}, failed {report.failed}")


@cli.command("status")
def outbox_status() -> None:
    """Count the outbox's emails by status."""
    from survey.outbox.services import outbox_counts

    settings = load_settings()
    counts = run_with_database(lambda _: outbox_counts(), settings)
    for status, count in counts.items():
        click.echo(f"{status:<8} {count}")
