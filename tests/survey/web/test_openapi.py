"""The OpenAPI document says what the API does: closed bodies, both answers of the status
page, date-times with their zone."""

from __future__ import annotations

from datetime import datetime

from tests.reliability.conftest import app_for_inspection
from tests.survey.dashboard.helpers import PERIOD, signed_in, small_period


def document() -> dict:
    return app_for_inspection().openapi_schema.to_schema()


def test_bodies_that_refuse_unknown_fields_say_so():
    schemas = document()["components"]["schemas"]
    for closed in (
        "NewCase",
        "Closing",
        "Escalation",
        "CaseOpenedEvent",
        "CaseEscalatedEvent",
        "CaseClosedEvent",
        "ConsultationIn",
    ):
        assert schemas[closed]["additionalProperties"] is False, closed
    # An answer, or a body that takes any field, stays open.
    assert "additionalProperties" not in schemas["CaseOut"]


def test_the_status_page_documents_its_page_and_its_json():
    answers = document()["paths"]["/cases/{code}/status"]["get"]["responses"]
    for status in ("200", "404"):
        assert set(answers[status]["content"]) == {"text/html", "application/json"}
    json = answers["200"]["content"]["application/json"]["schema"]
    assert json == {"$ref": "#/components/schemas/PublicStatus"}


async def test_emergency_periods_are_answered_with_their_zone(client, cli, settings):
    await small_period(client, settings)
    await signed_in(client, cli)
    answer = await client.get(f"/api/manage/dashboard/emergencies?{PERIOD}")
    assert answer.status_code == 200, answer.text
    periods = answer.json()["periods"]
    assert periods
    for period in periods:
        for moment in (period["starts_at"], period["ends_at"]):
            assert datetime.fromisoformat(moment).tzinfo is not None, moment
