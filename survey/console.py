"""What every `ascolto` command shares: settings, the database for the length of a command,
one-line failures and progress bars on a terminal. Domain commands import this module; the
`ascolto` group (`survey.cli`) imports the domain commands, so nothing imports in a circle."""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from case_bridge.storage import AscoltoEngine, DatabaseUrlError
from case_bridge.storage.errors import DomainError
from survey.db import DatabaseUnavailable, open_database
from survey.settings import Settings, SettingsError

console = Console(stderr=True)


class Failure(click.ClickException):
    """An expected failure: one clear line, exit status 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"ascolto: {self.message}", err=True)


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings.from_env(None, **{k: v for k, v in overrides.items() if v is not None})
    except (SettingsError, DatabaseUrlError) as error:
        raise Failure(str(error)) from None


def development_keys() -> dict[str, str]:
    """Random keys for a local trial, only for the settings the environment leaves unset."""
    keys = {}
    for name in ("secret_key", "bridge_key"):
        if f"ASCOLTO_{name.upper()}" not in os.environ:
            keys[name] = secrets.token_urlsafe(32)
    return keys


def run_with_database(work: Callable[[AscoltoEngine], Awaitable[Any]], settings: Settings) -> Any:
    """Run `work` in an event loop with the settings' database open and the tables bound to it."""

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


def demo_steps(bar: Progress):
    """The demo's progress steps as tasks of a progress bar."""

    def step(description: str, total: int | None):
        task = bar.add_task(description, total=total)
        return lambda n: bar.advance(task, n)

    return step
