"""Citizen answers over loopback: `PUT /api/feedback/{token}` against the app, next to a bare
Litestar endpoint that only validates the same body, both served by uvicorn (same number of
workers) and loaded by wrk (`bench/load.py`; the Python client when wrk is not installed).

Every token is a closed case's own link, answered once: every run's answers are first answers.
The two sides run alternately, `--repetitions` times each, after a warm-up of each; every
answer of every run must be a 200 (anything else stops the bench), and every answer
acknowledged must be stored once the runs are over (nothing lost).

Run: .venv/bin/python bench/feedback_bench.py [--seconds 3] [--repetitions 3]
         [--connections 64] [--workers 1] [--postgres postgresql://postgres@127.0.0.1:5432/x]
Targets (issue 19): SQLite >= 0.5x the bare endpoint with p99 < 50 ms at 64 connections;
PostgreSQL >= 0.3x with p99 < 100 ms, two workers not slower than one; nothing lost.

Where the time of an answer goes (SQLite, one worker). `--profile FILE` samples both servers
with py-spy during their first run (collapsed stacks, every thread). Called in process over
ASGI (no HTTP, CPU time per request, 3,000 answers from 64 concurrent tasks, 1 December 2026
on the shared machine), an answer cost about 450-510 µs of CPU and the bare endpoint 80-90 µs:

- the SQLite writer's thread, 120-140 µs: the answer's script (the link and the current
  answer read in one statement, the questionnaire's pin, the answer and its revision, each
  script in its savepoint, one commit per batch) and the answers' validation. It was 185 µs
  with a row lock and a second read that only PostgreSQL needs (now left out on SQLite).
- the event loop's thread, the rest; shares of its time in the app (cProfile):
  Litestar's route handling 55 % (the body read and converted 12 %, our handler 9 %, the
  answer made and sent 23 %), the Prometheus middleware 16 % (it was a third more before it
  read the route template instead of building each request's URL), the access log 13 %
  (one JSON-ready log record per request), routing and the exception middleware 8 %, the
  rate limit and the CSRF check 3 %, the security headers 3 %.

The bare endpoint has none of these layers: each is a feature the service needs (metrics,
the access log, limits, headers), so the ratio stays far from 1. Over HTTP uvicorn adds the
same cost to both sides, which is why the ratio there is higher than in process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.load import (
    Run,
    Sides,
    WrongAnswers,
    load_generator,
    print_run,
    run_load,
    setup_line,
)
from tests.conftest import BRIDGE_KEY, SECRET_KEY
from tests.reliability.preparing import prepare as closed_cases

ROOT = Path(__file__).resolve().parent.parent
BODY = {
    "answers": {"satisfaction": 4, "liked": "speed", "resolved": "yes", "effort": 6, "recommend": 9}
}
OURS, BASELINE = "PUT /api/feedback", "bare Litestar endpoint"
WARM_UP_SECONDS = 1.0
TARGETS = {"sqlite": (0.5, 50.0), "postgres": (0.3, 100.0)}  # ratio, p99 ms


class Body(msgspec.Struct, forbid_unknown_fields=True):
    """The bare endpoint's body. At module level: under `from __future__ import annotations`
    Litestar resolves a handler's annotations in its module, and a Struct defined inside
    `bare_app` was not found there (every request answered 500, counted as served)."""

    answers: dict[str, Any]
    via: str | None = None


def bare_app():
    """A Litestar app with one endpoint that validates the same body and does nothing else."""
    from litestar import Litestar, put
    from litestar.params import FromPath, JSONBody

    @put("/api/feedback/{token:str}")
    async def validate(token: FromPath[str], data: JSONBody[Body]) -> dict[str, str]:
        return {"token": token}

    return Litestar([validate])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database_url: str, workers: int) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("ASCOLTO_")}
    return inherited | {
        "ASCOLTO_DATABASE_URL": database_url,
        "ASCOLTO_SECRET_KEY": SECRET_KEY,
        "ASCOLTO_BRIDGE_KEY": BRIDGE_KEY,
        "ASCOLTO_RATE_LIMIT_PER_MINUTE": "100000000",
        "ASCOLTO_OUTBOX_INTERVAL_SECONDS": "3600",
        "ASCOLTO_WORKERS": str(workers),  # the pool of PostgreSQL connections shared out
        "PYTHONPATH": str(ROOT),
    }


@contextlib.contextmanager
def serving(factory: str, env: dict[str, str], workers: int) -> Iterator[tuple[int, int]]:
    """uvicorn serving `factory` on a free port (its own process group); yields the port and
    the server's process id."""
    port = free_port()
    uvicorn = ["-m", "uvicorn", "--factory", factory, "--port", str(port), "--workers"]
    uvicorn += [str(workers), "--log-level", "warning", "--no-access-log"]
    # The app's access log (a line per request) goes to a file, as a server's would: a pipe
    # nobody reads would fill and stop the server.
    log = tempfile.NamedTemporaryFile(prefix="feedback-bench-", suffix=".log")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, *uvicorn],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_for(port, server, Path(log.name))
        yield port, server.pid
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


