"""`ascolto serve --workers N` as a user starts it: with `--demo` and no keys in the environment
(the demo's development keys reach the workers through it), and without."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import msgspec
import pytest
import requests

from survey.cli import default_workers
from survey.settings import Settings
from tests.conftest import BRIDGE_KEY, SECRET_KEY
from tests.reliability.server import ROOT, free_port

START_SECONDS = 180.0  # the demo loads a year of cases first


def serve(*args: str, env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    argv = [sys.executable, "-m", "survey.cli", "serve", "--port", str(port), *args]
    with log.open("ab") as output:
        process = subprocess.Popen(
            argv,
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            if requests.get(f"{base_url}/manage/login", timeout=2).status_code == 200:
                return process, base_url
        except requests.ConnectionError:
            time.sleep(0.5)
    stop(process)
    raise AssertionError(f"not serving after {START_SECONDS} s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def workers_of(parent: int) -> set[int]:
    """The live worker processes uvicorn spawned from `parent` (not multiprocessing's
    resource tracker, its other child)."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and fields[0] != "Z" and b"resource_tracker" not in command:
            children.add(int(stat.parent.name))
    return children


def assert_both_workers_answer(process: subprocess.Popen, base_url: str, log: Path) -> None:
    workers = workers_of(process.pid)
    assert len(workers) == 2, log.read_text()[-3000:]
    with requests.Session() as http:
        for _ in range(40):
            assert http.get(f"{base_url}/manage/login", timeout=10).status_code == 200
    time.sleep(1)
    # The same two workers, none crashed and started again.
    assert workers_of(process.pid) == workers
    assert "died" not in log.read_text()


def test_serve_with_two_workers_with_and_without_the_demo(tmp_path):
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("ASCOLTO_")}
    env = inherited | {
        "ASCOLTO_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "ASCOLTO_OUTBOX_INTERVAL_SECONDS": "3600",
    }
    log = tmp_path / "demo.log"
    process, base_url = serve("--demo", "--workers", "2", env=env, log=log)
    try:
        assert_both_workers_answer(process, base_url, log)
        bridge_key = log.read_text().split("(header X-Bridge-Key): ")[1].split()[0]
        cases = requests.get(f"{base_url}/api/cases", headers={"X-Bridge-Key": bridge_key})
        assert cases.status_code == 200 and cases.json()["total"] > 0
    finally:
        stop(process)
    keys = {"ASCOLTO_SECRET_KEY": SECRET_KEY, "ASCOLTO_BRIDGE_KEY": BRIDGE_KEY}
    log = tmp_path / "plain.log"
    process, base_url = serve("--workers", "2", env=env | keys, log=log)
    try:
        assert_both_workers_answer(process, base_url, log)
    finally:
        stop(process)


def test_serve_on_postgresql_starts_one_worker_per_core(fresh_postgres, tmp_path):
    cores = len(os.sched_getaffinity(0))
    if cores < 2:
        pytest.skip("one worker per core shows only on a machine with two cores or more")
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("ASCOLTO_")}
    env = inherited | {
        "ASCOLTO_DATABASE_URL": fresh_postgres,
        "ASCOLTO_SECRET_KEY": SECRET_KEY,
        "ASCOLTO_BRIDGE_KEY": BRIDGE_KEY,
        "ASCOLTO_OUTBOX_INTERVAL_SECONDS": "3600",
    }
    log = tmp_path / "postgres.log"
    process, base_url = serve(env=env, log=log)
    try:
        assert len(workers_of(process.pid)) == cores, log.read_text()[-3000:]
        assert requests.get(f"{base_url}/manage/login", timeout=10).status_code == 200
    finally:
        stop(process)


def test_serve_on_sqlite_defaults_to_one_process(tmp_path):
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'one.db'}",
        secret_key=SECRET_KEY,
        bridge_key=BRIDGE_KEY,
    )
    assert default_workers(settings) == 1
    postgres = msgspec.structs.replace(settings, database_url="postgresql://u@db/ascolto")
    assert default_workers(postgres) == len(os.sched_getaffinity(0))


def test_the_two_worker_fixture_serves_postgresql_from_two_processes(two_workers):
    process = two_workers.process
    assert process is not None
    assert_both_workers_answer(process, two_workers.base_url, two_workers.log)
    cases = requests.get(
        f"{two_workers.base_url}/api/cases", headers={"X-Bridge-Key": BRIDGE_KEY}, timeout=10
    )
    assert cases.status_code == 200 and cases.json()["total"] == 0
