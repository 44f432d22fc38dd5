"""HTTP load over loopback for the benches, told honestly.

- Every answer's status is checked: a run that met anything but the expected status (or a
  socket error, a timeout) raises `WrongAnswers`, naming the side, instead of printing a rate
  that timed errors.
- The load comes from `wrk` (C, one thread) when it is installed, else from the Python client
  of `bench/loopback_client.py`, which shares the machine's cores less fairly with the server.
- Each run sends one request per path of its own list for a fixed time; a run that would need
  more paths than it was given fails (a path reused would be a different request, e.g. a
  change of an answer instead of a first answer).
- The sides are measured alternately, several times each, and printed with their spread and
  the setup they ran on (`setup_line`).
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.loopback_client import close_pool, open_pool

CONNECT_TIMEOUT_SECONDS = 10


class WrongAnswers(RuntimeError):
    """A run met answers it must not count: its figures would time errors, not work."""


def check_statuses(
    side: str,
    statuses: Mapping[int, int],
    socket_errors: Mapping[str, int] | None = None,
    expected: int = 200,
) -> int:
    """The number of answers of a run; `WrongAnswers` unless every one was `expected` and no
    request failed at the socket (connect, read, write, timeout)."""
    wrong = {status: count for status, count in statuses.items() if status != expected}
    failed = {kind: count for kind, count in (socket_errors or {}).items() if count}
    if wrong or failed:
        details = ", ".join(
            [f"{count} × {status}" for status, count in sorted(wrong.items())]
            + [f"{count} {kind} errors" for kind, count in sorted(failed.items())]
        )
        raise WrongAnswers(f"{side}: {details} (only {expected}s may be counted)")
    answers = sum(statuses.values())
    if not answers:
        raise WrongAnswers(f"{side}: no answer at all")
    return answers


@dataclass
class Run:
    """One timed run of one side."""

    side: str
    answers: int
    seconds: float
    p50_ms: float
    p99_ms: float
    sent: int
    acknowledged: list[str] = field(default_factory=list)  # what the answers named (case codes)

    @property
    def rate(self) -> float:
        return self.answers / self.seconds


def load_generator() -> str:
    """`wrk <version>` when wrk is installed, else `python`."""
    if shutil.which("wrk") is None:
        return "python"
    head = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    return f"wrk {head[1]}" if len(head) > 1 else "wrk"


def run_load(
    side: str,
    port: int,
    method: str,
    paths: Sequence[str],
    body: object,
    *,
    connections: int,
    seconds: float,
    generator: str,
    acknowledged_key: str | None = None,
) -> Run:
    """Send `method path` with the JSON `body`, one path each, from `connections` keep-alive
    connections for `seconds` (whole seconds with wrk); every answer checked
    (`check_statuses`). `acknowledged_key`: a field of the answers' JSON to collect from each
    one (what was acknowledged)."""
    if generator.startswith("wrk"):
        run = _wrk(side, port, method, paths, body, connections, seconds, acknowledged_key)
    else:
        run = asyncio.run(
            _python(side, port, method, paths, body, connections, seconds, acknowledged_key)
        )
    if run.sent > len(paths):
        raise WrongAnswers(
            f"{side}: {run.sent:,} requests sent in {seconds} s but only {len(paths):,} paths"
            " were prepared: give the bench more (--answers) or a shorter run (--seconds)"
        )
    return run


# The Lua of wrk's one thread: one path per request from a file, each answer's status counted
# and the acknowledged field collected; `done` prints it all as one JSON line.
_WRK_SCRIPT = r"""
local paths, method, body, key = {}, nil, nil, nil
local next_path = 0
statuses, acknowledged, sent = {}, {}, 0

