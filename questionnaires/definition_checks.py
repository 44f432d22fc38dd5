"""Checks of a decoded definition, every problem reported at once with its location."""

from __future__ import annotations

import re

from questionnaires.errors import DefinitionError
from questionnaires.model import (
    FACES,
    SCORABLE_TYPES,
    FacesItem,
    Item,
    LikertItem,
    MultipleChoiceItem,
    NpsItem,
    NumberItem,
    Questionnaire,
    RatingItem,
    Scalar,
    ShowIf,
    SingleChoiceItem,
    Text,
    TextItem,
    YesNoItem,
)
from questionnaires.scoring import score_range

# Codes become form field names and column names in the analysis, so keep them plain.
_CODE = re.compile(r"[a-z][a-z0-9_]*\Z")
_ID = re.compile(r"[a-z][a-z0-9-]*\Z")
_LANGUAGES = {"it": "Italian", "en": "English"}
_SUS_ITEMS = 10


class _Report:
    """Collects located errors."""

    def __init__(self) -> None:
        self.errors: list[DefinitionError] = []

    def add(self, location: str, message: str) -> None:
        self.errors.append(DefinitionError(location, message))

    def text(self, text: Text | None, location: str) -> None:
        if text is None:
            return
        for lang, language in _LANGUAGES.items():
            if not getattr(text, lang).strip():
                self.add(f"{location}.{lang}", f"missing {language} text")

    def code(
        self, code: str, location: str, seen: dict[str, str], pattern: re.Pattern[str] = _CODE
    ) -> None:
        if not pattern.match(code):
            style = "lowercase letters, digits and _" if pattern is _CODE else "lowercase and -"
            self.add(location, f"{code!r} is not a valid code ({style}, starting with a letter)")
        if code in seen:
            self.add(location, f'duplicate "{code}"')
        else:
            seen[code] = location


def validate_definition(q: Questionnaire) -> list[DefinitionError]:
    """Return every problem of a definition; an empty list means it is usable."""
    report = _Report()
    report.code(q.id, "id", {}, pattern=_ID)
    if q.version < 1:
        report.add("version", f"must be 1 or more, got {q.version}")
    report.text(q.title, "title")
    report.text(q.intro, "intro")
    if not q.sections:
        report.add("sections", "a questionnaire needs at least one section")
    section_codes: dict[str, str] = {}
    item_codes: dict[str, str] = {}
    earlier: dict[str, Item] = {}
    for s, section in enumerate(q.sections):
        where = f"sections[{s}]"
        report.code(section.code, f"{where}.code", section_codes)
        report.text(section.title, f"{where}.title")
        report.text(section.intro, f"{where}.intro")
        if not section.items:
            report.add(f"{where}.items", "a section needs at least one item")
        for i, item in enumerate(section.items):
            location = f"{where}.items[{i}]"
            report.code(item.code, f"{location}.code", item_codes)
            _check_item(item, location, report, q)
            if item.show_if is not None:
                _check_show_if(item.show_if, f"{location}.show_if", earlier, q, report)
            earlier.setdefault(item.code, item)
    _check_scales(q, report)
    _check_steps(q, report)
    return report.errors


def _check_steps(q: Questionnaire, report: _Report) -> None:
    """Steps are all or nothing, numbered 1, 2, … in order, and skip logic looks backwards."""
    items = q.items()
    stepped = [item for item in items if item.step]
    if not stepped:
        return
    step_of = {item.code: item.step for item in items}
    previous = 0
    for s, section in enumerate(q.sections):
        for i, item in enumerate(section.items):
            location = f"sections[{s}].items[{i}].step"
            if item.step <= 0:
                report.add(location, "every item needs a step (1 or more) when any item has one")
                continue
            if item.step < previous:
                report.add(location, f"step {item.step} comes after step {previous}")
            elif item.step > previous + 1:
                report.add(location, f"step {item.step} skips step {previous + 1}")
            previous = max(previous, item.step)
            # A step is saved when it is sent, so what decides whether an item is shown must
            # already have been answered on an earlier page.
            if item.show_if is not None and step_of.get(item.show_if.item) == item.step:
                report.add(
                    f"sections[{s}].items[{i}].show_if",
                    f'"{item.show_if.item}" is on the same step; put it on an earlier one',
                )
    first = [item for item in items if item.step == 1]
    if first and not any(item.required for item in first):
        report.add("sections[0].items[0].step", "step 1 needs a required item")


def _check_item(item: Item, location: str, report: _Report, q: Questionnaire) -> None:
    report.text(item.text, f"{location}.text")
    report.text(item.help, f"{location}.help")
    match item:
        case LikertItem():
            if item.points not in (5, 7):
                report.add(
                    f"{location}.points", f"a likert item has 5 or 7 points, not {item.points}"
                )
            if len(item.labels) != item.points:
                report.add(
                    f"{location}.labels",
                    f"{item.points} points need {item.points} labels, found {len(item.labels)}",
                )
            for n, label in enumerate(item.labels):
                report.text(label, f"{location}.labels[{n}]")
        case RatingItem() | NpsItem() if item.anchors is not None:
            report.text(item.anchors.low, f"{location}.anchors.low")
            report.text(item.anchors.high, f"{location}.anchors.high")
        case SingleChoiceItem() | MultipleChoiceItem():
            if len(item.options) < 2:
                report.add(f"{location}.options", "a choice needs at least two options")
            option_codes: dict[str, str] = {}
            for n, option in enumerate(item.options):
                report.code(option.code, f"{location}.options[{n}].code", option_codes)
                report.text(option.label, f"{location}.options[{n}].label")
        case NumberItem() if item.min is not None and item.max is not None:
            if item.min > item.max:
                report.add(f"{location}.min", f"min {item.min} is greater than max {item.max}")
        case TextItem() if item.max_length <= 0:
            report.add(f"{location}.max_length", f"must be more than 0, got {item.max_length}")
    _check_scoring(item, location, report, {scale.name for scale in q.scales})


