"""The `ascolto` command: `serve`, and the commands of every package that has a `cli` module
(each defines one click command or group named `cli`)."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from datetime import date

import click
import msgspec

import survey
from questionnaires.cli import cli as questionnaires_cli
from survey.console import development_keys, load_settings, run_with_database
from survey.db import upgrade
from survey.settings import Settings

WORKER_HEALTHCHECK_SECONDS = 60


@click.group()
def main() -> None:
    """Ascolto: satisfaction surveys of a public contact center."""


def _domain_commands() -> list[click.Command]:
    here = survey.__path__
    packages = [info.name for info in pkgutil.iter_modules(here) if info.ispkg]
    found = [
        importlib.import_module(f"survey.{name}.cli")
        for name in packages
        if importlib.util.find_spec(f"survey.{name}.cli") is not None
    ]
    return [questionnaires_cli, *(module.cli for module in found)]


for _command in _domain_commands():
    main.add_command(_command)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="app processes [default: one per core on PostgreSQL, one on SQLite]",
)
@click.option("--demo", is_flag=True, help="Try Ascolto locally: development keys if none are set.")
def serve(host: str, port: int, workers: int | None, demo: bool) -> None:
    """Apply pending migrations, then serve the app.

    uvicorn's access log is off: it prints raw paths (working links) and client addresses.
    The app writes its own, with route templates only (survey/web/access_log.py)."""
    import uvicorn

    from survey.demo.cli import prepare_demo
    from survey.demo.welcome import demo_retention, retention_line

    local = {} if "ASCOLTO_PUBLIC_URL" in os.environ else {"public_url": f"http://{host}:{port}"}
    trial = development_keys() | local | demo_retention(date.today(), os.environ)
    settings = load_settings(**(trial if demo else {}))
    workers = workers or default_workers(settings)
    settings = msgspec.structs.replace(settings, workers=workers)

    run_with_database(upgrade, settings)
    welcome_lines = prepare_demo(settings) if demo else []
    click.echo(f"Ascolto is serving at http://{host}:{port}")
    click.echo(f"  API documentation: http://{host}:{port}/schema")
    if demo:
        click.echo(f"  bridge key for this run (header X-Bridge-Key): {settings.bridge_key}")
        for line in welcome_lines:
            click.echo(line)
        click.echo(retention_line(settings))
    if workers > 1:
        # Each worker is a new process that builds the app from the environment: the settings
        # made here (the demo's development keys, the local address) reach it only through it.
        # They are taken back when the server stops, so that nothing else run in this process
        # afterwards (a test, another command) reads the demo's keys or its retention.
        before = dict(os.environ)
        os.environ.update(settings.to_env())
        try:
            uvicorn.run(
                "survey.app:create_app",
                factory=True,
                host=host,
                port=port,
                workers=workers,
                # uvicorn kills a worker that does not answer its ping in time (5 s by default)
                # and starts another: a worker still importing the app on a busy machine is not
                # hung.
                timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
                access_log=False,
            )
        finally:
            os.environ.clear()
            os.environ.update(before)
    else:
        from survey.app import create_app

        uvicorn.run(create_app(settings), host=host, port=port, access_log=False)


def default_workers(settings: Settings) -> int:
    """One app process per core on PostgreSQL; one on SQLite, whose single writer processes
    would queue for (each process keeps its own)."""
    if settings.database_url.startswith("sqlite"):
        return 1
    return len(os.sched_getaffinity(0))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
