"""Command line: `ascolto users create|list|disable`."""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from typing import Any

import click

from case_bridge.storage import clock
from survey.accounts import services
from survey.accounts.schemas import Role
from survey.console import load_settings, run_with_database


def _run(work: Callable[[], Awaitable[Any]]) -> Any:

    return run_with_database(lambda _engine: work(), load_settings())


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.removesuffix("\n").removesuffix("\r")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@click.group(name="users")
def cli() -> None:
    """Management users (managers and administrators)."""


@cli.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create(name: str, role: str, password_stdin: bool) -> None:
    """Add a user; the password is asked twice (hidden) unless --password-stdin."""
    password = _read_password(password_stdin)
    _run(lambda: services.create_user(name=name, password=password, role=role))
    click.echo(f"user {name} created ({role})")


@cli.command("list")
def list_users() -> None:
    """Print every user: name, role, state."""
    users = _run(services.list_users)
    if not users:
        click.echo("no users yet")
    for user in users:
        state = "active" if user.active else "disabled"
        if user.active and user.locked_until is not None and user.locked_until > clock.now():
            state = f"active, locked until {user.locked_until:%Y-%m-%d %H:%M} UTC"
        click.echo(f"{user.name}\t{user.role}\t{state}")


@cli.command("disable")
@click.argument("name")
def disable(name: str) -> None:
    """Refuse a user's logins and end their sessions."""
    _run(lambda: services.disable_user(name=name))
    click.echo(f"user {name} disabled")