function init(args)
  method, key = args[1], args[4]
  for line in io.lines(args[2]) do paths[#paths + 1] = line end
  local file = io.open(args[3], "rb"); body = file:read("*a"); file:close()
end

function request()
  next_path = next_path % #paths + 1
  sent = sent + 1
  return wrk.format(method, paths[next_path], {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, answer)
  statuses[status] = (statuses[status] or 0) + 1
  if key ~= "" and status == 200 then
    local value = answer:match('"' .. key .. '":"([^"]*)"')
    if value then acknowledged[#acknowledged + 1] = value end
  end
end

local threads = {}
function setup(thread) threads[#threads + 1] = thread end

function done(summary, latency, requests)
  local counts, codes, total_sent = {}, {}, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counts[#counts + 1] = string.format('"%d": %d', status, count)
    end
    for _, value in ipairs(thread:get("acknowledged")) do
      codes[#codes + 1] = string.format('"%s"', value)
    end
    total_sent = total_sent + thread:get("sent")
  end
  local errors = summary.errors
  io.write(string.format(
    '\nWRK-RESULT {"microseconds": %d, "sent": %d, "p50": %d, "p99": %d, "statuses": {%s},'
    .. ' "errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d},'
    .. ' "acknowledged": [%s]}\n',
    summary.duration, total_sent, latency:percentile(50), latency:percentile(99),
    table.concat(counts, ", "), errors.connect, errors.read, errors.write, errors.timeout,
    table.concat(codes, ", ")))
end
"""


def _wrk(
    side: str,
    port: int,
    method: str,
    paths: Sequence[str],
    body: object,
    connections: int,
    seconds: float,
    acknowledged_key: str | None,
) -> Run:
    with tempfile.TemporaryDirectory() as folder:
        script, path_file, body_file = (Path(folder) / name for name in ("s.lua", "p", "b"))
        script.write_text(_WRK_SCRIPT)
        path_file.write_text("\n".join(paths) + "\n")
        body_file.write_bytes(json.dumps(body).encode())
        # wrk takes whole seconds.
        argv = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
        argv += ["--timeout", "10s"]
        argv += ["-s", str(script), f"http://127.0.0.1:{port}", "--"]
        argv += [method, str(path_file), str(body_file), acknowledged_key or ""]
        finished = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    lines = [line for line in finished.stdout.splitlines() if line.startswith("WRK-RESULT ")]
    if finished.returncode != 0 or not lines:
        raise WrongAnswers(f"{side}: wrk failed: {finished.stderr[-1000:] or finished.stdout}")
    result = json.loads(lines[0].removeprefix("WRK-RESULT "))
    statuses = {int(status): count for status, count in result["statuses"].items()}
    answers = check_statuses(side, statuses, result["errors"])
    return Run(
        side=side,
        answers=answers,
        seconds=result["microseconds"] / 1e6,
        p50_ms=result["p50"] / 1000,
        p99_ms=result["p99"] / 1000,
        sent=result["sent"],
        acknowledged=result["acknowledged"],
    )


async def _python(
    side: str,
    port: int,
    method: str,
    paths: Sequence[str],
    body: object,
    connections: int,
    seconds: float,
    acknowledged_key: str | None,
) -> Run:
    queue = list(reversed(paths))
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    errors: Counter[str] = Counter()
    acknowledged: list[str] = []
    sent = 0
    pool = await asyncio.wait_for(open_pool(port, connections), CONNECT_TIMEOUT_SECONDS)
    deadline = time.perf_counter() + seconds

    async def client(connection) -> None:
        nonlocal sent
        while queue and time.perf_counter() < deadline:
            path = queue.pop()
            sent += 1
            started = time.perf_counter()
            try:
                status, answer = await connection.request(method, path, body)
            except (OSError, asyncio.IncompleteReadError):
                errors["read"] += 1
                return
            latencies.append(time.perf_counter() - started)
            statuses[status] += 1
            if acknowledged_key and status == 200:
                acknowledged.append(json.loads(answer)[acknowledged_key])

    started = time.perf_counter()
    await asyncio.gather(*(client(connection) for connection in pool))
    elapsed = time.perf_counter() - started
    await close_pool(pool)
    if not queue and elapsed < seconds:
        sent = len(paths) + 1  # the paths ran out before the time did: `run_load` says so
    answers = check_statuses(side, statuses, errors)
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return Run(side, answers, elapsed, cuts[49] * 1000, cuts[98] * 1000, sent, acknowledged)


def setup_line(*, engine: str, workers: int, generator: str, connections: int) -> str:
    """Where the figures were taken: cores, load, engine, workers, load generator, date."""
    cores = len(os.sched_getaffinity(0))
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"setup: {cores} cores ({platform.processor() or platform.machine()}), load average"
        f" {load}; {engine}; {workers} uvicorn worker{'s' if workers > 1 else ''} per side;"
        f" load from {generator}, {connections} connections; Python"
        f" {platform.python_version()}; {when}"
    )


@dataclass
class Sides:
    """The runs of the two sides of a comparison, in the order they were taken."""

    ours: list[Run] = field(default_factory=list)
    baseline: list[Run] = field(default_factory=list)

    def summary(self, name: str, runs: Sequence[Run]) -> str:
        rates = [run.rate for run in runs]
        p99s = [run.p99_ms for run in runs]
        return (
            f"{name:24} median {statistics.median(rates):>7,.0f}/s"
            f" (spread {min(rates):,.0f}–{max(rates):,.0f}),"
            f" p99 median {statistics.median(p99s):.1f} ms (max {max(p99s):.1f})"
        )

    def ratio(self) -> tuple[float, float, float]:
        """(median ratio, lowest and highest ratio of the runs taken side by side)."""
        pairs = [
            ours.rate / baseline.rate
            for ours, baseline in zip(self.ours, self.baseline, strict=True)
        ]
        median = statistics.median(run.rate for run in self.ours) / statistics.median(
            run.rate for run in self.baseline
        )
        return median, min(pairs), max(pairs)


def print_run(number: int, run: Run) -> None:
    print(
        f"run {number}  {run.side:24} {run.rate:>8,.0f}/s  p50 {run.p50_ms:6.1f} ms"
        f"  p99 {run.p99_ms:6.1f} ms  ({run.answers:,} answers in {run.seconds:.2f} s)"
    )