def _check_scoring(item: Item, location: str, report: _Report, known_scales: set[str]) -> None:
    scorable = isinstance(item, SCORABLE_TYPES)
    kind = item.__struct_config__.tag
    if item.reverse and not scorable:
        report.add(f"{location}.reverse", f"a {kind} item has no numeric score to reverse")
    elif item.reverse and score_range(item) is None:
        report.add(f"{location}.reverse", "a number item needs both min and max to be reversed")
    for n, name in enumerate(item.scales):
        if name not in known_scales:
            report.add(f"{location}.scales[{n}]", f'unknown scale "{name}"')
        elif not scorable:
            report.add(f"{location}.scales[{n}]", f'a {kind} item cannot be scored in "{name}"')


def _check_show_if(
    condition: ShowIf, location: str, earlier: dict[str, Item], q: Questionnaire, report: _Report
) -> None:
    target = earlier.get(condition.item)
    if target is None:
        if q.item(condition.item) is None:
            report.add(f"{location}.item", f'unknown item "{condition.item}"')
        else:
            report.add(f"{location}.item", f'"{condition.item}" is not an earlier item')
        return
    tests = [t for t in ("equals", "in_", "gte") if getattr(condition, t) is not None]
    if len(tests) != 1:
        report.add(location, "give exactly one of equals, in, gte")
        return
    if isinstance(target, TextItem):
        report.add(f"{location}.item", f'"{target.code}" is a text item; show_if cannot test it')
    elif condition.equals is not None:
        _check_possible(target, condition.equals, f"{location}.equals", report)
    elif condition.in_ is not None:
        if not condition.in_:
            report.add(f"{location}.in", "the list is empty")
        for n, value in enumerate(condition.in_):
            _check_possible(target, value, f"{location}.in[{n}]", report)
    elif not isinstance(target, LikertItem | RatingItem | NpsItem | NumberItem):
        report.add(f"{location}.gte", f"gte needs a numeric item, {target.code!r} is not")
    else:
        if condition.gte is not None:
            _check_possible(target, condition.gte, f"{location}.gte", report)


def _check_possible(target: Item, value: Scalar, location: str, report: _Report) -> None:
    """Report `value` unless it is an answer `target` can receive."""
    match target:
        case SingleChoiceItem() | MultipleChoiceItem():
            codes = [option.code for option in target.options]
            if value not in codes or isinstance(value, bool):
                hint = ""
                if isinstance(value, bool):
                    hint = ' (YAML reads bare yes/no as booleans: write "yes")'
                report.add(location, f"{value!r} is not an option of {target.code!r}{hint}")
        case FacesItem() if value not in FACES:
            report.add(location, f"{value!r} is not a face ({', '.join(FACES)})")
        case YesNoItem() if not isinstance(value, bool):
            report.add(location, f"{target.code!r} is yes/no: use true or false")
        case LikertItem() | RatingItem() | NpsItem() | NumberItem():
            bounds = score_range(target)
            if isinstance(value, bool) or not isinstance(value, int | float):
                report.add(location, f"{target.code!r} is numeric, {value!r} is not a number")
            elif bounds is not None and not bounds[0] <= value <= bounds[1]:
                report.add(location, f"{value} is outside {bounds[0]}–{bounds[1]}")
            elif isinstance(target, NumberItem) and target.min is not None and value < target.min:
                report.add(location, f"{value} is below the minimum {target.min}")
            elif isinstance(target, NumberItem) and target.max is not None and value > target.max:
                report.add(location, f"{value} is above the maximum {target.max}")


def _check_scales(q: Questionnaire, report: _Report) -> None:
    locations = {
        item.code: f"sections[{s}].items[{i}]"
        for s, section in enumerate(q.sections)
        for i, item in enumerate(section.items)
    }
    names: dict[str, str] = {}
    for n, scale in enumerate(q.scales):
        where = f"scales[{n}]"
        report.code(scale.name, f"{where}.name", names)
        report.text(scale.title, f"{where}.title")
        if scale.min_share is not None and not 0 < scale.min_share <= 1:
            report.add(
                f"{where}.min_share", f"must be above 0 and at most 1, got {scale.min_share}"
            )
        members = [item for item in q.scale_items(scale.name) if isinstance(item, SCORABLE_TYPES)]
        if not q.scale_items(scale.name):
            report.add(where, f'no item belongs to scale "{scale.name}"')
        if scale.rule == "sus":
            _check_sus(scale.name, members, where, locations, report)
            continue
        ranges = {score_range(item) for item in members}
        if len(ranges) > 1:
            found = ", ".join(sorted(_describe(r) for r in ranges))
            report.add(where, f'the items of "{scale.name}" must share one range, found {found}')


def _check_sus(
    name: str, members: list[Item], where: str, locations: dict[str, str], report: _Report
) -> None:
    if len(members) != _SUS_ITEMS:
        report.add(where, f'a sus scale needs exactly ten items, "{name}" has {len(members)}')
    for item in members:
        if score_range(item) != (1, 5):
            report.add(
                locations[item.code], f'sus scale "{name}" needs 5-point items (likert 5, rating)'
            )
        if item.reverse:
            # Brooke's scoring already alternates polarity; a reverse flag would undo it.
            report.add(f"{locations[item.code]}.reverse", "sus items must not be reverse-coded")


def _describe(bounds: tuple[float, float] | None) -> str:
    return "unbounded" if bounds is None else f"{bounds[0]}–{bounds[1]}"
