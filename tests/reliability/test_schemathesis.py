"""Schemathesis against the app's own OpenAPI document, served by a real uvicorn process:
generated valid and invalid requests to every operation, authenticated as each operation needs
(the bridge key and its signature, an administrator's session), checked with every check
schemathesis has (`--checks all`): never a 5xx, every answer one the document declares (status,
media type, headers, body), valid data accepted and invalid data refused, a complete `Allow`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks

from case_bridge.auth import BRIDGE_KEY_HEADER, SIGNATURE_HEADER, body_signature
from tests.conftest import BRIDGE_KEY
from tests.reliability.conftest import SchemathesisCounts, app_for_inspection
from tests.reliability.server import AppServer
from tests.survey.accounts.helpers import PASSWORD, make_user

# Once per CI run, in the SQLite pass: what it checks is the HTTP surface and its document.
pytestmark = pytest.mark.schemathesis

EXAMPLES_PER_MODE = 25  # per operation, for valid and again for invalid data
load_all_checks()
# Every check of `--checks all`, with schemathesis's own expected statuses.
ALL_CHECKS = [check for check in CHECKS.get_all() if not isinstance(check, type)]


def _ordered(where: str, first: str, second: str, *, strictly: bool) -> Callable[[Any], bool]:
    def follows(case: Any) -> bool:
        values = getattr(case, where) or {}
        if not isinstance(values, dict) or values.get(first) is None or not values.get(second):
            return True
        earlier, later = values[first], values[second]
        if "T" in str(earlier) + str(later):  # times with zones: compared as instants
            earlier = datetime.fromisoformat(earlier.upper())
            later = datetime.fromisoformat(later.upper())
        return earlier < later if strictly else earlier <= later

    return follows


def _up_to_today(where: str, name: str) -> Callable[[Any], bool]:
    def has_come(case: Any) -> bool:
        value = (getattr(case, where) or {}).get(name)
        return not isinstance(value, str) or value[:10] <= date.today().isoformat()

    return has_come


# Rules between two fields, which a JSON Schema cannot state (each operation's description
# says it): the valid examples follow them. A request breaking one is refused (422), and the
# invalid examples are generated without them.
BETWEEN_FIELDS: dict[str, Callable[[Any], bool]] = {
    "POST /api/emergencies": lambda case: (
        _ordered("body", "starts_at", "ends_at", strictly=True)(case)
        and _ordered("body", "opening_hour", "closing_hour", strictly=True)(case)
    ),
    "POST /api/manage/consultations": _ordered("body", "opens_on", "closes_on", strictly=False),
    **{
        f"GET /api/manage/dashboard/{page}": _ordered("query", "from", "to", strictly=True)
        for page in (
            "overview",
            "path",
            "channel",
            "request-type",
            "time-to-close",
            "emergencies",
            "non-response",
            "reasons",
            "consultations/{consultation_id}",
        )
    },
    "GET /api/manage/exports/answers.csv": _ordered("query", "from", "to", strictly=True),
    # A rule against the clock: the public figures are of days that have come.
    **{
        f"GET /{name}.{kind}": _up_to_today("query", "as_of")
        for name in ("transparency", "trasparenza")
        for kind in ("csv", "json")
    },
    "GET /api/manage/exports/answers.xlsx": _ordered("query", "from", "to", strictly=True),
}
HYPOTHESIS = settings(
    max_examples=EXAMPLES_PER_MODE,
    derandomize=True,  # the same examples on every run: CI stays stable
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)


def _operations_of_the_app() -> list[str]:
    """The operations the app documents, known without a server or a database."""
    document = app_for_inspection().openapi_schema.to_schema()
    return [
        f"{method.upper()} {path}"
        for path, methods in document["paths"].items()
        for method in methods
    ]


OPERATIONS = _operations_of_the_app()


@pytest.fixture(scope="module")
def served_schema(live_server: AppServer) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{live_server.base_url}/schema/openapi.json")


def _signed_in(base_url: str, name: str) -> requests.Session:
    """A requests session of a signed-in user, sending the CSRF header with every request."""
    http = requests.Session()
    http.get(f"{base_url}/manage/login", timeout=10)
    http.headers["X-CSRFToken"] = http.cookies["csrftoken"]
    answer = http.post(
        f"{base_url}/api/manage/session",
        json={"name": name, "password": PASSWORD},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return http


@pytest.fixture
async def admin_session(client, cli, live_server: AppServer) -> Iterator[requests.Session]:
    await make_user(cli, "schemathesis", role="admin")
    http = _signed_in(live_server.base_url, "schemathesis")
    yield http
    http.close()


def send(case, http: requests.Session, base_url: str) -> requests.Response:
    """Send a generated case with every credential an operation may want: the bridge key, the
    body's signature under it, and (through `http`) a signed-in session and its CSRF header."""
    kwargs = case.as_transport_kwargs(base_url=base_url)
    if "json" in kwargs:
        kwargs["data"] = json.dumps(kwargs.pop("json")).encode()
    body = kwargs.get("data") or b""
    body = body.encode() if isinstance(body, str) else body
    kwargs["headers"][BRIDGE_KEY_HEADER] = BRIDGE_KEY
    if isinstance(body, bytes):
        kwargs["headers"][SIGNATURE_HEADER] = body_signature(BRIDGE_KEY, body)
    return http.request(**kwargs, timeout=30, allow_redirects=False)


def run_examples(operation, mode, http, base_url: str, counts: SchemathesisCounts) -> None:
    """EXAMPLES_PER_MODE generated requests to one operation, each answer checked."""

    strategy = operation.as_strategy(generation_mode=mode)
    if mode is GenerationMode.POSITIVE and operation.label in BETWEEN_FIELDS:
        strategy = strategy.filter(BETWEEN_FIELDS[operation.label])

    @HYPOTHESIS
    @given(case=strategy)
    def answers_as_documented(case) -> None:
        response = send(case, http, base_url)
        counts.examples[mode.value] = counts.examples.get(mode.value, 0) + 1
        case.validate_response(response, checks=ALL_CHECKS, transport_kwargs={"session": http})

    answers_as_documented()


def test_the_served_document_is_the_apps(served_schema):
    served = {operation.ok().label for operation in served_schema.get_all_operations()}
    assert served == set(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
async def test_operation_answers_as_documented(
    label, served_schema, admin_session, live_server, schemathesis_counts
):
    operation = served_schema.find_operation_by_label(label)
    assert operation is not None, f"{label} is not in the served document"
    schemathesis_counts.operations.add(label)
    # Signing out would end the shared session: that operation gets one of its own (signed out).
    http = requests.Session() if label == "DELETE /api/manage/session" else admin_session
    if http is not admin_session:
        http.get(f"{live_server.base_url}/manage/login", timeout=10)
        http.headers["X-CSRFToken"] = http.cookies["csrftoken"]
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        try:
            run_examples(operation, mode, http, live_server.base_url, schemathesis_counts)
        except Unsatisfiable:
            # No parameter and no body: there is nothing to make invalid.
            assert mode is GenerationMode.NEGATIVE