@contextlib.contextmanager
def sampling(pid: int | None, output: Path | None, seconds: float) -> Iterator[None]:
    """py-spy sampling process `pid` (every thread, native frames left out) while the block
    runs, written to `output` as collapsed stacks; nothing when `pid` is None."""
    if pid is None or output is None:
        yield
        return
    spy_command = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    argv = [spy_command, "record", "--pid", str(pid), "--format", "raw", "--threads"]
    argv += ["--duration", str(max(1, round(seconds))), "--rate", "250", "-o", str(output)]
    spy = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)  # attached before the load starts
    try:
        yield
    finally:
        spy.wait(timeout=60)


def _wait_for(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start in 60 s")


@contextlib.contextmanager
def database(postgres: str | None) -> Iterator[str]:
    """A database of the bench's own: a temporary SQLite file, or a PostgreSQL database
    created on the server `postgres` names and dropped afterwards."""
    if postgres is None:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'bench.db'}"
        return
    name = f"ascolto_feedback_bench_{os.getpid()}"
    parts = urlsplit(postgres)
    url = urlunsplit(parts._replace(path=f"/{name}"))
    asyncio.run(_postgres(postgres, f'CREATE DATABASE "{name}"'))
    try:
        yield url
    finally:
        asyncio.run(_postgres(postgres, f'DROP DATABASE "{name}" WITH (FORCE)'))


