"""Typed structures of a questionnaire definition, decoded straight from YAML."""

from __future__ import annotations

from typing import Literal

import msgspec

Scalar = str | int | float | bool
Audience = Literal["citizen", "referent"]
ScaleRule = Literal["mean", "sum", "sus"]
Face = Literal["negative", "neutral", "positive"]

FACES: tuple[Face, ...] = ("negative", "neutral", "positive")


class _Definition(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
):
    """Base of every definition struct.

    Unknown fields are refused so that a typo such as `requred:` is reported, not ignored.
    Defaults are omitted when encoding so that adding an optional field to the schema later
    does not change the content hash of definitions already answered.
    """


class Text(_Definition, kw_only=True, frozen=True):
    """A text in Italian and English."""

    # Both default to "" so that a missing language reaches validation, which reports it
    # with its location, instead of failing decoding.
    it: str = ""
    en: str = ""

    def get(self, lang: str = "it") -> str:
        """Return the text in `lang`, falling back to Italian."""
        return self.en if lang == "en" and self.en else self.it


class Option(_Definition, kw_only=True, frozen=True):
    """One choice of a single or multiple choice item."""

    code: str
    label: Text


class Anchors(_Definition, kw_only=True, frozen=True):
    """Labels of the two ends of a rating or NPS scale."""

    low: Text
    high: Text


class ShowIf(_Definition, kw_only=True, frozen=True):
    """Skip logic: show an item only when an earlier answer matches exactly one test."""

    item: str
    equals: Scalar | None = None
    in_: tuple[Scalar, ...] | None = msgspec.field(default=None, name="in")
    gte: int | float | None = None


class BaseItem(_Definition, tag_field="type", kw_only=True, frozen=True):
    """Fields shared by every item type."""

    code: str
    text: Text
    help: Text | None = None
    required: bool = False
    reverse: bool = False
    scales: tuple[str, ...] = ()
    show_if: ShowIf | None = None
    # Which page of a one-question-at-a-time form shows the item (1, 2, …); 0 means the
    # questionnaire is not split into steps. Either every item has a step or none has.
    step: int = 0


class LikertItem(BaseItem, tag="likert", kw_only=True, frozen=True):
    """Agreement on a 5 or 7 point scale, every point labelled."""

    points: int
    labels: tuple[Text, ...]


class RatingItem(BaseItem, tag="rating", kw_only=True, frozen=True):
    """A 1–5 rating (stars); the CSAT question."""

    anchors: Anchors | None = None


class FacesItem(BaseItem, tag="faces", kw_only=True, frozen=True):
    """Three faces, negative, neutral, positive, as in "Mettiamoci la faccia"."""


class NpsItem(BaseItem, tag="nps", kw_only=True, frozen=True):
    """Likelihood to recommend, 0–10."""

    anchors: Anchors | None = None


class YesNoItem(BaseItem, tag="yes_no", kw_only=True, frozen=True):
    """A yes or no question; the answer is a bool."""


class SingleChoiceItem(BaseItem, tag="single_choice", kw_only=True, frozen=True):
    """One option among several; the answer is the option code."""

    options: tuple[Option, ...]


class MultipleChoiceItem(BaseItem, tag="multiple_choice", kw_only=True, frozen=True):
    """Any number of options; the answer is a list of option codes."""

    options: tuple[Option, ...]


class NumberItem(BaseItem, tag="number", kw_only=True, frozen=True):
    """A number, optionally bounded; whole numbers unless `integer` is false."""

    min: int | float | None = None
    max: int | float | None = None
    integer: bool = True


class TextItem(BaseItem, tag="text", kw_only=True, frozen=True):
    """Free text up to `max_length` characters."""

    max_length: int
    multiline: bool = True


Item = (
    LikertItem
    | RatingItem
    | FacesItem
    | NpsItem
    | YesNoItem
    | SingleChoiceItem
    | MultipleChoiceItem
    | NumberItem
    | TextItem
)
ChoiceItem = SingleChoiceItem | MultipleChoiceItem

# Items whose answer is a point on an ordered numeric scale; text and choices are not.
SCORABLE_TYPES: tuple[type, ...] = (
    LikertItem,
    RatingItem,
    FacesItem,
    NpsItem,
    YesNoItem,
    NumberItem,
)


class Section(_Definition, kw_only=True, frozen=True):
    """A page of the questionnaire."""

    code: str
    title: Text
    intro: Text | None = None
    items: tuple[Item, ...]


class Scale(_Definition, kw_only=True, frozen=True):
    """A named group of items scored together; items join it through their `scales`."""

    name: str
    title: Text
    rule: ScaleRule
    min_share: float | None = None


class Questionnaire(_Definition, kw_only=True, frozen=True):
    """One version of a questionnaire."""

    id: str
    version: int
    audience: Audience
    title: Text
    intro: Text
    sections: tuple[Section, ...]
    scales: tuple[Scale, ...] = ()

    def items(self) -> tuple[Item, ...]:
        """Return every item in order of appearance."""
        return tuple(item for section in self.sections for item in section.items)

    def item(self, code: str) -> Item | None:
        """Return the item with `code`, or None."""
        return next((item for item in self.items() if item.code == code), None)

    def steps(self) -> tuple[int, ...]:
        """Return the step numbers in order; empty when every item is on one page."""
        return tuple(sorted({item.step for item in self.items() if item.step}))

    def step_items(self, step: int) -> tuple[Item, ...]:
        """Return the items of one step in order of appearance."""
        return tuple(item for item in self.items() if item.step == step)

    def scale_items(self, name: str) -> tuple[Item, ...]:
        """Return the items of scale `name` in order of appearance."""
        return tuple(item for item in self.items() if name in item.scales)
