"""Bad input gets a clear 4xx and changes nothing: oversized and deeply nested bodies, invalid
UTF-8, and markup in what citizens and callers type, which every page shows escaped."""

from __future__ import annotations

import json
import re

import httpx

from case_bridge.auth import body_signature
from case_bridge.tables import Case
from survey.feedback.services import revisions
from tests.conftest import BRIDGE_KEY
from tests.factories import HEADERS, case_body
from tests.survey.feedback.helpers import closed_case_token

LIMIT = 1_048_576  # the app's request_max_body_size
SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&"


def csrf_field(page: str) -> dict[str, str]:
    return {"_csrf_token": re.search(r'name="_csrf_token" value="([^"]+)"', page).group(1)}


def assert_escaped(html: str) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html


# --- size and shape -----------------------------------------------------------------------


async def test_oversized_bodies_are_refused_with_413_and_change_nothing(client, settings):
    code, token = await closed_case_token(client, settings)
    padding = "x" * (LIMIT + 1)
    answers = await client.put(
        f"/api/feedback/{token}", json={"answers": {"satisfaction": 4, "comment": padding}}
    )
    assert answers.status_code == 413
    page = await client.get(f"/f/{token}")
    form = await client.post(
        f"/f/{token}", data={"satisfaction": "4", "comment": padding} | csrf_field(page.text)
    )
    assert form.status_code == 413
    case = await client.post("/api/cases", json=case_body(topic=padding), headers=HEADERS)
    assert case.status_code == 413
    assert await revisions(case_code=code) == []
    assert await Case.count() == 1


async def test_a_streamed_body_without_length_is_cut_at_the_limit(client, settings, live_server):
    code, token = await closed_case_token(client, settings)

    async def chunks():  # sent chunked: the server cannot know the size before reading it
        yield b'{"answers": {"satisfaction": 4, "comment": "'
        for _ in range(LIMIT // 65536 + 2):
            yield b"x" * 65536
        yield b'"}}'

    async with httpx.AsyncClient(base_url=live_server.base_url, timeout=30) as http:
        answer = await http.put(
            f"/api/feedback/{token}",
            content=chunks(),
            headers={"Content-Type": "application/json"},
        )
    assert answer.status_code == 413
    assert await revisions(case_code=code) == []


async def test_deeply_nested_json_is_a_400_not_a_crash(client, settings):
    code, token = await closed_case_token(client, settings)
    depth = 100_000
    for nested in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth):
        body = '{"answers": {"satisfaction": 4, "comment": ' + nested + "}}"
        answer = await client.put(
            f"/api/feedback/{token}",
            content=body.encode(),
            headers={"Content-Type": "application/json"},
        )
        assert answer.status_code in (400, 422), answer.text[:300]
        event = ('{"id": "deep", "type": "opened", "case": ' + nested + "}").encode()
        signed = {
            "Content-Type": "application/json",
            "X-Bridge-Signature": body_signature(BRIDGE_KEY, event),
        }
        answer = await client.post("/api/bridge/events", content=event, headers=signed)
        assert answer.status_code == 400, answer.text[:300]
    assert await revisions(case_code=code) == []


