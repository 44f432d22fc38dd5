"""Import 100,000 generated cases from CSV into SQLite, next to plain sqlite3 executemany.

Run: .venv/bin/python bench/import_bench.py [--rows 100000]
Target: the import runs at no less than half the plain executemany rate.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import random
import sqlite3
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from case_bridge.importing import import_file
from case_bridge.schemas import IMPORT_COLUMNS
from survey.db import open_database, upgrade
from survey.hooks import hooks_for
from survey.settings import Settings

CHANNELS = ["phone"] * 80 + ["web_form"] * 8 + ["email"] * 7 + ["pec"] * 3 + ["fax", "letter"]
TYPES = (
    ["information"] * 65
    + ["report"] * 12
    + ["intervention"] * 5
    + ["complaint"] * 2
    + [
        "compliment",
        "offer",
    ]
)


def generate(path: Path, rows: int) -> None:
    rng = random.Random(7)
    start = datetime(2011, 7, 4, 9)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=IMPORT_COLUMNS)
        writer.writeheader()
        for number in range(1, rows + 1):
            opened = start + timedelta(minutes=number * 3)
            closed = opened + timedelta(minutes=rng.randint(1, 600))
            writer.writerow(
                {
                    "code": f"CC-2012-{number:06d}",
                    "opened_at": opened.isoformat(sep=" "),
                    "channel": rng.choice(CHANNELS),
                    "request_type": rng.choice(TYPES),
                    "topic": "volontariato",
                    "region": "abruzzo",
                    "contact_email": (
                        f"cittadino{number}@example.org" if rng.random() < 0.2 else ""
                    ),
                    "status": "closed",
                    "resolution_path": "front_office",
                    "closed_at": closed.isoformat(sep=" "),
                }
            )


def plain_executemany(database: Path, source: Path) -> float:
    """Seconds for plain sqlite3 to read the CSV and executemany it into the same table."""
    started = time.perf_counter()
    with source.open(newline="") as handle:
        rows = [
            (
                r["code"],
                r["opened_at"],
                r["channel"],
                r["request_type"],
                r["topic"],
                r["region"],
                r["contact_email"] or None,
                r["status"],
                r["resolution_path"],
                r["closed_at"],
            )
            for r in csv.DictReader(handle)
        ]
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        'INSERT INTO "cases" (code, opened_at, channel, request_type, topic, region, '
        "contact_email, status, resolution_path, closed_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
        rows,
    )
    connection.execute("COMMIT")
    connection.close()
    return time.perf_counter() - started


async def migrated(path: Path) -> Settings:
    settings = Settings(secret_key="b" * 32, bridge_key="b" * 16, database_url=f"sqlite:///{path}")
    async with open_database(settings) as engine:
        await upgrade(engine)
    return settings


async def ascolto_import(settings: Settings, source: Path) -> float:
    async with open_database(settings):
        started = time.perf_counter()
        report = await import_file(source, on_closed=hooks_for(settings).on_case_closed)
        elapsed = time.perf_counter() - started
    if report.imported != report.rows:  # a rate of rows not imported is no rate: stop
        raise SystemExit(f"FAILED: the import imported {report.imported} of {report.rows} rows")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    arguments = parser.parse_args()
    rows = arguments.rows
    plain_times, ours_times = [], []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "cases.csv"
        generate(source, rows)
        for run in range(arguments.repeat):
            # Alternated, each on a fresh database, so both meet the same machine weather.
            plain_settings = asyncio.run(migrated(Path(folder) / f"plain{run}.db"))
            plain_times.append(plain_executemany(Path(plain_settings.database_url[10:]), source))
            ours_settings = asyncio.run(migrated(Path(folder) / f"ascolto{run}.db"))
            ours_times.append(asyncio.run(ascolto_import(ours_settings, source)))
    plain, ours = min(plain_times), min(ours_times)
    print(f"rows                      {rows:>10,}   best of {arguments.repeat} runs each")
    print(f"plain sqlite3 executemany {rows / plain:>10,.0f} rows/s  ({plain:.2f} s)")
    print(f"ascolto cases import      {rows / ours:>10,.0f} rows/s  ({ours:.2f} s)")
    print(f"ratio                     {plain / ours:>10.2f}x  (target >= 0.50x)")
    print("the import also validates every row and writes each case's status history")


if __name__ == "__main__":
    main()
