"""Command line: `ascolto cases import` (the case tracker itself is `case_bridge`)."""

from __future__ import annotations

from pathlib import Path

import click

from case_bridge.storage import AscoltoEngine
from survey.console import load_settings, progress_bar, run_with_database


@click.group(name="cases")
def cli() -> None:
    """The case tracker."""


@cli.command("import")
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
    for line in report.errors + report.warnings:
        click.echo(f"{file.name}: {line}", err=True)
    click.echo(
        f"{file.name}: {report.rows} rows, {report.imported} imported, "
        f"{report.unchanged} already known, {report.invalid} invalid"
    )
