"""Command line: `ascolto report --from DATE --to DATE --out FILE [--lang it|en]`."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import click

from analysis.report.texts import LANGUAGES
from survey.console import Failure, load_settings, progress_bar, run_with_database


@click.command(name="report")
@click.option(
    "--from",
    "start",
    required=True,
    type=click.DateTime(["%Y-%m-%d"]),
    help="First day of the period (YYYY-MM-DD, included).",
)
@click.option(
    "--to",
    "end",
    required=True,
    type=click.DateTime(["%Y-%m-%d"]),
    help="Day after the period (YYYY-MM-DD, excluded).",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write: HTML, or a tagged PDF (WeasyPrint) when it ends in .pdf.",
)
@click.option("--lang", default="it", show_default=True, type=click.Choice(LANGUAGES))
def cli(start: datetime, end: datetime, out: Path, lang: str) -> None:
    """Write the management report of the cases opened in [FROM, TO)."""
    from analysis.report.data import Period
    from analysis.report.render_html import write_html
    from analysis.report.render_pdf import PdfUnavailable, weasyprint, write_pdf
    from analysis.report.report import SECTION_KEYS, build_report
    from survey.report.loader import load_report_data

    if end <= start:
        raise Failure("--to must be after --from (the period is [from, to))")
    if not out.parent.is_dir():
        raise Failure(f"cannot write {out}: folder {out.parent} does not exist")
    as_pdf = out.suffix.lower() == ".pdf"
    if as_pdf:  # before reading anything: the PDF's library may be missing on this machine
        try:
            weasyprint()
        except PdfUnavailable as error:
            raise Failure(str(error)) from None
    settings = load_settings()
    period = Period(start.date(), end.date())
    with progress_bar() as bar:
        task = bar.add_task(f"Report {out.name}", total=1 + 2 * len(SECTION_KEYS))
        data = run_with_database(
            lambda engine: load_report_data(
                engine=engine,
                period=period,
                previous=True,
                follow_up_due_days=settings.follow_up_due_days,
            ),
            settings,
        )
        data = dataclasses.replace(
            data,
            targets={"csat": settings.csat_target},
            ordinary_hours=settings.ordinary_hours,
        )
        bar.advance(task)
        report = build_report(data=data, lang=lang, advance=lambda _: bar.advance(task))
        write = write_pdf if as_pdf else write_html
        write(report, out, advance=lambda _: bar.advance(task))
        bar.update(task, completed=1 + 2 * len(SECTION_KEYS))
    click.echo(
        f"{out}: {len(data.columns)} cases, {int(data.columns.answered.sum())} answers, "
        f"{len(report.sections)} sections"
    )
