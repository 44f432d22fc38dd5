"""Questionnaires as versioned data: schema, loading, checks of definitions and answers, scoring.

Definitions are YAML files in `definitions/`. YAML because a questionnaire is nested data
(sections hold items, items hold options and labels) where almost every leaf is a text in two
languages, and intros run over several lines: indentation and block scalars keep that readable
for the survey designer who edits it, comments can explain a choice next to it, and anchors let
a scale's labels be written once. The files are decoded with msgspec into the frozen structs of
`model`, checked by `definition_checks`, and collected, one immutable version each, in a
`Registry`. Nothing here touches the database or HTTP.
"""

from questionnaires.answer_errors import AnswerError, InvalidAnswers
from questionnaires.answers import parse_form, validate_answers, validate_partial
from questionnaires.definition_checks import validate_definition
from questionnaires.errors import (
    DefinitionError,
    DuplicateVersion,
    InvalidDefinition,
    QuestionnaireError,
    UnknownQuestionnaire,
    VersionChanged,
)
from questionnaires.loading import decode_definition, load_definition
from questionnaires.model import (
    Anchors,
    FacesItem,
    Item,
    LikertItem,
    MultipleChoiceItem,
    NpsItem,
    NumberItem,
    Option,
    Questionnaire,
    RatingItem,
    Scale,
    Section,
    ShowIf,
    SingleChoiceItem,
    Text,
    TextItem,
    YesNoItem,
)
from questionnaires.registry import Registry, content_hash, default_registry
from questionnaires.scoring import (
    csat_top2,
    face_for_value,
    faces_value,
    item_score,
    nps_category,
    scale_item_scores,
    score_scales,
)
from questionnaires.skip_logic import visible_items

__all__ = [
    "Anchors",
    "AnswerError",
    "DefinitionError",
    "DuplicateVersion",
    "FacesItem",
    "InvalidAnswers",
    "InvalidDefinition",
    "Item",
    "LikertItem",
    "MultipleChoiceItem",
    "NpsItem",
    "NumberItem",
    "Option",
    "Questionnaire",
    "QuestionnaireError",
    "RatingItem",
    "Registry",
    "Scale",
    "Section",
    "ShowIf",
    "SingleChoiceItem",
    "Text",
    "TextItem",
    "UnknownQuestionnaire",
    "VersionChanged",
    "YesNoItem",
    "content_hash",
    "csat_top2",
    "decode_definition",
    "default_registry",
    "face_for_value",
    "faces_value",
    "item_score",
    "load_definition",
    "nps_category",
    "parse_form",
    "scale_item_scores",
    "score_scales",
    "validate_answers",
    "validate_definition",
    "validate_partial",
    "visible_items",
]
