"""A large contact center: how the dashboard, the report, the exports and the import grow
from 100,000 to 1,000,000 cases (10,000 to 100,000 answers), on SQLite or PostgreSQL.

Each size is built once and cached (`--cache`, a SQLite file or a PostgreSQL database named
for its size): the cases come in through `ascolto cases import` of a generated CSV (timed:
the import's rate at that size), closed at Front Office, spread evenly over two years
(2024–2025) whatever their number, so that both sizes cover the same period; every tenth
case then gets a citizen's answer with its revision, written by SQL (scores spread
deterministically). Each measure runs in a process of its own, so that peak memory is the
measure's own:

- the dashboard: every page and its JSON twin over the two years, cold (figure cache emptied)
  and warm (median of 5), through the app in process (httpx over ASGI, a manager signed in);
- the analysis from the database (the report's read and analysis) and the report's HTML;
- the exports (`answers.csv`, `answers.xlsx`) read as streams: seconds, size, and the
  process's peak memory growth while writing them.

Run: .venv/bin/python bench/scale_bench.py [--sizes 100000 1000000] [--postgres URL]
Targets (issue 19): every dashboard page cold <= 2 s and warm <= 50 ms, the report's HTML
<= 10 s, the analysis from the database <= 3 s, the exports in constant memory, at 1,000,000.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.dashboard_bench import PAGES
from bench.import_bench import CHANNELS, TYPES
from case_bridge.schemas import IMPORT_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "scale-bench-secret-key-scale-bench-0123"
BRIDGE_KEY = "scale-bench-bridge-key"
PASSWORD = "scale-bench-password-0123"
FIRST, END = date(2024, 1, 1), date(2026, 1, 1)
PERIOD = f"from={FIRST}&to={END}"
ANSWERED_EVERY = 10
TARGETS = {"cold": 2.0, "warm": 0.050, "report html": 10.0, "analysis": 3.0}


def settings_for(url: str):
    from survey.settings import Settings

    return Settings(database_url=url, secret_key=SECRET_KEY, bridge_key=BRIDGE_KEY)


def generate(path: Path, cases: int) -> None:
    """`cases` closed cases spread evenly over 2024–2025, as the main platform exports them."""
    rng = random.Random(19)
    start = datetime(2024, 1, 1, 8, tzinfo=UTC)
    step = (datetime(2025, 12, 31, 8, tzinfo=UTC) - start) / cases
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=IMPORT_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for number in range(cases):
            opened = start + step * number
            closed = opened + timedelta(minutes=rng.randint(1, 3000))
            year, serial = divmod(number, 900_000)
            writer.writerow(
                {
                    "code": f"CC-{2024 + year}-{serial + 1:06d}",
                    "opened_at": opened.isoformat(),
                    "channel": rng.choice(CHANNELS),
                    "request_type": rng.choice(TYPES),
                    "topic": "volontariato",
                    "region": rng.choice(["abruzzo", "lazio", "emilia_romagna", "marche"]),
                    "status": "closed",
                    "resolution_path": "front_office",
                    "closed_at": closed.isoformat(),
                }
            )


# Every tenth case answered, scores spread by the case's id (the same on both engines).
_ANSWERS = {
    "sqlite": """
INSERT INTO "feedback_responses" ("case", "invitation", "re_ask", "questionnaire",
    "questionnaire_version", "answers", "collection_channel", "first_submitted_at",
    "updated_at", "revisions", "satisfaction", "resolved", "effort", "recommend")
SELECT c."id", i."id", 0, 'citizen-feedback', ?, json_object('satisfaction', s, 'resolved', r,
       'effort', e, 'recommend', n), 'web_link', c."closed_at", c."closed_at", 1, s, r, e, n
FROM (SELECT "id", "closed_at", 1 + ("id" * 7) % 5 AS s,
             CASE WHEN "id" % 7 = 0 THEN 'no' ELSE 'yes' END AS r,
             1 + ("id" * 3) % 7 AS e, ("id" * 11) % 11 AS n
      FROM "cases" WHERE "id" % ? = 0) c
LEFT JOIN "feedback_invitations" i ON i."case" = c."id" AND i."re_ask" = 0
""",
    "postgres": """
INSERT INTO "feedback_responses" ("case", "invitation", "re_ask", "questionnaire",
    "questionnaire_version", "answers", "collection_channel", "first_submitted_at",
    "updated_at", "revisions", "satisfaction", "resolved", "effort", "recommend")
SELECT c."id", i."id", false, 'citizen-feedback', $1, json_build_object('satisfaction', s,
       'resolved', r, 'effort', e, 'recommend', n), 'web_link', c."closed_at", c."closed_at",
       1, s, r, e, n
