"""The benches count only the answers they expect: a side that answers anything else (the
feedback bench's baseline once answered every request with a 500) stops the bench."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from litestar import Litestar, put
from litestar.exceptions import HTTPException
from litestar.params import FromPath

from bench.feedback_bench import BASELINE, BODY, bare_app
from bench.load import WrongAnswers, check_statuses, run_load

GENERATORS = [
    "python",
    pytest.param(
        "wrk",
        marks=pytest.mark.skipif(
            shutil.which("wrk") is None,
            reason="wrk is not installed (the benches fall back to python)",
        ),
    ),
]


def test_every_answer_must_be_the_expected_status() -> None:
    assert check_statuses(BASELINE, {200: 1_000}) == 1_000
    with pytest.raises(WrongAnswers, match=r"bare Litestar endpoint: 1 × 500"):
        check_statuses(BASELINE, {200: 999, 500: 1})
    with pytest.raises(WrongAnswers, match=r"3 × 201"):
        check_statuses(BASELINE, {201: 3})


def test_socket_errors_and_silence_are_not_answers() -> None:
    with pytest.raises(WrongAnswers, match=r"2 timeout errors"):
        check_statuses(BASELINE, {200: 10}, {"connect": 0, "timeout": 2})
    with pytest.raises(WrongAnswers, match=r"no answer at all"):
        check_statuses(BASELINE, {})


def _broken_baseline() -> Litestar:
    """The baseline as it once was for every request: a 500 (here one request in ten)."""
    served = iter(range(10**9))

    @put("/api/feedback/{token:str}")
    async def validate(token: FromPath[str]) -> dict[str, str]:
        if next(served) % 10 == 9:
            raise HTTPException(status_code=500)
        return {"token": token}

    return Litestar([validate])


def _serve(app: Litestar) -> Iterator[int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def broken_port() -> Iterator[int]:
    yield from _serve(_broken_baseline())


@pytest.fixture
def bare_port() -> Iterator[int]:
    yield from _serve(bare_app())


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_baseline_answering_500_stops_the_bench(broken_port: int, generator: str) -> None:
    paths = [f"/api/feedback/token-{n}" for n in range(5_000)]
    with pytest.raises(WrongAnswers, match=rf"{BASELINE}: \d+ × 500"):
        run_load(
            BASELINE,
            broken_port,
            "PUT",
            paths,
            BODY,
            connections=4,
            seconds=0.5,
            generator=generator,
        )


@pytest.mark.parametrize("generator", GENERATORS)
def test_the_bare_endpoint_answers_200_to_the_bench_body(bare_port: int, generator: str) -> None:
    paths = [f"/api/feedback/token-{n}" for n in range(50_000)]
    run = run_load(
        BASELINE, bare_port, "PUT", paths, BODY, connections=4, seconds=0.5, generator=generator
    )
    assert run.answers > 10 and run.sent <= len(paths)


@pytest.mark.parametrize("generator", GENERATORS)
def test_a_run_that_runs_out_of_paths_fails(bare_port: int, generator: str) -> None:
    with pytest.raises(WrongAnswers, match=r"only 5 paths were prepared"):
        run_load(
            BASELINE,
            bare_port,
            "PUT",
            [f"/api/feedback/t{n}" for n in range(5)],
            BODY,
            connections=2,
            seconds=0.5,
            generator=generator,
        )