async def test_invalid_utf8_is_refused_or_replaced_never_a_crash(client, settings):
    code, token = await closed_case_token(client, settings)
    json_body = b'{"answers": {"satisfaction": 4, "comment": "caf\xe9 \xff\xfe"}}'
    answer = await client.put(
        f"/api/feedback/{token}", content=json_body, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 400, answer.text
    assert await revisions(case_code=code) == []

    case = b'{"code": "CC-2012-000777", "opened_at": "2012-05-29T10:00:00", "channel": "\xff"}'
    answer = await client.post(
        "/api/cases", content=case, headers=HEADERS | {"Content-Type": "application/json"}
    )
    assert answer.status_code == 400

    # A form in a legacy encoding: refused (4xx), or read with replacement characters.
    page = await client.get(f"/f/{token}")
    form = f"satisfaction=4&comment=caf%E9+%FF&_csrf_token={csrf_field(page.text)['_csrf_token']}"
    answer = await client.post(
        f"/f/{token}",
        content=form.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code in (200, 400, 422), answer.text[:300]
    for stored in await revisions(case_code=code):
        json.dumps(stored["answers"], ensure_ascii=False).encode("utf-8")  # valid text

    for path in ("/f/%FF%FE", "/api/feedback/%FF%FE", "/cases/%FF/status"):
        assert (await client.get(path)).status_code == 404, path
    listing = await client.get("/api/cases?status=%FF&channel=%C0%AF", headers=HEADERS)
    assert listing.status_code == 400


async def test_a_nul_character_is_never_a_crash(client, settings):
    """PostgreSQL cannot store U+0000 (SQLite can): wherever text reaches the database, a NUL
    is a 400 there, never a 500, and nothing is half-written."""
    _, token = await closed_case_token(client, settings)
    csrf = {"X-CSRFToken": (await client.get("/manage/login")).cookies["csrftoken"]}
    answers = [
        await client.post("/api/cases", json=case_body(topic="sisma\u0000"), headers=HEADERS),
        await client.get("/api/cases/CC-2012-%00", headers=HEADERS),
        await client.get("/cases/CC-2012-%00/status"),
        await client.post("/api/offices", json={"code": "nul", "name": "a\u0000"}, headers=HEADERS),
        await client.post(
            "/api/manage/session", json={"name": "anna\u0000", "password": "x" * 12}, headers=csrf
        ),
        await client.put(
            f"/api/feedback/{token}", json={"answers": {"satisfaction": 4, "comment": "a\u0000"}}
        ),
    ]
    for answer in answers:
        assert answer.status_code < 500, (answer.request.url, answer.text[:200])
    assert await Case.count() == 1 + (answers[0].status_code == 201)


async def test_a_case_file_that_is_not_utf8_is_refused_in_one_line(cli, tmp_path, db):
    path = tmp_path / "export.csv"
    path.write_bytes(
        b"code,opened_at,channel,request_type,topic,status\n"
        b"CC-2012-000001,2012-05-29 10:00:00,phone,information,sism\xe0,open\n"
    )
    result = await cli("cases", "import", path)
    assert result.exit_code == 1
    assert "UTF-8" in result.output and "Traceback" not in result.output
    assert await Case.count() == 0


# --- markup is shown as text ----------------------------------------------------------------


async def test_markup_in_a_comment_is_escaped_on_the_citizens_page(client, settings):
    _, token = await closed_case_token(client, settings)
    saved = await client.put(
        f"/api/feedback/{token}", json={"answers": {"satisfaction": 4, "comment": SCRIPT[:200]}}
    )
    assert saved.status_code == 200
    assert saved.json()["answers"]["comment"] == SCRIPT[:200]  # stored as typed
    assert saved.headers["content-type"].startswith("application/json")
    page = await client.get(f"/f/{token}?step=4")  # the comment's step
    assert_escaped(page.text)
    assert "default-src 'self'" in page.headers["content-security-policy"]


async def test_markup_sent_through_the_form_is_escaped_when_shown_again(client, settings):
    _, token = await closed_case_token(client, settings)
    page = await client.get(f"/f/{token}")
    # Without the required rating the form comes back with what was typed: escaped.
    refused = await client.post(f"/f/{token}", data={"comment": SCRIPT} | csrf_field(page.text))
    assert refused.status_code == 422
    assert_escaped(refused.text)
    sent = await client.post(
        f"/f/{token}", data={"satisfaction": "5", "comment": SCRIPT} | csrf_field(page.text)
    )
    assert sent.status_code == 200
    assert_escaped((await client.get(f"/f/{token}?step=4")).text)  # the comment's step


async def test_markup_in_names_codes_and_links_is_escaped_on_every_page(client):
    login = await client.get(f"/manage/login?next=/manage{SCRIPT}")
    assert login.status_code == 200
    assert "<script>alert" not in login.text
    failed = await client.post(
        "/manage/login",
        data={"name": SCRIPT, "password": "wrong-password-123", "next": ""}
        | csrf_field(login.text),
    )
    assert failed.status_code == 401
    assert_escaped(failed.text)
    missing = await client.get(f"/cases/{SCRIPT}/status", headers={"Accept": "text/html"})
    assert missing.status_code == 404
    assert "<script>alert" not in missing.text


async def test_a_formula_in_a_comment_is_kept_as_text(client, settings):
    """Neutralising formulas is the spreadsheet export's job (the dashboard's issue): here the
    answer must reach it unchanged, and pages show it as text."""
    _, token = await closed_case_token(client, settings)
    formula = '=HYPERLINK("http://evil.example","x")'
    saved = await client.put(
        f"/api/feedback/{token}", json={"answers": {"satisfaction": 3, "comment": formula}}
    )
    assert saved.json()["answers"]["comment"] == formula
    comment_step = (await client.get(f"/f/{token}?step=4")).text
    assert "=HYPERLINK(&#34;http://evil.example&#34;" in comment_step
