"""A new questionnaire version asking referents whether they saw the actions decided after the
previous wave carried out: the base version with one more section, one item per action.

Generated rather than edited: the base version may be pinned (answered), and a pinned version
never changes; the new version has its own number and, once a consultation opens on it, its own
pin. The base's items are kept as they were, so the waves stay comparable item by item.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from questionnaires.definition_checks import validate_definition
from questionnaires.errors import InvalidDefinition
from questionnaires.model import Option, Questionnaire, Section, SingleChoiceItem, Text

SECTION = "actions"
ANSWERS = (
    ("yes", Text(it="Sì", en="Yes")),
    ("partly", Text(it="In parte", en="Partly")),
    ("no", Text(it="No", en="No")),
    ("dont_know", Text(it="Non so", en="I don't know")),
)


class ActionToAsk(msgspec.Struct, frozen=True):
    """An action as the next wave asks about it: its item code and what was decided."""

    code: str
    what: str


def action_item_code(action_id: int) -> str:
    return f"action_{action_id}"


def with_action_items(
    base: Questionnaire, actions: Sequence[ActionToAsk], version: int
) -> Questionnaire:
    """`base` as version `version`, with a last section asking about each action."""
    items = tuple(
        SingleChoiceItem(
            code=action.code,
            text=Text(
                it=f"Hai visto realizzare questa azione? «{action.what}»",
                en=f"Have you seen this action carried out? “{action.what}”",
            ),
            options=tuple(Option(code=code, label=label) for code, label in ANSWERS),
        )
        for action in actions
    )
    section = Section(
        code=SECTION,
        title=Text(
            it="Le azioni decise dopo la consultazione precedente",
            en="The actions decided after the previous consultation",
        ),
        intro=Text(
            it="Dopo l'ultima consultazione il Dipartimento ha deciso queste azioni. "
            "Dicci se le hai viste realizzare.",
            en="After the last consultation the Department decided on these actions. "
            "Tell us whether you have seen them carried out.",
        ),
        items=items,
    )
    generated = msgspec.structs.replace(base, version=version, sections=(*base.sections, section))
    errors = validate_definition(generated)
    if errors:
        raise InvalidDefinition(errors, f"{base.id} v{version} (generated)")
    return generated
