"""On PostgreSQL a citizen's first answer is one statement: one round trip to the database
(the answer, its revision and the questionnaire's pin, in data-modifying CTEs). A change, or a
first answer that opens a follow-up, takes the transaction script."""

from __future__ import annotations

import asyncio

import pytest

from case_bridge import storage
from case_bridge.services import follow_ups
from survey.feedback import services
from survey.questionnaire_versions.services import load_registry
from tests.survey.feedback.helpers import closed_case_token

GOOD = {"satisfaction": 5, "liked": "speed", "resolved": "yes", "effort": 6, "recommend": 9}


@pytest.fixture
def postgres(client):
    """The engine the app answers with (the `client` fixture has started the app)."""
    if storage.engine().engine_type != "postgres":
        pytest.skip("SQLite runs an answer's whole script on its writer's thread: no round trip")
    return storage.engine()


async def answer(engine, settings, token: str, answers: dict) -> tuple[list[str], dict]:
    """Submit `answers` in a transaction whose statements are recorded; (statements, answers
    as stored)."""
    registry = await load_registry()
    statements: list[str] = []
    async with engine.transaction() as transaction:
        transaction.connection.add_query_logger(lambda record: statements.append(record.query))
        saved = await services.submit_feedback(
            token=token, answers=answers, channel=None, settings=settings, registry=registry
        )
        await asyncio.sleep(0)  # asyncpg calls its query loggers soon after, not at once
        sent = list(statements)
    return sent, saved.answers


async def test_a_first_answer_is_one_statement(postgres, client, settings):
    code, token = await closed_case_token(client, settings)
    statements, stored = await answer(postgres, settings, token, GOOD)
    assert len(statements) == 1, statements
    assert stored == GOOD
    history = await services.revisions(case_code=code)
    assert [(r["number"], r["answers"], r["collection_channel"]) for r in history] == [
        (1, GOOD, "email_link")
    ]
    statements, stored = await answer(postgres, settings, token, GOOD | {"satisfaction": 4})
    assert len(statements) > 1  # a change: the transaction script
    assert [r["number"] for r in await services.revisions(case_code=code)] == [1, 2]


async def test_a_first_answer_opening_a_follow_up_takes_the_script(postgres, client, settings):
    code, token = await closed_case_token(client, settings)
    statements, _ = await answer(postgres, settings, token, {"satisfaction": 2, "resolved": "yes"})
    assert len(statements) > 1
    assert [item.case for item in await follow_ups()] == [code]


async def test_an_expired_or_unknown_link_stores_nothing(postgres, client, settings):
    with pytest.raises(services.FeedbackUnavailable):
        await answer(postgres, settings, "not-a-token", GOOD)
