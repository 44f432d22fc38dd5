"""Races: many requests or processes doing the same thing at the same moment leave exactly
what one of them would have left, through real server processes on the suite's database."""

from __future__ import annotations

import asyncio
import csv
import re
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from case_bridge.schemas import IMPORT_COLUMNS
from case_bridge.tables import Case, CaseEvent
from survey.feedback.services import revisions
from survey.feedback.tables import FeedbackInvitation, FeedbackResponse
from survey.settings import Settings
from tests.case_bridge.test_bridge_events import signed
from tests.factories import HEADERS, make_case, make_office
from tests.reliability.server import ROOT, AppServer, server_environment
from tests.survey.feedback.helpers import case_id, closed_case_token

CONCURRENT = 24


@pytest.fixture(scope="module")
def two_workers(engine, settings: Settings, tmp_path_factory) -> Iterator[AppServer]:
    """Two uvicorn worker processes behind one port, on the suite's database: requests race
    across processes (as behind a load balancer), not only between tasks of one process."""
    env = server_environment(
        database_url=settings.database_url,
        secret_key=settings.secret_key,
        bridge_key=settings.bridge_key,
    )
    log = tmp_path_factory.mktemp("two-workers") / "uvicorn.log"
    server = AppServer(env, log, workers=2).start()
    yield server
    server.stop()


async def all_at_once(server: AppServer, method: str, path: str, **request) -> list[int]:
    """Send CONCURRENT copies of one request on as many connections; their statuses."""
    limits = httpx.Limits(max_connections=CONCURRENT)
    async with httpx.AsyncClient(base_url=server.base_url, limits=limits, timeout=30) as http:
        answers = await asyncio.gather(
            *(http.request(method, path, **request) for _ in range(CONCURRENT))
        )
    return [answer.status_code for answer in answers]


async def test_concurrent_first_answers_across_processes_leave_one_answer(
    client, settings, two_workers
):
    # tests/survey/feedback has the in-process case; here the requests race across processes.
    code, token = await closed_case_token(client, settings)
    statuses = await all_at_once(
        two_workers, "PUT", f"/api/feedback/{token}", json={"answers": {"satisfaction": 4}}
    )
    assert set(statuses) <= {200, 409}, statuses
    history = await revisions(case_code=code)
    assert [r["number"] for r in history] == list(range(1, statuses.count(200) + 1))
    responses = await FeedbackResponse.select().where(FeedbackResponse.case == await case_id(code))
    assert len(responses) == 1
    assert responses[0]["revisions"] == len(history)


# --- referent consultation: concurrent first submissions of one referent token --------------
# (comes with the consultation's issue, in the same shape as the citizens' test above)


async def test_concurrent_closes_of_one_case_close_it_once(client, two_workers):
    opened = await make_case(client)
    statuses = await all_at_once(
        two_workers, "POST", f"/api/cases/{opened['code']}/close", json={}, headers=HEADERS
    )
    assert sorted(statuses) == [200] + [409] * (CONCURRENT - 1), Counter(statuses)
    the_case = await case_id(opened["code"])
    events = await CaseEvent.select(CaseEvent.to_status).where(CaseEvent.case == the_case)
    assert [e["to_status"] for e in events] == ["open", "closed"]
    assert await FeedbackInvitation.count().where(FeedbackInvitation.case == the_case) == 1


async def test_concurrent_escalations_of_one_case_escalate_it_once(client, two_workers):
    office = await make_office(client)
    opened = await make_case(client)
    statuses = await all_at_once(
        two_workers,
        "POST",
        f"/api/cases/{opened['code']}/escalate",
        json={"office": office},
        headers=HEADERS,
    )
    assert sorted(statuses) == [200] + [409] * (CONCURRENT - 1), Counter(statuses)
    events = await CaseEvent.select(CaseEvent.to_status).where(
        CaseEvent.case == await case_id(opened["code"])
    )
    assert [e["to_status"] for e in events] == ["open", "back_office"]


async def test_concurrent_openings_of_one_code_open_it_once(client, two_workers):
    body = {
        "code": "CC-2012-999999",
        "opened_at": "2012-05-29T10:00:00+02:00",
        "channel": "phone",
        "request_type": "information",
        "topic": "terremoto Emilia",
    }
    statuses = await all_at_once(two_workers, "POST", "/api/cases", json=body, headers=HEADERS)
    assert sorted(statuses) == [201] + [409] * (CONCURRENT - 1), Counter(statuses)
    assert await Case.count().where(Case.code == body["code"]) == 1
    assert await CaseEvent.count() == 1


