"""Questionnaire versions that have answers, pinned by the hash of their content."""

from __future__ import annotations

from piccolo.columns import Varchar
from piccolo.table import Table


class QuestionnaireVersion(Table, tablename="questionnaire_versions"):
    """The content hash of each questionnaire version that has answers: it may not change."""

    key = Varchar(length=100, unique=True)  # "<questionnaire id>@<version>"
    content_hash = Varchar(length=64)
