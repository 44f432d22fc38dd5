"""A consultation pins its questionnaire version when it opens: editing that file in place
afterwards stops the app's start-up, naming the file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from questionnaires import VersionChanged
from questionnaires.registry import DEFINITIONS_DIRECTORY
from survey.app import create_app
from tests.survey.consultations.helpers import (
    answer_all,
    create,
    form_answers,
    manager,
    open_and_mail,
    referents,
)

FILE = "referent-consultation-2012.yaml"


@pytest.fixture
def definitions(tmp_path: Path) -> Path:
    """A copy of the shipped definitions that a test may edit."""
    copy = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS_DIRECTORY, copy)
    return copy


def edit_in_place(path: Path) -> None:
    """Reword a question, keeping the version."""
    text = path.read_text(encoding="utf-8")
    edited = text.replace(
        "Le richieste che ricevo sono descritte in modo chiaro.",
        "Le richieste che ricevo sono chiare.",
        1,
    )
    assert edited != text
    path.write_text(edited, encoding="utf-8")


async def start(settings, definitions: Path) -> None:
    async with create_app(settings, definitions=definitions).lifespan():
        pass


def refused_for(path: Path) -> pytest.RaisesGroup:
    """Start-up stopped by `VersionChanged` naming `path` (Litestar may wrap it in a group)."""
    return pytest.RaisesGroup(
        pytest.RaisesExc(
            VersionChanged,
            match=re.escape(str(path)),
            check=lambda error: (error.id, error.version) == ("referent-consultation-2012", 1),
        ),
        allow_unwrapped=True,
    )


async def draft(client, cli) -> tuple[dict[str, str], dict]:
    """A consultation in draft inviting five referents; the manager's headers and it."""
    await referents(client, {"volontariato": 5})
    headers = await manager(client, cli)
    return headers, await create(client, headers)


async def test_an_edited_questionnaire_with_answers_stops_start_up(
    client, cli, settings, smtp_settings, inbox, definitions: Path
) -> None:
    headers, consultation = await draft(client, cli)
    links = await open_and_mail(client, headers, consultation["id"], smtp_settings, inbox)
    done = await answer_all(client, next(iter(links.values())), form_answers())
    assert done.status_code == 303
    await start(settings, definitions)  # the copy as shipped: the app starts

    edit_in_place(definitions / FILE)

    with refused_for(definitions / FILE):
        await start(settings, definitions)


async def test_opening_pins_the_version_before_any_answer(
    client, cli, settings, smtp_settings, inbox, definitions: Path
) -> None:
    headers, consultation = await draft(client, cli)
    edit_in_place(definitions / FILE)
    await start(settings, definitions)  # a draft pins nothing: its file may still change

    await open_and_mail(client, headers, consultation["id"], smtp_settings, inbox)

    with refused_for(definitions / FILE):
        await start(settings, definitions)
