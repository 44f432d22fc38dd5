"""The way past one process: `ascolto serve --workers 2` on PostgreSQL, driven through a
citizen's and a manager's whole journey, every request on a connection of its own so that the
kernel hands each to either worker. What one worker stores, the other serves: links, answers
and their changes, the manager's session, and the dashboard's figures, whose per-process cache
is keyed on a data version that every worker reads from the database."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

from tests.conftest import BRIDGE_KEY
from tests.reliability.server import ROOT, AppServer
from tests.reliability.test_serve import workers_of

BRIDGE = {"X-Bridge-Key": BRIDGE_KEY}
PASSWORD = "journey-password-0123"
GOOD = {"satisfaction": 5, "liked": "speed", "resolved": "yes", "effort": 6, "recommend": 9}
ROUNDS = 6  # each check repeated: the requests spread over both workers


def call(server: AppServer, method: str, path: str, **request) -> requests.Response:
    """One request on a connection of its own (`Connection: close`)."""
    headers = {"Connection": "close"} | request.pop("headers", {})
    return requests.request(method, server.base_url + path, headers=headers, timeout=60, **request)


def cpu_ticks(pid: int) -> int:
    """The CPU time (user + system, in clock ticks) process `pid` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def open_and_close(server: AppServer, code: str, number: int) -> str:
    """A case opened and closed by the main platform; its citizen's feedback link (path)."""
    body = {
        "code": code,
        "opened_at": (datetime.now(UTC) - timedelta(hours=3)).isoformat(),
        "channel": "email",
        "request_type": "information",
        "topic": "volontariato",
        "region": "emilia_romagna",
        "contact_email": f"citizen{number}@example.org",
    }
    assert call(server, "POST", "/api/cases", json=body, headers=BRIDGE).status_code == 201
    closed = call(server, "POST", f"/api/cases/{code}/close", json={}, headers=BRIDGE)
    assert closed.status_code == 200, closed.text
    link = call(server, "GET", f"/api/feedback-links/{code}", headers=BRIDGE)
    assert link.status_code == 200, link.text
    return "/f/" + link.json()["link"].rsplit("/f/", 1)[1].split("?")[0]


def sign_in(server: AppServer) -> dict[str, str]:
    command = ["users", "create", "direttrice", "--role", "manager", "--password-stdin"]
    created = subprocess.run(
        [sys.executable, "-m", "survey.cli", *command],
        input=PASSWORD + "\n",
        env=server.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert created.returncode == 0, created.stdout + created.stderr
    cookies = dict(call(server, "GET", "/manage/login").cookies)
    session = call(
        server,
        "POST",
        "/api/manage/session",
        json={"name": "direttrice", "password": PASSWORD},
        cookies=cookies,
        headers={"X-CSRFToken": cookies["csrftoken"]},
    )
    assert session.status_code == 200, session.text
    return cookies | dict(session.cookies)


def overview(server: AppServer, cookies: dict[str, str], period: str) -> list[tuple[int, int]]:
    """(answers, open follow-ups) of the dashboard's overview, asked ROUNDS times."""
    seen = []
    for _ in range(ROUNDS):
        answer = call(server, "GET", f"/api/manage/dashboard/overview?{period}", cookies=cookies)
        assert answer.status_code == 200, answer.text
        seen.append((answer.json()["basis"]["answers"], answer.json()["open_follow_ups"]))
    return seen


def test_a_citizen_and_a_manager_journey_through_two_workers(two_workers: AppServer) -> None:
    server = two_workers
    assert server.process is not None
    workers = workers_of(server.process.pid)
    assert len(workers) == 2
    used_before = {pid: cpu_ticks(pid) for pid in workers}
    today = datetime.now(UTC).date()
    period = f"from={today - timedelta(days=2)}&to={today + timedelta(days=2)}"

    # Citizens: five links answered (one of them badly), one answer changed.
    links = [open_and_close(server, f"CC-2026-{900_001 + n:06d}", n) for n in range(6)]
    for path in links[:5]:
        page = call(server, "GET", path)
        assert page.status_code == 200 and "satisfaction" in page.text
        token = path.removeprefix("/f/")
        answers = GOOD if path != links[4] else {"satisfaction": 2, "resolved": "no"}
        saved = call(server, "PUT", f"/api/feedback/{token}", json={"answers": answers})
        assert saved.status_code == 200, saved.text
    changed = call(
        server,
        "PUT",
        f"/api/feedback/{links[0].removeprefix('/f/')}",
        json={"answers": GOOD | {"satisfaction": 4}},
    )
    assert changed.status_code == 200 and changed.json()["answers"]["satisfaction"] == 4
    for _ in range(ROUNDS):  # the change is what every worker shows
        shown = call(server, "GET", f"/api/feedback/{links[0].removeprefix('/f/')}")
        assert shown.json()["answers"]["satisfaction"] == 4

    # The manager: one session, valid on both workers; the same figures from both.
    cookies = sign_in(server)
    assert overview(server, cookies, period) == [(5, 1)] * ROUNDS
    # A sixth answer: no worker keeps showing the figures cached before it.
    token = links[5].removeprefix("/f/")
    assert call(server, "PUT", f"/api/feedback/{token}", json={"answers": GOOD}).ok
    assert overview(server, cookies, period) == [(6, 1)] * ROUNDS
    exported = call(server, "GET", f"/api/manage/exports/answers.csv?{period}", cookies=cookies)
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.text.removeprefix("\ufeff"))))
    assert sorted(row["satisfaction"] for row in rows) == ["2", "4", "5", "5", "5", "5"]
    signed_out = call(
        server,
        "DELETE",
        "/api/manage/session",
        cookies=cookies,
        headers={"X-CSRFToken": cookies["csrftoken"]},
    )
    assert signed_out.status_code in (200, 204)
    for _ in range(ROUNDS):  # ended for both workers
        after = call(server, "GET", "/api/manage/me", cookies=cookies)
        assert after.status_code == 401

    # Both processes did the work (a request costs a worker far more than a tick of CPU).
    used = {pid: cpu_ticks(pid) - used_before[pid] for pid in workers}
    assert all(ticks >= 5 for ticks in used.values()), used
    assert workers_of(server.process.pid) == workers  # none died and was replaced
