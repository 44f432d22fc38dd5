"""The `ascolto` command: one CLI, to which each part of the project adds its commands."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from case_bridge.storage.engines import AscoltoEngine, DatabaseUrlError
from case_bridge.storage.errors import DomainError
from questionnaires.cli import questionnaires_group
from survey.accounts.cli import users_group
from survey.db import DatabaseUnavailable, open_database, upgrade
from survey.reporting.cli import report_command
from survey.settings import Settings, SettingsError

console = Console(stderr=True)


class Failure(click.ClickException):
    """An expected failure: one clear line, exit status 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"ascolto: {self.message}", err=True)


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings.from_env(**{k: v for k, v in overrides.items() if v is not None})
    except (SettingsError, DatabaseUrlError) as error:
        raise Failure(str(error)) from None


def development_keys() -> dict[str, str]:
    """Random keys for a local trial, only for the settings the environment leaves unset."""
    import secrets

    keys = {}
    for name in ("secret_key", "bridge_key"):
        if f"ASCOLTO_{name.upper()}" not in os.environ:
            keys[name] = secrets.token_urlsafe(32)
    return keys


def run_with_database(work: Callable[[AscoltoEngine], Awaitable[Any]], settings: Settings) -> Any:
    """Run `work` in an event loop with the settings' database open and the tables bound to it."""

    from survey.wiring import connect_domains

    connect_domains(settings)

    async def main() -> Any:
        async with open_database(settings) as engine:
            return await work(engine)

    try:
        return asyncio.run(main())
    except DatabaseUnavailable as error:
        raise Failure(str(error)) from None
    except DomainError as error:
        raise Failure(error.message) from None


def progress_bar() -> Progress:
    """A progress bar on a terminal; silent when stderr is not one."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=False,
    )


@click.group()
def main() -> None:
    """Ascolto: satisfaction surveys of a public contact center."""


main.add_command(questionnaires_group)
main.add_command(users_group)
main.add_command(report_command)


@main.group()
def db() -> None:
    """The database."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations to the database of ASCOLTO_DATABASE_URL."""
    settings = load_settings()

    report = run_with_database(upgrade, settings)
    click.echo(report.strip() or "nothing to apply")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int)
@click.option("--demo", is_flag=True, help="Try Ascolto locally: development keys if none are set.")
def serve(host: str, port: int, workers: int, demo: bool) -> None:
    """Apply pending migrations, then serve the app."""
    import uvicorn

    local = {} if "ASCOLTO_PUBLIC_URL" in os.environ else {"public_url": f"http://{host}:{port}"}
    settings = load_settings(**(development_keys() | local if demo else {}))

    run_with_database(upgrade, settings)
    welcome_lines = prepare_demo(settings) if demo else []
    click.echo(f"Ascolto is serving at http://{host}:{port}")
    click.echo(f"  API documentation: http://{host}:{port}/schema")
    if demo:
        click.echo(f"  bridge key for this run (header X-Bridge-Key): {settings.bridge_key}")
        for line in welcome_lines:
            click.echo(line)
    if workers > 1:
        uvicorn.run("survey.app:create_app", factory=True, host=host, port=port, workers=workers)
    else:
        from survey.app import create_app

        uvicorn.run(create_app(settings), host=host, port=port)


def demo_steps(bar: Progress):
    """The demo's progress steps as tasks of a progress bar."""

    def step(description: str, total: int | None):
        task = bar.add_task(description, total=total)
        return lambda n: bar.advance(task, n)

    return step


def prepare_demo(settings: Settings) -> list[str]:
    """Load the demo year into a database without cases, ensure the demo manager and a
    working citizen link; return the lines telling what to open."""
    from survey.demo.welcome import prepare_demo, summary_line, welcome_lines

    async def work(_: AscoltoEngine):
        with progress_bar() as bar:
            return await prepare_demo(settings=settings, steps=demo_steps(bar))

    welcome = run_with_database(work, settings)
    if welcome.loaded:
        click.echo(summary_line(welcome.loaded))
    return welcome_lines(welcome, settings=settings)


@main.command()
@click.option("--seed", type=int, help="Draw another year (default: the same year every time).")
def demo(seed: int | None) -> None:
    """Fill a database without cases with a year of the contact center (July 2011-July 2012)."""
    from survey.demo import DEFAULT_SEED, load_demo_year
    from survey.demo.welcome import summary_line

    settings = load_settings()
    run_with_database(upgrade, settings)

    async def work(_: AscoltoEngine):
        with progress_bar() as bar:
            return await load_demo_year(
                seed=seed or DEFAULT_SEED, steps=demo_steps(bar), settings=settings
            )

    click.echo(summary_line(run_with_database(work, settings)))


@main.group()
def cases() -> None:
    """The case tracker."""


@cases.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--skip-invalid", is_flag=True, help="Import the good rows of a file with bad ones.")
def cases_import(file: Path, skip_invalid: bool) -> None:
    """Import cases from a CSV or JSON Lines export of the main case platform."""
    from case_bridge.importing import InvalidRows, import_file

    settings = load_settings()

    async def work(_: AscoltoEngine):
        with progress_bar() as bar:
            task = bar.add_task(f"Importing {file.name}", total=None)
            try:
                return await import_file(
                    file, skip_invalid=skip_invalid, progress=lambda n: bar.advance(task, n)
                )
            except InvalidRows as error:
                for row_error in error.errors:
                    click.echo(f"{file.name}: {row_error}", err=True)
                raise

    report = run_with_database(work, settings)
    for line in report.errors:
        click.echo(f"{file.name}: {line}", err=True)
    click.echo(
        f"{file.name}: {report.rows} rows, {report.imported} imported, "
        f"{report.unchanged} already known, {report.invalid} invalid"
    )


@main.group()
def outbox() -> None:
    """The outbox of emails."""


@outbox.command("send")
def outbox_send() -> None:
    """Deliver the emails that are due, once."""
    from survey.outbox.sender import deliver_due

    settings = load_settings()
    report = run_with_database(lambda _: deliver_due(settings=settings), settings)
    if settings.smtp_url is None:
        raise Failure(report.details[0])
    for line in report.details:
        click.echo(line, err=True)
    click.echo(f"sent {report.sent}, retried {report.retried}, failed {report.failed}")


@outbox.command("status")
def outbox_status() -> None:
    """Count the outbox's emails by status."""
    from survey.outbox.services import outbox_counts

    settings = load_settings()
    counts = run_with_database(lambda _: outbox_counts(), settings)
    for status, count in counts.items():
        click.echo(f"{status:<8} {count}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
