"""Questionnaire versions with answers are pinned by content hash: a changed file under the
same version stops start-up, telling the author to bump the version."""

from __future__ import annotations

from questionnaires import Questionnaire, Registry, content_hash
from survey.feedback.tables import QuestionnaireVersion


def _key(questionnaire_id: str, version: int) -> str:
    return f"{questionnaire_id}@{version}"


async def load_registry() -> Registry:
    """The shipped questionnaires, checked against the hashes of versions that have answers."""
    pinned = {}
    for row in await QuestionnaireVersion.select().run():
        questionnaire_id, _, version = row["key"].rpartition("@")
        pinned[(questionnaire_id, int(version))] = row["content_hash"]
    return Registry.load(pinned=pinned)


async def pin(questionnaire: Questionnaire) -> None:
    """Record the hash of a version about to get answers (inside the writing transaction)."""
    key = _key(questionnaire.id, questionnaire.version)
    if not await QuestionnaireVersion.exists().where(QuestionnaireVersion.key == key).run():
        await QuestionnaireVersion.insert(
            QuestionnaireVersion(key=key, content_hash=content_hash(questionnaire))
        ).run()
