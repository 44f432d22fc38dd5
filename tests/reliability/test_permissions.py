"""Who may do what: every route of the app against every kind of caller, from one table.

The routes come from `app.routes`, so a new route without a row fails
`test_every_route_has_a_row` until its author says who may reach it. To add a kind of caller
(the referents' token, when the consultation's answering pages land): name it in `CALLERS`,
teach `World.token_for` what token it presents, and give it a status in the rows it changes.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest

from case_bridge.auth import body_signature
from survey.accounts.store import DatabaseStore
from survey.feedback.invitations import PURPOSE
from survey.feedback.tables import FeedbackInvitation
from survey.settings import Settings
from survey.web.tokens import token_for
from tests.conftest import BRIDGE_KEY
from tests.factories import case_body, close_case, make_case, make_office
from tests.reliability.conftest import app_for_inspection
from tests.survey.accounts.helpers import PASSWORD, make_user
from tests.survey.feedback.helpers import closed_case_token

ANONYMOUS = "anonymous"
CITIZEN = "citizen, own case's token"
OTHER_CITIZEN = "citizen, another case's token"
MANAGER = "manager"
ADMIN = "admin"
EXPIRED = "manager whose session expired"
BRIDGE = "bridge key"
WRONG_BRIDGE = "wrong bridge key"
CALLERS = (ANONYMOUS, CITIZEN, OTHER_CITIZEN, MANAGER, ADMIN, EXPIRED, BRIDGE, WRONG_BRIDGE)
SIGNED_IN = (MANAGER, ADMIN)
WRONG_KEY = "not-the-bridge-key-0123456789"


# --- the expected answers -------------------------------------------------------------------


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(CALLERS, status)


def only(allowed: dict[str, int], others: int) -> dict[str, int]:
    return everyone(others) | allowed


def bridge_only(status: int) -> dict[str, int]:
    """The main platform's API: the bridge key and nothing else (a manager's session neither)."""
    return only({BRIDGE: status}, 401)


def managers_api(status: int) -> dict[str, int]:
    return only(dict.fromkeys(SIGNED_IN, status), 401)


def managers_page(status: int) -> dict[str, int]:
    """A management page: anyone else is sent to the login form (303)."""
    return only(dict.fromkeys(SIGNED_IN, status), 303)


def citizen_only(status: int) -> dict[str, int]:
    """Opened by the citizen's token alone: any other token finds nothing (404)."""
    return only({CITIZEN: status}, 404)


@dataclass
class Request:
    method: str
    path: str
    json: Any = None
    form: dict[str, str] | None = None


@dataclass
class Row:
    expect: dict[str, int]
    request: Callable[[World, str], Any]  # (world, caller) → Request, maybe awaitable
    ends_session: bool = False  # the caller signs in or out: make it anew afterwards


@dataclass
class World:
    """The rows the requests need, made through the public API before the table runs."""

    client: httpx.AsyncClient
    settings: Settings
    office: str = ""
    case_code: str = ""
    citizen_token: str = ""
    other_code: str = ""
    other_token: str = ""
    numbers: itertools.count = field(default_factory=lambda: itertools.count(1))

    def token_for(self, caller: str) -> str:
        """The token a caller presents where a route takes one."""
        if caller == CITIZEN:
            return self.citizen_token
        if caller == OTHER_CITIZEN:
            return self.other_token  # a real token, of another case
        return "not-a-token-" + str(next(self.numbers))

    async def open_case(self) -> str:
        return (await make_case(self.client))["code"]

    async def closed_case(self) -> str:
        code = await self.open_case()
        await close_case(self.client, code)
        return code

    def unique(self, prefix: str) -> str:
        return f"{prefix}_{next(self.numbers)}"


async def _forged_for_other_case(world: World) -> str:
    """The other case's token under a wrong key: a citizen guessing at someone else's link."""
    row = await FeedbackInvitation.select(FeedbackInvitation.nonce).where(
        FeedbackInvitation.case.code == world.other_code
    )
    return token_for("a-guess-at-the-secret-key-0123456789", PURPOSE, row[0]["nonce"])


