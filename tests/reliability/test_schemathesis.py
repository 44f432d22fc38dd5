"""Schemathesis against the app's own OpenAPI document, served by a real uvicorn process:
generated valid and invalid requests to every operation, authenticated as each operation needs,
never get a 5xx, and every answer is one the document declares (status, media type, body)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from case_bridge.auth import BRIDGE_KEY_HEADER, SIGNATURE_HEADER, body_signature
from tests.conftest import BRIDGE_KEY
from tests.reliability.conftest import SchemathesisCounts, app_for_inspection
from tests.reliability.server import AppServer
from tests.survey.accounts.helpers import PASSWORD, make_user

# Once per CI run, in the SQLite pass: what it checks is the HTTP surface and its document.
pytestmark = pytest.mark.schemathesis

EXAMPLES_PER_MODE = 25  # per operation, for valid and again for invalid data
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
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
    # The document describes the JSON API; a route that also serves people (the public case
    # status) answers HTML to a browser's Accept, which the page tests cover.
    kwargs["headers"]["Accept"] = "application/json"
    if isinstance(body, bytes):
        kwargs["headers"][SIGNATURE_HEADER] = body_signature(BRIDGE_KEY, body)
    return http.request(**kwargs, timeout=30, allow_redirects=False)


def run_examples(operation, mode, http, base_url: str, counts: SchemathesisCounts) -> None:
    """EXAMPLES_PER_MODE generated requests to one operation, each answer checked."""

    @HYPOTHESIS
    @given(case=operation.as_strategy(generation_mode=mode))
    def answers_as_documented(case) -> None:
        response = send(case, http, base_url)
        counts.examples[mode.value] = counts.examples.get(mode.value, 0) + 1
        case.validate_response(response, checks=CHECKS)

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