FROM (SELECT "id", "closed_at", 1 + ("id" * 7) % 5 AS s,
             CASE WHEN "id" % 7 = 0 THEN 'no' ELSE 'yes' END AS r,
             1 + ("id" * 3) % 7 AS e, ("id" * 11) % 11 AS n
      FROM "cases" WHERE "id" % $2 = 0) c
LEFT JOIN "feedback_invitations" i ON i."case" = c."id" AND NOT i."re_ask"
""",
}
_REVISIONS = """
INSERT INTO "feedback_revisions" ("response", "number", "answers", "collection_channel",
    "submitted_at")
SELECT "id", 1, "answers", "collection_channel", "first_submitted_at" FROM "feedback_responses"
"""


async def build(url: str, cases: int) -> dict[str, float]:
    """Import `cases` cases and answer every tenth; seconds of each part."""
    from case_bridge.importing import import_file
    from questionnaires import Registry
    from survey.accounts.services import create_user
    from survey.db import open_database, upgrade
    from survey.hooks import hooks_for

    settings = settings_for(url)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "cases.csv"
        generate(source, cases)
        async with open_database(settings) as engine:
            await upgrade(engine)
            started = time.perf_counter()
            report = await import_file(source, on_closed=hooks_for(settings).on_case_closed)
            imported = time.perf_counter() - started
            if report.imported != cases:
                raise SystemExit(f"FAILED: {report.imported} of {cases} cases imported")
            started = time.perf_counter()
            version = Registry.load().latest("citizen-feedback").version
            sql = _ANSWERS[engine.engine_type]
            async with engine.transaction() as transaction:
                if engine.engine_type == "postgres":
                    await transaction.connection.execute(sql, version, ANSWERED_EVERY)
                else:
                    await transaction.connection.execute(sql, [version, ANSWERED_EVERY])
                await engine.run_sql(_REVISIONS)
            answered = time.perf_counter() - started
            await create_user(name="scale-manager", password=PASSWORD, role="manager")
    return {"import": imported, "import rate": cases / imported, "answers": answered}


@contextlib.asynccontextmanager
async def signed_in(app) -> AsyncIterator[Any]:
    """An httpx client of the app in process, a manager signed in."""
    import httpx

    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=600)
    await client.get("/manage/login")
    login = await client.post(
        "/api/manage/session",
        json={"name": "scale-manager", "password": PASSWORD},
        headers={"X-CSRFToken": client.cookies["csrftoken"]},
    )
    try:
        if login.status_code != 200:
            raise SystemExit(f"FAILED: login answered {login.status_code}: {login.text[:300]}")
        yield client
    finally:
        await client.aclose()


async def timed_get(client, path: str) -> float:
    started = time.perf_counter()
    answer = await client.get(path)
    elapsed = time.perf_counter() - started
    if answer.status_code != 200:
        raise SystemExit(f"FAILED: {path} answered {answer.status_code}: {answer.text[:300]}")
    return elapsed


async def measure_dashboard(url: str) -> dict[str, float]:
    """Cold and warm seconds of every dashboard page over the two years."""
    from survey.app import create_app
    from survey.dashboard.services import CACHE_KEY

    app = create_app(settings_for(url))
    figures: dict[str, float] = {}
    async with app.lifespan(), signed_in(app) as client:
        for page in PAGES:
            path = page if "?" in page else f"{page}?{PERIOD}"
            if (cache := app.state.get(CACHE_KEY)) is not None:
                cache.clear()
            figures[f"cold {page}"] = await timed_get(client, path)
            warm = [await timed_get(client, path) for _ in range(5)]
            figures[f"warm {page}"] = statistics.median(warm)
    return figures


async def measure_report(url: str) -> dict[str, float]:
    """Seconds of the report's read, analysis and HTML over the two years."""
    from analysis.report.data import Period
    from analysis.report.render_html import render_html
    from analysis.report.report import build_report
    from survey.db import open_database
    from survey.report.loader import load_report_data

    async with open_database(settings_for(url)) as engine:
        started = time.perf_counter()
        data = await load_report_data(engine=engine, period=Period(FIRST, END), previous=True)
        read = time.perf_counter() - started
    started = time.perf_counter()
    report = build_report(data=data, lang="it")
    analysed = time.perf_counter() - started
    started = time.perf_counter()
    render_html(report)
    written = time.perf_counter() - started
    return {"read": read, "analysis": read + analysed, "report html": read + analysed + written}


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def measure_exports(url: str) -> dict[str, float]:
    """Seconds, size and peak-memory growth of the answers' exports, read as streams."""
    from survey.app import create_app

    app = create_app(settings_for(url))
    figures: dict[str, float] = {}
    async with app.lifespan(), signed_in(app) as client:
        figures["memory before exports MiB"] = peak_mib()
        for name in ("answers.csv", "answers.xlsx"):
            before = peak_mib()
            started = time.perf_counter()
            size = 0
            async with client.stream("GET", f"/api/manage/exports/{name}?{PERIOD}") as answer:
                if answer.status_code != 200:
                    raise SystemExit(f"FAILED: {name} answered {answer.status_code}")
                async for chunk in answer.aiter_bytes():
                    size += len(chunk)
            figures[f"{name} s"] = time.perf_counter() - started
            figures[f"{name} MiB"] = size / 2**20
            figures[f"{name} peak growth MiB"] = peak_mib() - before
    return figures


