"""Command line: `ascolto demo`, and the demo's preparation for `ascolto serve --demo`."""

from __future__ import annotations

import click

from case_bridge.storage import AscoltoEngine
from survey.console import demo_steps, load_settings, progress_bar, run_with_database
from survey.db import upgrade
from survey.settings import Settings


def prepare_demo(settings: Settings) -> list[str]:
    """Load the demo year into a database without cases, ensure the demo manager and a
    working citizen link; return the lines telling what to open."""
    from survey.demo.welcome import prepare_demo as prepare
    from survey.demo.welcome import summary_line, welcome_lines

    async def work(_: AscoltoEngine):
        with progress_bar() as bar:
            return await prepare(settings=settings, steps=demo_steps(bar))

    welcome = run_with_database(work, settings)
    if welcome.loaded:
        click.echo(summary_line(welcome.loaded))
    return welcome_lines(welcome, settings=settings)


@click.command(name="demo")
@click.option("--seed", type=int, help="Draw another year (default: the same year every time).")
def cli(seed: int | None) -> None:
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
