"""No secret in the logs: `ascolto serve` as production runs it, a referent and a citizen using
their links, and everything the process printed read back."""

from __future__ import annotations

import re

import httpx

from survey.consultations.services import consultation_link
from survey.consultations.tables import ConsultationInvitation
from tests.reliability.server import AppServer, server_environment
from tests.survey.consultations.helpers import (
    QUESTIONNAIRE,
    create,
    form_answers,
    manager,
    referents,
    section_fields,
)
from tests.survey.feedback.helpers import closed_case_token


def _answer_every_section(http: httpx.Client, path: str) -> None:
    answers = form_answers()
    last = len(QUESTIONNAIRE.sections) - 1
    http.get(f"{path}?section=0&lang=en")
    csrf = {"X-CSRFToken": http.cookies.get("csrftoken", "")}
    saved = http.post(
        f"{path}?section=0", data=section_fields(0, answers) | {"_action": "save"}, headers=csrf
    )
    assert saved.status_code == 200, saved.text[:500]
    for index in range(last + 1):
        action = "submit" if index == last else "next"
        fields = section_fields(index, answers) | {"_action": action}
        sent = http.post(f"{path}?section={index}", data=fields, headers=csrf)
        assert sent.status_code == 303, sent.text[:500]


async def test_the_server_s_output_holds_no_token_and_no_address_on_referent_lines(
    client, cli, settings, tmp_path
):
    await referents(client, {"volontariato": 5})
    headers = await manager(client, cli)
    consultation = await create(client, headers)
    opened = await client.post(
        f"/api/manage/consultations/{consultation['id']}/open", headers=headers
    )
    assert opened.status_code == 200
    invitations = await ConsultationInvitation.select(ConsultationInvitation.id).run()
    tokens = [
        (await consultation_link(row["id"], settings)).split("/c/", 1)[1] for row in invitations
    ]
    _, citizen = await closed_case_token(client, settings)

    env = server_environment(
        database_url=settings.database_url,
        secret_key=settings.secret_key,
        bridge_key=settings.bridge_key,
    )
    server = AppServer(env, tmp_path / "serve.log", serve_command=True).start()
    try:
        with httpx.Client(base_url=server.base_url) as http:
            _answer_every_section(http, f"/c/{tokens[0]}")
            assert http.get(f"/c/{tokens[0]}").status_code == 200  # the thanks page
            assert http.get(f"/c/{tokens[1]}?section=3&lang=it").status_code == 200
            assert http.get("/c/not-a-link/at-all?x=1").status_code == 404
            assert http.get(f"/f/{citizen}").status_code == 200
            answer = {"answers": {"satisfaction": 4}}
            assert http.put(f"/api/feedback/{citizen}", json=answer).status_code == 200
    finally:
        server.stop()

    output = server.log.read_text(errors="replace")
    for secret in [*tokens, citizen]:
        assert secret not in output
    referent_lines = [line for line in output.splitlines() if "/c/" in line]
    assert referent_lines, output
    assert not [line for line in referent_lines if re.search(r"\d+\.\d+\.\d+\.\d+", line)]
    assert not [line for line in output.splitlines() if "?" in line and "/c/" in line]
    # The app's own access log is there, with route templates only.
    assert "access POST /c/{token} 303" in output
    assert "access GET /f/{token} 200" in output
    assert "access GET (unrouted) 404" in output
