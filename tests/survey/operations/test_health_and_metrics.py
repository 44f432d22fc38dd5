"""`/health`, `/ready` and `/metrics`: they answer, `/ready` tells a database that is behind
its migrations, and `/metrics` counts by route template with no token or address in it."""

from __future__ import annotations

import re

from piccolo.apps.migrations.tables import Migration

from survey.operations.readiness import expected_migrations, readiness
from tests.factories import make_case
from tests.survey.feedback.helpers import closed_case_token


async def test_health_answers_without_the_database(client):
    answer = await client.get("/health")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


async def test_ready_when_every_migration_has_run(client):
    answer = await client.get("/ready")
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"ready": True, "database": "reachable", "pending_migrations": []}


async def test_not_ready_while_a_migration_is_pending(db):
    app_name, name = sorted(expected_migrations())[-1]
    row = await Migration.select().where(Migration.name == name).first().run()
    await Migration.delete().where(Migration.name == name).run()
    try:
        found = await readiness()
    finally:
        await Migration.insert(Migration(**{k: v for k, v in row.items() if k != "id"})).run()
    assert not found.ready
    assert found.database == "reachable"
    assert found.pending_migrations == [f"{app_name}/{name}"]
    assert (await readiness()).ready


async def test_metrics_count_by_route_template_and_hold_no_token_or_address(client, settings):
    code, token = await closed_case_token(client, settings, contact_email="giulia.bianchi@pec.it")
    await make_case(client, contact_email="another.person@example.org")
    assert (await client.get(f"/f/{token}")).status_code == 200
    answer = {"answers": {"satisfaction": 2, "comment": "chiamatemi al 333 1234567"}}
    assert (await client.put(f"/api/feedback/{token}", json=answer)).status_code == 200
    assert (await client.get(f"/api/feedback/{token}x")).status_code == 404

    scraped = await client.get("/metrics")
    assert scraped.status_code == 200
    assert scraped.headers["content-type"].startswith("text/plain")
    text = scraped.text

    assert re.search(
        r'ascolto_requests_total\{[^}]*method="PUT"[^}]*path="/api/feedback/\{token\}"'
        r'[^}]*status_code="200"[^}]*\} [1-9]',
        text,
    ), text
    assert 'path="/api/feedback/{token}",status_code="404"' in text
    assert "ascolto_request_duration_seconds_bucket{" in text
    assert re.search(r"^ascolto_feedback_answers_stored 1\.0$", text, re.MULTILINE)
    assert re.search(r'^ascolto_outbox_messages\{status="pending"\} 1\.0$', text, re.MULTILINE)
    assert re.search(r'^ascolto_follow_ups\{state="open"\} 1\.0$', text, re.MULTILINE)
    for secret in (token, code, "giulia.bianchi", "another.person", "1234567", "/f/" + token):
        assert secret not in text
