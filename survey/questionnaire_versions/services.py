"""Questionnaire versions in use are pinned by content hash (the feedback questionnaire at its
first answer, a consultation's when it opens): a changed file under the same version stops
start-up, telling the author to bump the version."""

from __future__ import annotations

import functools
from pathlib import Path

import msgspec

from case_bridge.storage.scripts import Statements
from questionnaires import (
    Questionnaire,
    Registry,
    VersionChanged,
    content_hash,
    decode_definition,
)
from survey.questionnaire_versions.tables import GeneratedQuestionnaire, QuestionnaireVersion


def _key(questionnaire_id: str, version: int) -> str:
    return f"{questionnaire_id}@{version}"


async def load_registry(directory: Path | None = None) -> Registry:
    """The questionnaires of `directory` (default: the shipped ones) and the generated ones,
    checked against the hashes of versions that have answers."""
    pinned = await _pinned()
    registry = Registry.load(directory, pinned=pinned)
    await _add_generated(registry, pinned)
    return registry


async def _pinned() -> dict[tuple[str, int], str]:
    pinned = {}
    for row in await QuestionnaireVersion.select().run():
        questionnaire_id, _, version = row["key"].rpartition("@")
        pinned[(questionnaire_id, int(version))] = row["content_hash"]
    return pinned


async def _add_generated(registry: Registry, pinned: dict[tuple[str, int], str]) -> None:
    for row in await GeneratedQuestionnaire.select().order_by(GeneratedQuestionnaire.id).run():
        questionnaire_id, _, version = row["key"].rpartition("@")
        key = (questionnaire_id, int(version))
        if key in registry:
            continue
        questionnaire = decode_definition(row["definition"], f"generated {row['key']}")
        found = content_hash(questionnaire)
        if key in pinned and pinned[key] != found:
            raise VersionChanged(row["key"], key[0], key[1], pinned[key], found)
        registry.add(questionnaire, source=f"generated {row['key']}")


async def refresh_generated(registry: Registry) -> None:
    """Add the generated versions other workers kept since this one loaded its registry."""
    await _add_generated(registry, await _pinned())


async def questionnaire_for(
    registry: Registry, questionnaire_id: str, version: int
) -> Questionnaire:
    """One version, reading the generated versions again if another worker wrote it since this
    one started."""
    if (questionnaire_id, version) not in registry:
        await refresh_generated(registry)
    return registry.get(questionnaire_id, version)


async def keep_generated(db: Statements, questionnaire: Questionnaire) -> None:
    """Keep a generated version (a step of the writing transaction); the caller adds it to its
    registry once the transaction has committed."""
    definition = msgspec.json.encode(questionnaire).decode()
    await db.rows(
        'INSERT INTO "generated_questionnaires" ("key", "definition") VALUES (?, ?)',
        [_key(questionnaire.id, questionnaire.version), definition],
    )


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
