"""`ASCOLTO_LOG_FORMAT=json`: a real server writes one JSON object per line, each request's
line with the id its answer carried, and no token, address or comment anywhere."""

from __future__ import annotations

import json
import logging

import httpx

from tests.reliability.server import AppServer, server_environment
from tests.survey.feedback.helpers import closed_case_token


async def test_json_lines_with_the_request_id_and_nothing_personal(client, settings, tmp_path):
    code, token = await closed_case_token(client, settings, contact_email="anna.verdi@libero.it")
    env = server_environment(
        database_url=settings.database_url,
        secret_key=settings.secret_key,
        bridge_key=settings.bridge_key,
        log_format="json",
    )
    server = AppServer(env, tmp_path / "serve.log").start()
    comment = "sono Anna Verdi, codice fiscale VRDNNA80A41H501X"
    try:
        with httpx.Client(base_url=server.base_url) as http:
            page = http.get(f"/f/{token}?lang=en")
            answer = {"answers": {"satisfaction": 1, "comment": comment}}
            stored = http.put(f"/api/feedback/{token}", json=answer)
            unknown = http.get(f"/nowhere/{token}")
    finally:
        server.stop()
    assert (page.status_code, stored.status_code, unknown.status_code) == (200, 200, 404)

    output = server.log.read_text()
    entries = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    access = {
        entry["request_id"]: entry for entry in entries if entry["logger"] == "ascolto.access"
    }
    for response, route in (
        (page, "/f/{token}"),
        (stored, "/api/feedback/{token}"),
        (unknown, "(unrouted)"),
    ):
        entry = access[response.headers["x-request-id"]]
        assert entry["route"] == route
        assert entry["status"] == response.status_code
        assert entry["method"] == response.request.method
    assert len({page.headers["x-request-id"], stored.headers["x-request-id"]}) == 2
    for secret in (token, code, "anna.verdi", "Anna Verdi", "VRDNNA80A41H501X"):
        assert secret not in output


def test_a_logged_address_or_number_is_masked():
    from survey.web.access_log import JsonLines

    record = logging.LogRecord(
        "survey.outbox.sender", logging.INFO, __file__, 1,
        "outbox: %s", ("follow-up:3:ref.ufficio@example.org: will retry (550 mario@x.it)",),
        None,
    )  # fmt: skip
    entry = json.loads(JsonLines().format(record))
    assert entry["message"] == "outbox: follow-up:3:[email]: will retry (550 [email])"
    assert entry["request_id"] is None and entry["level"] == "info"