NO_SUCH_CONSULTATION = 987654
NO_SUCH_FOLLOW_UP = 876543


def feedback_form(world: World, caller: str) -> Request:
    return Request("POST", f"/f/{world.token_for(caller)}", form={"satisfaction": "4"})


async def close_request(world: World, caller: str) -> Request:
    return Request("POST", f"/api/cases/{await world.open_case()}/close", json={})


async def escalate_request(world: World, caller: str) -> Request:
    code = await world.open_case()
    return Request("POST", f"/api/cases/{code}/escalate", json={"office": world.office})


async def ivr_request(world: World, caller: str) -> Request:
    code = await world.closed_case()
    body = {"case_code": code, "satisfaction": 4, "resolved": 1}
    return Request("POST", "/api/ivr/feedback", json=body)


def bridge_event(world: World, caller: str) -> Request:
    event = {"id": world.unique("evt"), "type": "opened", "case": case_body()}
    return Request("POST", "/api/bridge/events", json=event)


DASHBOARD_PAGES = [
    "overview",
    "path",
    "channel",
    "request-type",
    "time-to-close",
    "emergencies",
    "non-response",
    "reasons",
]

ROWS: dict[tuple[str, str], Row] = {
    # The case tracker's API: the main platform's key only.
    ("GET", "/api/cases"): Row(bridge_only(200), lambda w, c: Request("GET", "/api/cases")),
    ("POST", "/api/cases"): Row(
        bridge_only(201), lambda w, c: Request("POST", "/api/cases", json=case_body())
    ),
    ("GET", "/api/cases/{code:str}"): Row(
        bridge_only(200), lambda w, c: Request("GET", f"/api/cases/{w.case_code}")
    ),
    ("POST", "/api/cases/{code:str}/close"): Row(bridge_only(200), close_request),
    ("POST", "/api/cases/{code:str}/escalate"): Row(bridge_only(200), escalate_request),
    ("GET", "/api/offices"): Row(bridge_only(200), lambda w, c: Request("GET", "/api/offices")),
    ("POST", "/api/offices"): Row(
        bridge_only(201),
        lambda w, c: Request(
            "POST", "/api/offices", json={"code": w.unique("office"), "name": "Ufficio"}
        ),
    ),
    ("GET", "/api/offices/{office:str}/referents"): Row(
        bridge_only(200), lambda w, c: Request("GET", f"/api/offices/{w.office}/referents")
    ),
    ("POST", "/api/offices/{office:str}/referents"): Row(
        bridge_only(201),
        lambda w, c: Request(
            "POST",
            f"/api/offices/{w.office}/referents",
            json={"name": "R", "email": f"{w.unique('r')}@protezionecivile.example"},
        ),
    ),
    ("GET", "/api/emergencies"): Row(
        bridge_only(200), lambda w, c: Request("GET", "/api/emergencies")
    ),
    ("POST", "/api/emergencies"): Row(
        bridge_only(201),
        lambda w, c: Request(
            "POST",
            "/api/emergencies",
            json={
                "name": "Terremoto Emilia",
                "starts_at": "2012-05-29T09:00:00+02:00",
                "ends_at": "2012-06-30T18:00:00+02:00",
            },
        ),
    ),
    # Signed with the bridge key instead of presenting it.
    ("POST", "/api/bridge/events"): Row(bridge_only(200), bridge_event),
    ("POST", "/api/ivr/feedback"): Row(bridge_only(201), ivr_request),
    ("GET", "/api/feedback-links/{code:str}"): Row(
        bridge_only(200), lambda w, c: Request("GET", f"/api/feedback-links/{w.case_code}")
    ),
    # Public: the status of a case, as the department's site shows it.
    ("GET", "/"): Row(everyone(303), lambda w, c: Request("GET", "/")),
    # Operations and the public pages of the privacy notice and of transparency.
    **{
        ("GET", path): Row(everyone(200), lambda w, c, path=path: Request("GET", path))
        for path in [
            "/health",
            "/ready",
            "/metrics",
            "/privacy",
            *(
                f"/{name}{suffix}"
                for name in ("trasparenza", "transparency")
                for suffix in ("", ".json", ".csv")
            ),
        ]
    },
    ("GET", "/api/manage/dashboard/as-of"): Row(
        managers_api(200),
        lambda w, c: Request("GET", "/api/manage/dashboard/as-of?at=2012-07-11"),
    ),
    # A person's rights: administrators only.
    ("GET", "/api/manage/privacy/actions"): Row(
        only({ADMIN: 200, MANAGER: 403}, 401),
        lambda w, c: Request("GET", "/api/manage/privacy/actions"),
    ),
    **{
        ("POST", f"/api/manage/privacy/{verb}"): Row(
            only({ADMIN: 404, MANAGER: 403}, 401),
            lambda w, c, verb=verb: Request(
                "POST", f"/api/manage/privacy/{verb}", json={"case": "CC-2099-999999"}
            ),
        )
        for verb in ("export", "erase")
    },
    ("GET", "/api/cases/counts"): Row(
        bridge_only(200),
        lambda w, c: Request("GET", "/api/cases/counts?at=2012-07-11T18:00:00"),
    ),
    ("GET", "/cases/{code:str}/status"): Row(
        everyone(200), lambda w, c: Request("GET", f"/cases/{w.case_code}/status")
    ),
    # The citizen's link: the token is the credential (another case's token opens that case).
    ("GET", "/f/{token:str}"): Row(
        only({CITIZEN: 200, OTHER_CITIZEN: 200}, 404),
        lambda w, c: Request("GET", f"/f/{w.token_for(c)}"),
    ),
    ("POST", "/f/{token:str}"): Row(only({CITIZEN: 200, OTHER_CITIZEN: 200}, 404), feedback_form),
    ("GET", "/api/feedback/{token:str}"): Row(
        only({CITIZEN: 200, OTHER_CITIZEN: 200}, 404),
        lambda w, c: Request("GET", f"/api/feedback/{w.token_for(c)}"),
    ),
    ("PUT", "/api/feedback/{token:str}"): Row(
        only({CITIZEN: 200, OTHER_CITIZEN: 200}, 404),
        lambda w, c: Request(
            "PUT", f"/api/feedback/{w.token_for(c)}", json={"answers": {"satisfaction": 5}}
        ),
    ),
    # The referents' link (no caller here holds a referent token yet: see the module's doc).
    ("GET", "/c/{token:str}"): Row(
        everyone(404), lambda w, c: Request("GET", f"/c/{w.token_for(c)}-referent")
    ),
    ("POST", "/c/{token:str}"): Row(
        everyone(404), lambda w, c: Request("POST", f"/c/{w.token_for(c)}-referent", form={})
    ),
    # Management login and session: open to everyone.
    ("GET", "/manage/login"): Row(
        only(dict.fromkeys(SIGNED_IN, 303), 200), lambda w, c: Request("GET", "/manage/login")
    ),
    ("POST", "/manage/login"): Row(
        everyone(303),
        lambda w, c: Request(
            "POST", "/manage/login", form={"name": "carla", "password": PASSWORD, "next": ""}
        ),
        ends_session=True,
    ),
    ("POST", "/manage/logout"): Row(
        everyone(303), lambda w, c: Request("POST", "/manage/logout", form={}), ends_session=True
    ),
    ("POST", "/api/manage/session"): Row(
        everyone(200),
        lambda w, c: Request(
            "POST", "/api/manage/session", json={"name": "carla", "password": PASSWORD}
        ),
        ends_session=True,
    ),
    ("DELETE", "/api/manage/session"): Row(
        everyone(204), lambda w, c: Request("DELETE", "/api/manage/session"), ends_session=True
    ),
    # Management pages and APIs: signed-in managers and administrators only.
    ("GET", "/manage"): Row(managers_page(200), lambda w, c: Request("GET", "/manage")),
    ("GET", "/api/manage/me"): Row(
        managers_api(200), lambda w, c: Request("GET", "/api/manage/me")
    ),
    ("GET", "/api/manage/users"): Row(
        only({ADMIN: 200, MANAGER: 403}, 401), lambda w, c: Request("GET", "/api/manage/users")
    ),
    ("GET", "/api/manage/consultations"): Row(
        managers_api(200), lambda w, c: Request("GET", "/api/manage/consultations")
    ),
    ("POST", "/api/manage/consultations"): Row(
        managers_api(400), lambda w, c: Request("POST", "/api/manage/consultations", json={})
    ),
    **{
        (method, f"/api/manage/consultations/{{consultation_id:int}}{tail}"): Row(
            managers_api(404),
            lambda w, c, method=method, tail=tail: Request(
                method,
                f"/api/manage/consultations/{NO_SUCH_CONSULTATION}{tail}",
                # A valid body (an empty list of offices is refused first since issue 18).
                json=({"offices": ["no_office"]} if tail == "/invitees" else {})
                if method == "POST"
                else None,
            ),
        )
        for method, tail in [
            ("GET", ""),
            ("POST", "/open"),
            ("POST", "/close"),
            ("POST", "/invitees"),
            ("POST", "/reminders"),
            ("GET", "/response-rates"),
            ("GET", "/results"),
            ("GET", "/results.csv"),
            ("GET", "/comparison"),
            ("GET", "/comparison.csv"),
            ("GET", "/heatmap"),
            ("GET", "/heatmap.csv"),
            ("GET", "/drivers"),
            ("GET", "/actions"),
            ("GET", "/citizens"),
        ]
    },
    ("POST", "/api/manage/consultations/{consultation_id:int}/actions"): Row(
        managers_api(404),
        lambda w, c: Request(
            "POST",
            f"/api/manage/consultations/{NO_SUCH_CONSULTATION}/actions",
            json={
                "what": "Una guida per i referenti",
                "scale": "usability",
                "owner_office": "no_office",
                "due_on": "2013-06-30",
            },
        ),
    ),
    ("POST", "/api/manage/consultations/{consultation_id:int}/actions/{action_id:int}/state"): Row(
        managers_api(404),
        lambda w, c: Request(
            "POST",
            f"/api/manage/consultations/{NO_SUCH_CONSULTATION}/actions/1/state",
            json={"state": "done"},
        ),
    ),
    ("GET", "/manage/consultations"): Row(
        managers_page(200), lambda w, c: Request("GET", "/manage/consultations")
    ),
    ("POST", "/manage/consultations"): Row(
        managers_page(422), lambda w, c: Request("POST", "/manage/consultations", form={})
    ),
    ("GET", "/manage/consultations/{consultation_id:int}"): Row(
        managers_page(404),
        lambda w, c: Request("GET", f"/manage/consultations/{NO_SUCH_CONSULTATION}"),
    ),
    ("GET", "/manage/consultations/{consultation_id:int}/close"): Row(
        managers_page(404),
        lambda w, c: Request("GET", f"/manage/consultations/{NO_SUCH_CONSULTATION}/close"),
    ),
    ("POST", "/manage/consultations/{consultation_id:int}/close"): Row(
        managers_page(404),
        lambda w, c: Request(
            "POST", f"/manage/consultations/{NO_SUCH_CONSULTATION}/close", form={}
        ),
    ),
    **{
        ("POST", f"/manage/consultations/{{consultation_id:int}}{tail}"): Row(
            managers_page(404),
            lambda w, c, tail=tail: Request(
                "POST",
                f"/manage/consultations/{NO_SUCH_CONSULTATION}"
                + tail.replace("{action_id:int}", "1"),
                form={},
            ),
        )
        for tail in ["/actions", "/actions/{action_id:int}/state"]
    },
    ("POST", "/manage/consultations/{consultation_id:int}/{action:str}"): Row(
        managers_page(404),
        lambda w, c: Request("POST", f"/manage/consultations/{NO_SUCH_CONSULTATION}/open", form={}),
    ),
    # Static files and the API's documentation: public.
    ("GET", "/static/{file_path:path}"): Row(
        everyone(200), lambda w, c: Request("GET", "/static/ascolto.css")
    ),
    ("HEAD", "/static/{file_path:path}"): Row(
        everyone(200), lambda w, c: Request("HEAD", "/static/ascolto.css")
    ),
    **{
        ("GET", path): Row(everyone(200), lambda w, c, path=path: Request("GET", path))
        for path in [
            "/schema",
            "/schema/openapi.json",
            "/schema/openapi.yaml",
            "/schema/openapi.yml",
            "/schema/swagger",
            "/schema/redoc",
            "/schema/rapidoc",
            "/schema/elements",
            "/schema/oauth2-redirect.html",
        ]
    },
    ("GET", "/schema/{path:str}"): Row(
        everyone(404), lambda w, c: Request("GET", "/schema/no-such-renderer")
    ),
    # The management dashboard: pages for managers, their figures as JSON, the exports.
    **{
        ("GET", f"/api/manage/dashboard/{page}"): Row(
            managers_api(200),
            lambda w, c, page=page: Request("GET", f"/api/manage/dashboard/{page}"),
        )
        for page in [*DASHBOARD_PAGES, "consultations", "follow-ups"]
    },
    ("GET", "/api/manage/dashboard/consultations/{consultation_id:int}"): Row(
        managers_api(404),
        lambda w, c: Request("GET", f"/api/manage/dashboard/consultations/{NO_SUCH_CONSULTATION}"),
    ),
    ("GET", "/api/manage/exports/answers.csv"): Row(
        managers_api(200), lambda w, c: Request("GET", "/api/manage/exports/answers.csv")
    ),
    ("GET", "/api/manage/exports/answers.xlsx"): Row(
        managers_api(200), lambda w, c: Request("GET", "/api/manage/exports/answers.xlsx")
    ),
    ("GET", "/api/manage/exports/codebook.csv"): Row(
        managers_api(200), lambda w, c: Request("GET", "/api/manage/exports/codebook.csv")
    ),
    ("GET", "/api/manage/exports/answers.sps"): Row(
        managers_api(200), lambda w, c: Request("GET", "/api/manage/exports/answers.sps")
    ),
    ("GET", "/api/manage/exports/answers.R"): Row(
        managers_api(200), lambda w, c: Request("GET", "/api/manage/exports/answers.R")
    ),
    ("GET", "/manage/dashboard"): Row(
        managers_page(200), lambda w, c: Request("GET", "/manage/dashboard")
    ),
    ("GET", "/manage/dashboard/{page:str}"): Row(
        managers_page(200), lambda w, c: Request("GET", "/manage/dashboard/channel")
    ),
    ("GET", "/manage/dashboard/consultations"): Row(
        managers_page(200), lambda w, c: Request("GET", "/manage/dashboard/consultations")
    ),
    ("GET", "/manage/dashboard/consultations/{consultation_id:int}"): Row(
        managers_page(404),
        lambda w, c: Request("GET", f"/manage/dashboard/consultations/{NO_SUCH_CONSULTATION}"),
    ),
    ("GET", "/manage/dashboard/follow-ups"): Row(
        managers_page(200), lambda w, c: Request("GET", "/manage/dashboard/follow-ups")
    ),
    # Follow-ups: every manager sees and works all of them; an office only through its link
    # (no caller here holds an office's link: tests/survey/follow_ups use real ones).
    **{
        ("GET", f"/api/manage/follow-ups{tail}"): Row(
            managers_api(200),
            lambda w, c, tail=tail: Request("GET", f"/api/manage/follow-ups{tail}"),
        )
        for tail in ["", "/figures"]
    },
    ("GET", "/api/manage/follow-ups/{follow_up_id:int}"): Row(
        managers_api(404),
        lambda w, c: Request("GET", f"/api/manage/follow-ups/{NO_SUCH_FOLLOW_UP}"),
    ),
    **{
        ("POST", f"/api/manage/follow-ups/{{follow_up_id:int}}/{action}"): Row(
            managers_api(404),
            lambda w, c, action=action, body=body: Request(
                "POST", f"/api/manage/follow-ups/{NO_SUCH_FOLLOW_UP}/{action}", json=body
            ),
        )
        for action, body in [
            ("assign", {"manager": "carla"}),
            ("take-in-charge", {}),
            ("close", {"outcome": "unreachable"}),
        ]
    },
    ("GET", "/manage/follow-ups"): Row(
        managers_page(200), lambda w, c: Request("GET", "/manage/follow-ups")
    ),
    ("GET", "/manage/follow-ups/{follow_up_id:int}"): Row(
        managers_page(404), lambda w, c: Request("GET", f"/manage/follow-ups/{NO_SUCH_FOLLOW_UP}")
    ),
    ("POST", "/manage/follow-ups/{follow_up_id:int}/{action:str}"): Row(
        managers_page(404),
        lambda w, c: Request(
            "POST", f"/manage/follow-ups/{NO_SUCH_FOLLOW_UP}/take-in-charge", form={}
        ),
    ),
    ("GET", "/s/{token:str}"): Row(
        everyone(404), lambda w, c: Request("GET", f"/s/{w.token_for(c)}-office")
    ),
    ("POST", "/s/{token:str}/{action:str}"): Row(
        everyone(404),
        lambda w, c: Request("POST", f"/s/{w.token_for(c)}-office/take-in-charge", form={}),
    ),
}


