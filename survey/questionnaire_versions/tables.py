"""Questionnaire versions that have answers, pinned by the hash of their content."""

from __future__ import annotations

from piccolo.columns import Serial, Text, Varchar
from piccolo.table import Table


class QuestionnaireVersion(Table, tablename="questionnaire_versions"):
    """The content hash of each questionnaire version that has answers: it may not change."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    key = Varchar(length=100, unique=True)  # "<questionnaire id>@<version>"
    content_hash = Varchar(length=64)


class GeneratedQuestionnaire(Table, tablename="generated_questionnaires"):
    """A questionnaire version written by the service rather than by hand (a wave's version
    asking about the actions of the one before), kept as its JSON definition; once a
    consultation opens on it, it is pinned like any other version."""

    id: Serial  # Piccolo adds the primary key; declared for the type checker

    key = Varchar(length=100, unique=True)  # "<questionnaire id>@<version>"
    definition = Text()
