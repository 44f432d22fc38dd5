"""Command line: `ascolto privacy purge | export | erase | log`."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import click
import msgspec

from survey.console import load_settings, run_with_database


def _actor() -> str:
    """Who ran the command, as the record names it: the system user of the terminal."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name known to the system (a bare container)
        return "cli:unknown"


def _subject(case: str | None, email: str | None):
    from survey.privacy.rights import Subject

    if (case is None) == (email is None):
        raise click.UsageError("give either --case CODE or --email ADDRESS")
    return Subject(case=case, email=email)


@click.group(name="privacy")
def cli() -> None:
    """Retention and the rights of the person (README, "Privacy")."""


@cli.command("purge")
def privacy_purge() -> None:
    """Blank or delete what is past its retention now (the app also does it daily)."""
    from survey.privacy.retention import purge
    from survey.questionnaire_versions.services import load_registry

    settings = load_settings()

    async def work(_):
        return await purge(settings=settings, registry=await load_registry())

    report = run_with_database(work, settings)
    affected = report.affected()
    if not affected:
        click.echo("nothing is past its retention")
    for kind, count in affected.items():
        click.echo(f"{kind}: {count}")


@cli.command("export")
@click.option("--case", "case", metavar="CODE", help="The requester of this case.")
@click.option("--email", metavar="ADDRESS", help="Everyone who gave this address.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the JSON to this file (default: the terminal).",
)
def privacy_export(case: str | None, email: str | None, output: Path | None) -> None:
    """Everything held about one person, as JSON (GDPR Art. 15)."""
    from survey.privacy.rights import export

    subject = _subject(case, email)
    settings = load_settings()
    found = run_with_database(
        lambda _: export(subject=subject, actor=_actor(), secret_key=settings.secret_key),
        settings,
    )
    text = json.dumps(found, ensure_ascii=False, indent=2)
    if output is None:
        click.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        click.echo(f"written to {output}", err=True)


@cli.command("erase")
@click.option("--case", "case", metavar="CODE", help="The requester of this case.")
@click.option("--email", metavar="ADDRESS", help="Everyone who gave this address.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def privacy_erase(case: str | None, email: str | None, yes: bool) -> None:
    """Erase one person's contact data, comments, notes, links and emails; ratings stay,
    with no contact datum beside them (GDPR Art. 17)."""
    from survey.privacy.rights import erase
    from survey.questionnaire_versions.services import load_registry

    subject = _subject(case, email)
    if not yes:
        click.confirm(f"Erase the personal data of {case or email}?", abort=True)
    settings = load_settings()

    async def work(_):
        registry = await load_registry()
        return await erase(
            subject=subject, actor=_actor(), secret_key=settings.secret_key, registry=registry
        )

    erasure = run_with_database(work, settings)
    click.echo(f"cases: {erasure.cases}")
    for kind, count in erasure.affected.items():
        click.echo(f"{kind}: {count}")


@cli.command("log")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
def privacy_log(limit: int) -> None:
    """The record of exports, erasures and purges, newest first, as JSON lines."""
    from survey.privacy.audit import recorded_actions

    settings = load_settings()
    for action in run_with_database(lambda _: recorded_actions(limit), settings):
        click.echo(msgspec.json.encode(action).decode())