def app_routes() -> set[tuple[str, str]]:
    """(method, path) of every handler of the app; OPTIONS is Litestar's own, on every path."""
    return {
        (method, route.path)
        for route in app_for_inspection().routes
        for method in getattr(route, "methods", ())
        if method != "OPTIONS"
    }


def test_every_route_has_a_row():
    missing = sorted(app_routes() - set(ROWS))
    assert not missing, (
        "routes nobody has classified: add a row to ROWS in tests/reliability/"
        "test_permissions.py saying which callers may reach each one, and with what status:\n"
        + "\n".join(f"  {method} {path}" for method, path in missing)
    )
    stale = sorted(set(ROWS) - app_routes())
    assert not stale, f"rows for routes the app no longer has: {stale}"


# --- running the table ----------------------------------------------------------------------


class Caller:
    """One kind of caller with its own cookies, CSRF token and credentials."""

    def __init__(self, kind: str, app_client: httpx.AsyncClient) -> None:
        self.kind = kind
        self.http = httpx.AsyncClient(transport=app_client._transport, base_url=app_client.base_url)

    async def prepare(self) -> None:
        await self.http.get("/manage/login")  # the CSRF cookie, as a browser would get it
        if self.kind in (MANAGER, ADMIN, EXPIRED):
            await self.sign_in()
        if self.kind == EXPIRED:
            store = DatabaseStore("sessions")
            session_id = self.http.cookies["ascolto_session"]
            await store.set(
                session_id, await store.get(session_id), expires_in=timedelta(seconds=-1)
            )

    async def sign_in(self) -> None:
        name = {MANAGER: "marco", ADMIN: "anna", EXPIRED: "marco"}[self.kind]
        answer = await self.send(
            Request("POST", "/api/manage/session", json={"name": name, "password": PASSWORD})
        )
        assert answer.status_code == 200, answer.text

    async def send(self, request: Request) -> httpx.Response:
        headers = {"X-CSRFToken": self.http.cookies.get("csrftoken", "")}
        content = None
        if request.json is not None:
            content = json.dumps(request.json).encode()
            headers["Content-Type"] = "application/json"
        if self.kind in (BRIDGE, WRONG_BRIDGE):
            key = BRIDGE_KEY if self.kind == BRIDGE else WRONG_KEY
            headers["X-Bridge-Key"] = key
            headers["X-Bridge-Signature"] = body_signature(key, content or b"")
        return await self.http.request(
            request.method,
            request.path,
            content=content,
            data=request.form,
            headers=headers,
            follow_redirects=False,
        )