MEASURES = {"dashboard": measure_dashboard, "report": measure_report, "exports": measure_exports}


def in_new_process(measure: str, url: str, cases: int = 0) -> dict[str, float]:
    """Run one measure (or the build) in a process of its own; its figures. (Piccolo binds
    the hand-written migrations' tables to the first engine that runs them: one database
    migrated per process.)"""
    answer = subprocess.run(
        [sys.executable, __file__, "--measure", measure, "--url", url, "--cases", str(cases)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    lines = [line for line in answer.stdout.splitlines() if line.startswith("{")]
    if answer.returncode != 0 or not lines:
        raise SystemExit(f"FAILED: {measure}: {answer.stdout[-1500:]}{answer.stderr[-1500:]}")
    return json.loads(lines[-1])


async def _postgres(url: str, statement: str) -> bool:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        return bool(await connection.fetchval(statement))
    finally:
        await connection.close()


def database_for(cases: int, cache: Path, postgres: str | None) -> tuple[str, bool]:
    """The URL of the cached database of `cases` cases, and whether it is already built."""
    if postgres is None:
        path = cache / f"scale-{cases}.db"
        return f"sqlite:///{path}", path.with_suffix(".built").exists()
    name = f"ascolto_scale_{cases}"
    url = urlunsplit(urlsplit(postgres)._replace(path=f"/{name}"))
    exists = asyncio.run(
        _postgres(postgres, f"SELECT count(*) FROM pg_database WHERE datname = '{name}'")
    )
    built = exists and asyncio.run(
        _postgres(
            url, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'scale_built'"
        )
    )
    if not exists:
        asyncio.run(_postgres(postgres, f'CREATE DATABASE "{name}"'))
    return url, built


def mark_built(url: str, cases: int, cache: Path) -> None:
    if url.startswith("sqlite"):
        (cache / f"scale-{cases}.built").touch()
    else:
        asyncio.run(_postgres(url, "CREATE TABLE scale_built (built_at timestamptz)"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--postgres", help="a PostgreSQL server's URL (else SQLite)")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "ascolto-scale")
    parser.add_argument("--measure", choices=[*MEASURES, "build"], help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--cases", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # a child process: one measure, printed as one JSON line
        if args.measure == "build":
            print(json.dumps(asyncio.run(build(args.url, args.cases))))
        else:
            print(json.dumps(asyncio.run(MEASURES[args.measure](args.url))))
        return
    args.cache.mkdir(parents=True, exist_ok=True)
    engine = "PostgreSQL" if args.postgres else "SQLite"
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"{engine}, {len(os.sched_getaffinity(0))} cores, load average {load},"
        f" {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    results: dict[int, dict[str, float]] = {}
    for cases in args.sizes:
        url, built = database_for(cases, args.cache, args.postgres)
        figures: dict[str, float] = {}
        if not built:
            figures |= in_new_process("build", url, cases)
            mark_built(url, cases, args.cache)
            print(
                f"{cases:,} cases built: import {figures['import']:.0f} s"
                f" ({figures['import rate']:,.0f} cases/s), answers {figures['answers']:.0f} s"
            )
        for measure in MEASURES:
            figures |= in_new_process(measure, url)
        results[cases] = figures
    report(results)


def report(results: dict[int, dict[str, float]]) -> None:
    sizes = sorted(results)
    keys = [key for key in results[sizes[-1]] if all(key in results[size] for size in sizes)]
    print(f"{'figure':<52}" + "".join(f"{size:>14,}" for size in sizes) + "   growth  target")
    for key in keys:
        values = [results[size][key] for size in sizes]
        unit = "s" if not key.endswith("MiB") and "rate" not in key else ""
        growth = f"{values[-1] / values[0]:6.1f}x" if values[0] else "     -"
        target = _target(key)
        verdict = ""
        if target is not None:
            verdict = f"<= {target:g} s " + ("ok" if values[-1] <= target else "MISSED")
        cells = "".join(
            f"{value * 1000:>11.0f} ms"
            if unit == "s" and value < 1
            else f"{value:>12,.1f}{unit:>2}"
            for value in values
        )
        print(f"{key[:52]:<52}{cells}  {growth}  {verdict}")


def _target(key: str) -> float | None:
    for prefix in ("cold", "warm"):
        if key.startswith(prefix + " "):
            return TARGETS[prefix]
    return TARGETS.get(key)


if __name__ == "__main__":
    main()