async def test_concurrent_deliveries_of_one_signed_event_apply_it_once(client, two_workers):
    opened = await make_case(client)
    event = {"id": "evt-close-race", "type": "closed", "code": opened["code"]}
    body, headers = signed(event)
    statuses = await all_at_once(
        two_workers, "POST", "/api/bridge/events", content=body, headers=headers
    )
    # One applies it; a copy that saw it committed answers "duplicate" (200); a copy that raced
    # the first one's transaction finds the case already closed (409). Never a 5xx.
    assert set(statuses) <= {200, 409}, Counter(statuses)
    events = await CaseEvent.select(CaseEvent.to_status).where(
        CaseEvent.case == await case_id(opened["code"])
    )
    assert [e["to_status"] for e in events] == ["open", "closed"]
    replay = await client.post("/api/bridge/events", content=body, headers=headers)
    assert replay.json()["outcome"] == "duplicate"


# --- imports --------------------------------------------------------------------------------

FILES = 4
ROWS_PER_FILE = 150
STRIDE = 60  # file k holds cases k*STRIDE+1 … k*STRIDE+ROWS_PER_FILE: neighbours overlap


def import_row(number: int, office: str) -> dict[str, str]:
    """Recently closed cases (so closing them invites), every third one at Back Office."""
    rome = ZoneInfo("Europe/Rome")
    closed = datetime.now(rome).replace(microsecond=0) - timedelta(days=2, minutes=number)
    back_office = number % 3 == 0
    return {
        "code": f"CC-2026-{number:06d}",
        "opened_at": (closed - timedelta(hours=3)).strftime("%Y-%m-%d %H:%M:%S"),
        "channel": "phone",
        "request_type": "information",
        "topic": "volontariato",
        "status": "closed",
        "resolution_path": "back_office" if back_office else "front_office",
        "office": office if back_office else "",
        "closed_at": closed.strftime("%Y-%m-%d %H:%M:%S"),
        "contact_email": f"citizen{number}@example.org",
    }


def write_import_files(folder: Path, office: str) -> list[Path]:
    paths = []
    for k in range(FILES):
        path = folder / f"export-{k}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=IMPORT_COLUMNS)
            writer.writeheader()
            start = k * STRIDE + 1
            writer.writerows(import_row(n, office) for n in range(start, start + ROWS_PER_FILE))
        paths.append(path)
    return paths


async def test_concurrent_imports_of_overlapping_files_import_each_case_once(
    client, settings, tmp_path
):
    office = await make_office(client, "rischio_sismico")
    paths = write_import_files(tmp_path, office)
    env = server_environment(
        database_url=settings.database_url,
        secret_key=settings.secret_key,
        bridge_key=settings.bridge_key,
    )
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "survey.cli",
            "cases",
            "import",
            str(path),
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for path in paths
    ]
    outputs = [await process.communicate() for process in processes]
    reports = []
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err.decode()[-3000:]
        found = re.search(rb"(\d+) rows, (\d+) imported, (\d+) already known, 0 invalid", out)
        assert found, out
        reports.append([int(n) for n in found.groups()])

    expected = (FILES - 1) * STRIDE + ROWS_PER_FILE
    assert all(rows == imported + known == ROWS_PER_FILE for rows, imported, known in reports)
    assert sum(imported for _, imported, _ in reports) == expected
    assert await Case.count() == expected
    # No case without its whole history, and no history written twice.
    events = await CaseEvent.select(CaseEvent.case.code.as_alias("code"), CaseEvent.to_status)
    lived: dict[str, list[str]] = {}
    for event in events:
        lived.setdefault(event["code"], []).append(event["to_status"])
    for number in range(1, expected + 1):
        path = ["open", "back_office", "closed"] if number % 3 == 0 else ["open", "closed"]
        assert sorted(lived.get(f"CC-2026-{number:06d}", [])) == sorted(path), number
    invitations = await FeedbackInvitation.select(FeedbackInvitation.case)
    assert len(invitations) == len({row["case"] for row in invitations}) == expected
