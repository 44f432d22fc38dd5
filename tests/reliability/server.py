"""The app as a real server: `python -m uvicorn --factory survey.app:create_app` in its own
process, configured only through ASCOLTO_* variables, as production runs it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Migrations, then the app's start-up in each worker: 25 s seen on a loaded 2-core machine.
START_SECONDS = 90.0


def free_port() -> int:
    """A port nobody listens on now (the kernel picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(
    *, database_url: str, secret_key: str, bridge_key: str, **more: str
) -> dict[str, str]:
    """The process environment of a server on `database_url` (rate limit out of the way)."""
    values = {
        "ASCOLTO_DATABASE_URL": database_url,
        "ASCOLTO_SECRET_KEY": secret_key,
        "ASCOLTO_BRIDGE_KEY": bridge_key,
        "ASCOLTO_RATE_LIMIT_PER_MINUTE": "100000000",
        "ASCOLTO_OUTBOX_INTERVAL_SECONDS": "3600",
    }
    values |= {f"ASCOLTO_{name.upper()}": value for name, value in more.items()}
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("ASCOLTO_")}
    return inherited | values


class AppServer:
    """One uvicorn process serving the app; start, SIGKILL and start again on the same port."""

    def __init__(
        self, env: dict[str, str], log: Path, *, workers: int = 1, serve_command: bool = False
    ) -> None:
        # serve_command: run `ascolto serve` (its uvicorn options, its default log level)
        # instead of uvicorn with the factory.
        self.env, self.log, self.workers = env, log, workers
        self.serve_command = serve_command
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> AppServer:
        argv = (
            self._serve_argv()
            if self.serve_command
            else [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "survey.app:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                "--workers",
                str(self.workers),
            ]
        )
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                argv,
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: kill() reaches every worker
            )
        self._wait_until_listening()
        return self

    def _serve_argv(self) -> list[str]:
        host = ["--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers)]
        return [sys.executable, "-m", "survey.cli", "serve", *host]

    def _wait_until_listening(self) -> None:
        # uvicorn binds its socket only after the app's start-up (database open) has succeeded.
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited at start-up:\n{self.log_tail()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"the server did not start in {START_SECONDS} s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL, as a crash or the OOM killer would: no shut-down code runs."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, characters: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-characters:] if self.log.exists() else ""
