"""`ascolto demo` on a fresh temporary SQLite database: how long it takes, and what it made.

Run: .venv/bin/python bench/demo_bench.py [--seed N]
Target: under 60 s (the aim is under 15 s), migrations included.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 60.0
COUNTS = {
    "cases": 'SELECT COUNT(*) FROM "cases"',
    "case events": 'SELECT COUNT(*) FROM "case_events"',
    "offices": 'SELECT COUNT(*) FROM "office"',
    "referents": 'SELECT COUNT(*) FROM "referent"',
    "emergency periods": 'SELECT COUNT(*) FROM "emergency_period"',
    "answers": 'SELECT COUNT(*) FROM "feedback_responses"',
    "revisions": 'SELECT COUNT(*) FROM "feedback_revisions"',
    "follow-ups": 'SELECT COUNT(*) FROM "follow_ups"',
    "invitations": 'SELECT COUNT(*) FROM "feedback_invitations"',
}


def run_demo(database: Path, seed: int | None) -> float:
    """Seconds `ascolto demo` takes as a user runs it (a new process, migrations included)."""
    env = os.environ | {
        "ASCOLTO_DATABASE_URL": f"sqlite:///{database}",
        "ASCOLTO_SECRET_KEY": "bench-secret-key-bench-secret-key-0123",
        "ASCOLTO_BRIDGE_KEY": "bench-bridge-key-0123",
    }
    command = [str(Path(sys.executable).with_name("ascolto")), "demo"]
    if seed is not None:
        command += ["--seed", str(seed)]
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=None)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "demo.db"
        seconds = run_demo(database, arguments.seed)
        with sqlite3.connect(database) as connection:
            counts = {name: connection.execute(sql).fetchone()[0] for name, sql in COUNTS.items()}
    verdict = "ok" if seconds < TARGET_SECONDS else "SLOWER THAN TARGET"
    print(f"ascolto demo: {seconds:.1f} s (target < {TARGET_SECONDS:.0f} s) {verdict}")
    for name, count in counts.items():
        print(f"  {name:<18} {count:>7,}")


if __name__ == "__main__":
    main()