@pytest.fixture
async def world(client, cli, settings) -> World:
    for name, role in (("marco", "manager"), ("anna", "admin"), ("carla", "manager")):
        await make_user(cli, name, role=role)
    world = World(client, settings, office=await make_office(client))
    world.case_code, world.citizen_token = await closed_case_token(client, settings)
    world.other_code, world.other_token = await closed_case_token(client, settings)
    return world


async def test_who_may_do_what(client, world, caplog):
    caplog.set_level(logging.WARNING)
    callers = {kind: Caller(kind, client) for kind in CALLERS}
    for caller in callers.values():
        await caller.prepare()
    wrong = []
    for (method, path), row in sorted(ROWS.items()):
        for kind, caller in callers.items():
            request = row.request(world, kind)
            if hasattr(request, "__await__"):
                request = await request
            answer = await caller.send(request)
            if answer.status_code != row.expect[kind]:
                wrong.append(
                    f"{method} {path} as {kind}: {answer.status_code}, "
                    f"expected {row.expect[kind]} ({answer.text[:120]!r})"
                )
            if row.ends_session:  # signed in as someone else, or out: start this caller anew
                await caller.http.aclose()
                callers[kind] = caller = Caller(kind, client)
                await caller.prepare()
    for caller in callers.values():
        await caller.http.aclose()
    assert not wrong, "\n".join(wrong)


