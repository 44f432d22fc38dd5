"""Questionnaire versions in use are pinned by content hash (the feedback questionnaire at its
first answer, a consultation's when it opens): a changed file under the same version stops
start-up, telling the author to bump the version."""

from __future__ import annotations

import functools
from pathlib import Path

from case_bridge.storage.scripts import Statements
from questionnaires import Questionnaire, Registry, content_hash
from survey.questionnaire_versions.tables import QuestionnaireVersion


def _key(questionnaire_id: str, version: int) -> str:
    return f"{questionnaire_id}@{version}"


async def load_registry(directory: Path | None = None) -> Registry:
    """The questionnaires of `directory` (default: the shipped ones), checked against the
    hashes of versions that have answers."""
    pinned = {}
    for row in await QuestionnaireVersion.select().run():
        questionnaire_id, _, version = row["key"].rpartition("@")
        pinned[(questionnaire_id, int(version))] = row["content_hash"]
    return Registry.load(directory, pinned=pinned)


async def pin(db: Statements, questionnaire: Questionnaire) -> None:
    """Record the hash of a version about to be used (a step of the writing transaction)."""
    await db.rows(
        'INSERT INTO "questionnaire_versions" ("key", "content_hash") VALUES (?, ?) '
        'ON CONFLICT ("key") DO NOTHING',
        list(pin_values(questionnaire)),
    )


def pin_values(questionnaire: Questionnaire) -> tuple[str, str]:
    """The key and the content hash that pin `questionnaire`'s version."""
    return _key(questionnaire.id, questionnaire.version), _hash(questionnaire)


@functools.cache
def _hash(questionnaire: Questionnaire) -> str:
    return content_hash(questionnaire)