async def _postgres(url: str, statement: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def stored_codes(database_url: str) -> list[str]:
    """The codes of the cases whose answer is stored."""
    from case_bridge import storage
    from survey.db import open_database
    from survey.settings import Settings

    settings = Settings(database_url=database_url, secret_key=SECRET_KEY, bridge_key=BRIDGE_KEY)
    async with open_database(settings):
        rows = await storage.run_sql(
            'SELECT c."code" FROM "feedback_responses" r JOIN "cases" c ON c."id" = r."case"'
        )
    return [row["code"] for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="length of each run")
    parser.add_argument("--repetitions", type=int, default=3, help="runs per side")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers per side")
    parser.add_argument("--answers", type=int, default=12_000, help="tokens prepared per run")
    parser.add_argument("--postgres", help="a PostgreSQL server's URL (else SQLite)")
    parser.add_argument("--client", choices=["wrk", "python"], help="default: wrk if installed")
    parser.add_argument(
        "--profile",
        type=Path,
        help="sample both servers with py-spy in their first run: FILE.app.txt, FILE.bare.txt",
    )
    args = parser.parse_args()
    generator = load_generator() if args.client != "python" else "python"
    engine = "postgres" if args.postgres else "sqlite"
    try:
        ok = bench(args, generator, engine)
    except WrongAnswers as wrong:
        raise SystemExit(f"FAILED: {wrong}") from None
    if not ok:
        raise SystemExit(1)


def bench(args: argparse.Namespace, generator: str, engine: str) -> bool:
    warm_up = 2_000
    with database(args.postgres) as url:
        started = time.perf_counter()
        cases = asyncio.run(closed_cases(url, warm_up + args.answers * args.repetitions))
        prepared = time.perf_counter() - started
        paths = [f"/api/feedback/{token}" for _, token in cases]
        slices = [paths[:warm_up]] + [
            paths[warm_up + n * args.answers : warm_up + (n + 1) * args.answers]
            for n in range(args.repetitions)
        ]
        env = environment(url, args.workers)
        sides = Sides()
        acknowledged: list[str] = []

        def measure(side: str, port: int, run_paths: list[str], seconds: float) -> Run:
            return run_load(
                side,
                port,
                "PUT",
                run_paths,
                BODY,
                connections=args.connections,
                seconds=seconds,
                generator=generator,
                acknowledged_key="case_code" if side == OURS else None,
            )

        print(
            setup_line(
                engine=describe(engine),
                workers=args.workers,
                generator=generator,
                connections=args.connections,
            )
        )
        print(
            f"{len(paths):,} closed cases prepared in {prepared:.1f} s; runs of {args.seconds} s,"
            f" {args.repetitions} per side, alternated, after a {WARM_UP_SECONDS} s warm-up each"
        )
        with (
            serving("survey.app:create_app", env, args.workers) as (ours, ours_pid),
            serving("bench.feedback_bench:bare_app", env, args.workers) as (baseline, bare_pid),
        ):
            pids = {OURS: ours_pid, BASELINE: bare_pid}
            acknowledged += measure(OURS, ours, slices[0], WARM_UP_SECONDS).acknowledged
            # The baseline stores nothing: it may have every token, in every run.
            measure(BASELINE, baseline, paths, WARM_UP_SECONDS)
            for number, run_paths in enumerate(slices[1:], start=1):
                order = [(OURS, ours), (BASELINE, baseline)]
                for side, port in order if number % 2 else reversed(order):
                    profile = args.profile and number == 1
                    with sampling(
                        pids[side] if profile else None,
                        args.profile.with_suffix(f".{'app' if side == OURS else 'bare'}.txt")
                        if profile
                        else None,
                        args.seconds,
                    ):
                        run = measure(
                            side, port, run_paths if side == OURS else paths, args.seconds
                        )
                    print_run(number, run)
                    (sides.ours if side == OURS else sides.baseline).append(run)
                    acknowledged += run.acknowledged
        stored = set(asyncio.run(stored_codes(url)))
    print(sides.summary(OURS, sides.ours))
    print(sides.summary(BASELINE, sides.baseline))
    ratio, lowest, highest = sides.ratio()
    target_ratio, target_p99 = TARGETS[engine]
    p99 = sorted(run.p99_ms for run in sides.ours)[len(sides.ours) // 2]
    met = ratio >= target_ratio and p99 < target_p99
    print(
        f"ratio {ratio:.2f}x (runs side by side: {lowest:.2f}–{highest:.2f}x);"
        f" target >= {target_ratio}x with p99 < {target_p99:.0f} ms: {'met' if met else 'NOT MET'}"
    )
    lost = [code for code in acknowledged if code not in stored]
    print(
        f"acknowledged {len(acknowledged):,} answers, stored {len(stored):,} (the rest in flight"
        f" as a run ended): {'nothing lost' if not lost else f'{len(lost):,} LOST'}"
    )
    print(
        setup_line(
            engine=describe(engine),
            workers=args.workers,
            generator=generator,
            connections=args.connections,
        ).replace("setup:", "at the end:")
    )
    return not lost


def describe(engine: str) -> str:
    if engine == "sqlite":
        return "SQLite (WAL, synchronous FULL, one writer)"
    return "PostgreSQL 15 on this machine"


if __name__ == "__main__":
    main()
