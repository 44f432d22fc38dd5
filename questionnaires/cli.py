"""Command line: `ascolto questionnaires check FILE...`."""

from __future__ import annotations

from pathlib import Path

import click

from questionnaires.errors import InvalidDefinition
from questionnaires.loading import load_definition
from questionnaires.registry import content_hash


@click.group(name="questionnaires")
def cli() -> None:
    """Questionnaire definitions."""


@cli.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def check(files: tuple[Path, ...]) -> None:
    """Check definition files and report every error with its location."""
    failed = 0
    for path in files:
        try:
            q = load_definition(path)
        except InvalidDefinition as invalid:
            failed += 1
            for error in invalid.errors:
                click.echo(f"{path}: {error}")
            continue
        summary = f"{q.id} v{q.version}, {len(q.items())} items, hash {content_hash(q)[:12]}"
        click.echo(f"{path}: OK ({summary})")
    if failed:
        raise click.ClickException(f"{failed} of {len(files)} definitions have errors")