async def test_a_forged_token_opens_nothing(client, world):
    forged = await _forged_for_other_case(world)
    assert (await client.get(f"/f/{forged}")).status_code == 404
    assert (await client.get(f"/api/feedback/{forged}")).status_code == 404
    put = await client.put(f"/api/feedback/{forged}", json={"answers": {"satisfaction": 1}})
    assert put.status_code == 404
    assert world.other_code not in put.text and world.case_code not in put.text


async def test_the_citizens_page_names_only_the_citizens_case(client, world):
    page = await client.get(f"/f/{world.citizen_token}")
    assert world.case_code in page.text and world.other_code not in page.text


# --- passwords --------------------------------------------------------------------------------


async def test_a_password_is_never_logged_nor_returned_in_a_whole_login_flow(client, cli, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "Frana-di-Sarno-1998"
    await make_user(cli, "lucia", role="admin", password=secret)
    answers = []
    page = await client.get("/manage/login?next=/manage")
    answers.append(page)
    csrf = re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)
    for password in (secret + "!", secret):
        form = {"name": "lucia", "password": password, "next": "/manage", "_csrf_token": csrf}
        # On success the redirect is followed to the landing page.
        answers.append(await client.post("/manage/login", data=form, follow_redirects=True))
    answers.append(
        await client.post("/manage/logout", data={"_csrf_token": csrf}, follow_redirects=True)
    )
    headers = {"X-CSRFToken": client.cookies["csrftoken"]}
    for password in (secret + "!", secret):
        body = {"name": "lucia", "password": password}
        answers.append(await client.post("/api/manage/session", json=body, headers=headers))
    answers += [
        await client.get("/api/manage/me"),
        await client.get("/api/manage/users"),
        await client.get("/schema/openapi.json"),
        await client.delete("/api/manage/session", headers=headers),
    ]
    assert [a.status_code for a in answers] == [200, 401, 200, 200, 401, 200, 200, 200, 200, 204]
    for answer in answers:
        for response in [*answer.history, answer]:
            assert secret not in response.text
            assert secret not in str(response.headers)
            assert secret not in str(response.request.url)
    assert "argon2" not in answers[-3].text
    assert secret not in caplog.text
