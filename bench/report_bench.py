"""The management report of the demo year: how long the HTML and the PDF take, step by step.

Run: .venv/bin/python bench/report_bench.py [--database demo.db] [--repeat 3]
Without --database, `ascolto demo` first makes the demo year in a temporary SQLite database
(not timed). Each repetition reads the year from the database, analyses it, and writes the
HTML and the PDF, as `ascolto report` does; the median of each step is printed.
Targets (issue 17, point 9): the HTML report in 2 s at most, the PDF in 4 s at most, reading
and analysing included. WeasyPrint's import (once per process) is counted in the PDF's time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.report.data import Period, ReportData
from analysis.report.render_html import render_html
from analysis.report.report import build_report
from survey.db import open_database
from survey.demo.calendar import FIRST_DAY, LAST_DAY
from survey.report.loader import load_report_data
from survey.settings import Settings

TARGETS = {"html": 2.0, "pdf": 4.0}
SECRET_KEY = "bench-secret-key-bench-secret-key-0123"
BRIDGE_KEY = "bench-bridge-key-0123"


def make_demo(database: Path) -> None:
    """The demo year in a fresh SQLite database, as a user makes it."""
    env = os.environ | {
        "ASCOLTO_DATABASE_URL": f"sqlite:///{database}",
        "ASCOLTO_SECRET_KEY": SECRET_KEY,
        "ASCOLTO_BRIDGE_KEY": BRIDGE_KEY,
    }
    command = [str(Path(sys.executable).with_name("ascolto")), "demo"]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)


def load(database: Path) -> ReportData:
    settings = Settings(
        database_url=f"sqlite:///{database}", secret_key=SECRET_KEY, bridge_key=BRIDGE_KEY
    )
    period = Period(FIRST_DAY, date.fromordinal(LAST_DAY.toordinal() + 1))

    async def read() -> ReportData:
        async with open_database(settings) as engine:
            return await load_report_data(engine=engine, period=period, previous=True)

    return asyncio.run(read())


class Steps:
    """Wall-clock and CPU seconds of each step, in order."""

    def __init__(self) -> None:
        self.seconds: dict[str, tuple[float, float]] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.seconds[name] = (time.perf_counter() - wall, time.process_time() - cpu)


def one_run(database: Path) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of each step of one HTML and one PDF report of the demo year."""
    from analysis.report.render_pdf import print_style, weasyprint

    steps = Steps()
    with steps.step("read"):
        data = load(database)
    with steps.step("analyse"):
        report = build_report(data=data, lang="it")
    with steps.step("write html"):
        render_html(report)
    # The PDF is built afresh, as `ascolto report --out x.pdf` builds it: its charts are new.
    report = build_report(data=data, lang="it")
    with steps.step("pdf: page html"):
        html = render_html(report, for_print=print_style("it"))
    with steps.step("pdf: import weasyprint"):
        module = weasyprint()
    with steps.step("pdf: layout"):
        document = module.HTML(string=html).render()
    with steps.step("pdf: write"):
        pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    return steps.seconds | {"size": (len(document.pages), len(pdf))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, help="an existing demo database (SQLite)")
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = arguments.database
        if database is None:
            database = Path(folder) / "demo.db"
            make_demo(database)
        # Each repetition in a fresh process: the first run's imports (WeasyPrint, fonts)
        # are what a user of `ascolto report` pays every time.
        runs = [_in_new_process(database) for _ in range(arguments.repeat)]
    median = {
        key: tuple(statistics.median(run[key][i] for run in runs) for i in (0, 1))
        for key in runs[0]
        if key != "size"
    }
    pages, size = runs[-1]["size"]
    print(f"report of the demo year ({FIRST_DAY} to {LAST_DAY}), median of {len(runs)} runs")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    print(f"  {'step':<24} {'wall':>7} {'CPU':>7}")
    for key, (wall, cpu) in median.items():
        print(f"  {key:<24} {wall:6.2f}s {cpu:6.2f}s")
    print(f"  the PDF: {pages} pages, {size / 1024:.0f} KiB")
    for name in ("html", "pdf"):
        keys = ["read", "analyse"] + [
            key
            for key in median
            if (key == "write html" if name == "html" else key.startswith("pdf:"))
        ]
        wall, cpu = (sum(median[key][i] for key in keys) for i in (0, 1))
        verdict = "ok" if wall <= TARGETS[name] else "SLOWER THAN TARGET"
        print(
            f"{name.upper()} report: {wall:.2f} s wall, {cpu:.2f} s CPU "
            f"(target <= {TARGETS[name]:.0f} s) {verdict}"
        )


def _in_new_process(database: Path) -> dict[str, float]:
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); "
        "from bench.report_bench import one_run; from pathlib import Path; "
        "print(json.dumps(one_run(Path(sys.argv[2]))))"
    )
    root = str(Path(__file__).resolve().parents[1])
    output = subprocess.run(
        [sys.executable, "-c", code, root, str(database)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
