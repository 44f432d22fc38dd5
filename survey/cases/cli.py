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
@click.option(
    "--delimiter",
    type=click.Choice([",", ";", "tab"]),
    help="The CSV file's separator (default: found from its header line).",
)
def cases_import(file: Path, skip_invalid: bool, delimiter: str | None) -> None:
    """Import cases from a CSV or JSON Lines export of the main case platform."""
    from case_bridge.importing import InvalidRows, import_file
    from survey.hooks import hooks_for

    settings = load_settings()
    on_closed = hooks_for(settings).on_case_closed

    async def work(_: AscoltoEngine):
        with progress_bar() as bar:
            task = bar.add_task(f"Importing {file.name}", total=None)
            try:
                return await import_file(
                    file,
                    on_closed=on_closed,
                    delimiter="\t" if delimiter == "tab" else delimiter,
                    skip_invalid=skip_invalid,
                    progress=lambda n: bar.advance(task, n),
                )
            except InvalidRows as error:
                _echo_errors(file, [str(row_error) for row_error in error.errors], error.invalid)
                raise

    report = run_with_database(work, settings)
    _echo_errors(file, report.errors, report.invalid)
    for line in report.warnings:
        click.echo(f"{file.name}: {line}", err=True)
    click.echo(
        f"{file.name}: {report.rows} rows, {report.imported} imported, "
        f"{report.unchanged} already known, {report.invalid} invalid"
    )


def _echo_errors(file: Path, errors: list[str], invalid: int) -> None:
    """The first errors of an import, one a line, and how many more there were."""
    for line in errors:
        click.echo(f"{file.name}: {line}", err=True)
    if invalid > len(errors):
        click.echo(f"{file.name}: … and {invalid - len(errors)} more invalid rows", err=True)
