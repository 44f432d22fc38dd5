"""The management dashboard on a year of data: cold and warm response times of every page.

Loads the demo year (`load_demo_year`: 13,955 cases, about 1,800 answers) into a temporary
SQLite database, serves the app in this process (httpx over ASGI: no network in the figures),
signs a manager in, then for each page and its JSON twin: a cold request (the process's figure
cache emptied first, so the period is read, analysed and drawn again) and warm requests (from
the cache, after the data-version check).

Run: .venv/bin/python bench/dashboard_bench.py [--warm 10]
Targets: warm < 300 ms, cold < 2 s, for every page.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from survey.accounts.services import create_user
from survey.app import create_app
from survey.db import open_database, upgrade
from survey.demo import load_demo_year
from survey.settings import Settings

WARM_TARGET, COLD_TARGET = 0.300, 2.0
PASSWORD = "bench-password-0123"
PERIOD = "from=2011-07-04&to=2012-07-04"
PAGES = (
    "/manage/dashboard",
    "/manage/dashboard/path",
    "/manage/dashboard/channel",
    "/manage/dashboard/request-type",
    "/manage/dashboard/time-to-close",
    "/manage/dashboard/emergencies",
    "/manage/dashboard/non-response",
    "/manage/dashboard/follow-ups",
    "/manage/dashboard/consultations",
    "/api/manage/dashboard/overview",
    "/api/manage/dashboard/path",
    "/api/manage/dashboard/channel",
    "/api/manage/dashboard/request-type",
    "/api/manage/dashboard/time-to-close",
    "/api/manage/dashboard/emergencies",
    "/api/manage/dashboard/non-response",
    "/api/manage/dashboard/follow-ups",
    "/manage/dashboard?" + PERIOD + "&channel=email",
)


async def prepare(settings: Settings) -> float:
    """Migrate, load the demo year, add a manager; seconds the demo year took."""
    async with open_database(settings) as engine:
        await upgrade(engine)
        summary = await load_demo_year(settings=settings)
        await create_user(name="bench-manager", password=PASSWORD, role="manager")
    return summary.seconds


async def timed(client: httpx.AsyncClient, path: str) -> float:
    started = time.perf_counter()
    response = await client.get(path)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:  # a figure of an error page is no figure: stop
        raise SystemExit(f"FAILED: {path} answered {response.status_code}: {response.text[:300]}")
    return elapsed


def _with_period(path: str) -> str:
    return path if "?" in path else f"{path}?{PERIOD}"


async def measure(settings: Settings, warm_rounds: int) -> bool:
    app = create_app(settings)
    ok = True
    async with app.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            await client.get("/manage/login")
            login = await client.post(
                "/api/manage/session",
                json={"name": "bench-manager", "password": PASSWORD},
                headers={"X-CSRFToken": client.cookies["csrftoken"]},
            )
            if login.status_code != 200:
                raise SystemExit(f"FAILED: the manager's login answered {login.status_code}")
            first = await timed(client, _with_period(PAGES[0]))
            print(f"first request after start (imports, fonts, cold cache): {first * 1000:.0f} ms")
            print(f"{'page':<58} {'cold':>8} {'warm p50':>9} {'warm max':>9}")
            for path in PAGES:
                app.state["dashboard_cache"].clear()
                cold = await timed(client, _with_period(path))
                warm = [await timed(client, _with_period(path)) for _ in range(warm_rounds)]
                verdict = "ok" if cold < COLD_TARGET and max(warm) < WARM_TARGET else "SLOW"
                ok &= verdict == "ok"
                median = statistics.median(warm)
                print(
                    f"{path[:58]:<58} {cold * 1000:>6.0f} ms {median * 1000:>6.0f} ms"
                    f" {max(warm) * 1000:>6.0f} ms  {verdict}"
                )
            print(f"cache: {len(app.state['dashboard_cache'])} entries")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", type=int, default=10, help="warm requests per page")
    arguments = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            database_url=f"sqlite:///{Path(folder) / 'dashboard.db'}",
            secret_key="bench-secret-key-bench-secret-key-000",
            bridge_key="bench-bridge-key-000",
        )
        seconds = asyncio.run(prepare(settings))
        print(f"demo year loaded in {seconds:.1f} s")
        ok = asyncio.run(measure(settings, arguments.warm))
    print(
        f"targets: warm < {WARM_TARGET * 1000:.0f} ms, cold < {COLD_TARGET:.0f} s: "
        + ("all met" if ok else "NOT MET")
    )


if __name__ == "__main__":
    main()
