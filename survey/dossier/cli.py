"""Command line: `ascolto dossier --from DATE --to DATE [--out FOLDER] [--lang it|en] [--no-pdf]`:
the year-end summary, as HTML and PDF in Italian and English, laid out by the report's
renderers; its headline figures are printed too."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time, timedelta
from pathlib import Path

import click

from analysis.report.data import ReportData
from analysis.report.dossier_figures import DossierFigures
from analysis.report.texts import LANGUAGES
from case_bridge.as_of import AsOfCounts, counts_as_of
from case_bridge.storage.clock import DEPARTMENT_ZONE
from case_bridge.storage.engines import AscoltoEngine
from survey.console import Failure, load_settings, run_with_database


@click.command(name="dossier")
@click.option(
    "--from",
    "start",
    required=True,
    type=click.DateTime(["%Y-%m-%d"]),
    help="First day of the year (YYYY-MM-DD, included).",
)
@click.option(
    "--to",
    "end",
    required=True,
    type=click.DateTime(["%Y-%m-%d"]),
    help="Day after the year (YYYY-MM-DD, excluded): the requests are told as they stood then.",
)
@click.option(
    "--out",
    "out",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write dossier-FROM-TO.LANG.html and .pdf into.",
)
@click.option(
    "--lang", "languages", multiple=True, type=click.Choice(LANGUAGES), help="Default: both."
)
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Also write the PDFs.")
def cli(start: datetime, end: datetime, out: Path, languages: tuple[str, ...], pdf: bool) -> None:
    """Write the year-end dossier of the requests opened in [FROM, TO)."""
    from analysis.report.data import Period
    from analysis.report.dossier import build_dossier
    from analysis.report.dossier_figures import dossier_figures
    from analysis.report.render_html import write_html
    from analysis.report.render_pdf import PdfUnavailable, weasyprint, write_pdf
    from survey.report.loader import load_report_data

    if end <= start:
        raise Failure("--to must be after --from (the period is [from, to))")
    if not out.is_dir():
        raise Failure(f"cannot write into {out}: it is not a folder")
    if pdf:  # before reading anything: the PDF's library may be missing on this machine
        try:
            weasyprint()
        except PdfUnavailable as error:
            raise Failure(f"{error} (or write HTML only with --no-pdf)") from None
    settings = load_settings()
    period = Period(start.date(), end.date())

    async def read(engine: AscoltoEngine) -> tuple[ReportData, AsOfCounts]:
        # The first week as it stood a week after the start, from the status history, as the
        # note of 13 July 2011 told it.
        week_end = datetime.combine(period.start + timedelta(days=7), time())
        first_week = await counts_as_of(
            as_of=week_end, opened_from=datetime.combine(period.start, time())
        )
        return await load_report_data(engine=engine, period=period), first_week

    data, first_week = run_with_database(read, settings)
    data = dataclasses.replace(data, ordinary_hours=settings.ordinary_hours)
    for line in headline_lines(dossier_figures(data)):
        click.echo(line)
    click.echo(
        f"first week, as of {first_week.as_of.astimezone(DEPARTMENT_ZONE):%Y-%m-%d %H:%M}: "
        f"{first_week.received} received, "
        f"{first_week.closed} closed, {first_week.back_office} waiting at Back Office, "
        f"{first_week.phone_closed} of {first_week.phone_received} phone requests resolved"
    )
    stem = f"dossier-{period.start.isoformat()}-{period.end.isoformat()}"
    for lang in languages or LANGUAGES:
        report = build_dossier(data=data, lang=lang, first_week=first_week)
        written = [out / f"{stem}.{lang}.html"]
        write_html(report, written[0])
        if pdf:
            written.append(out / f"{stem}.{lang}.pdf")
            write_pdf(report, written[1])
        click.echo(", ".join(str(path) for path in written))


def headline_lines(figures: DossierFigures) -> list[str]:
    """The dossier's headline figures as the command prints them (English, ISO days)."""
    toll_free = next((s for s in figures.channels if s.level == "phone"), None)
    lines = [
        f"requests: {figures.requests:,} from {figures.start} to {figures.end} (excluded)",
        f"toll-free number: {100 * toll_free.share:.2f} %" if toll_free else "toll-free: none",
        (
            f"as of {figures.end}: "
            f"closed at Front Office {100 * figures.closed_front_office.share:.2f} %, "
            f"at Back Office {100 * figures.closed_back_office.share:.2f} %, "
            f"not yet answered {100 * figures.not_closed.share:.2f} %"
        ),
    ]
    lines += [
        f"peak: {peak.day} {peak.contacts} ({peak.name})"
        for peak in figures.peaks
        if peak.day is not None
    ]
    lines += [
        f"hours: {row.period} {row.opening_hour}-{row.closing_hour}, "
        f"{row.inside:,} of {row.phone_requests:,} phone requests inside"
        for row in figures.hours
    ]
    if figures.csat.estimate is not None:
        lines.append(
            f"satisfaction: CSAT {100 * figures.csat.estimate:.1f} % of {figures.answers:,} answers"
        )
    return lines
