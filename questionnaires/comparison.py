"""Which items and scales of two questionnaire versions measure the same thing, so that waves
answered on them can be compared.

An item is the same when its code, its type and every word a respondent read (text and help
in both languages, labels, options, points, direction) are the same: a reworded item measures
something else, however slight the change, and is shown apart, never compared. A scale is the
same when its scoring rule and its items are, one for one.
"""

from __future__ import annotations

import msgspec

from questionnaires.model import Item, Questionnaire


class VersionMatch(msgspec.Struct, frozen=True, kw_only=True):
    """Items and scales of an earlier and a later version, sorted into same and apart."""

    same_items: tuple[str, ...]
    changed_items: tuple[str, ...]  # same code, different wording or form
    only_earlier: tuple[str, ...]
    only_later: tuple[str, ...]
    same_scales: tuple[str, ...]
    changed_scales: tuple[str, ...]  # in both, with a different rule or items


def _as_asked(item: Item) -> bytes:
    """Everything of an item a respondent sees or its scoring uses, but where it is shown."""
    fields = msgspec.structs.asdict(item)
    fields.pop("step", None)
    fields.pop("show_if", None)
    return msgspec.json.encode({"type": type(item).__name__, **fields}, order="deterministic")


def match_versions(earlier: Questionnaire, later: Questionnaire) -> VersionMatch:
    """Sort the items and scales of two versions into those that can be compared and not."""
    before = {item.code: item for item in earlier.items()}
    after = {item.code: item for item in later.items()}
    common = [code for code in after if code in before]
    same = {code for code in common if _as_asked(before[code]) == _as_asked(after[code])}
    scales_before = {scale.name: scale for scale in earlier.scales}
    same_scales: list[str] = []
    changed_scales: list[str] = []
    for scale in later.scales:
        if scale.name not in scales_before:
            continue
        old = scales_before[scale.name]
        items_before = [item.code for item in earlier.scale_items(scale.name)]
        items_after = [item.code for item in later.scale_items(scale.name)]
        alike = (
            (old.rule, old.min_share) == (scale.rule, scale.min_share)
            and items_before == items_after
            and all(code in same for code in items_after)
        )
        (same_scales if alike else changed_scales).append(scale.name)
    return VersionMatch(
        same_items=tuple(code for code in common if code in same),
        changed_items=tuple(code for code in common if code not in same),
        only_earlier=tuple(code for code in before if code not in after),
        only_later=tuple(code for code in after if code not in before),
        same_scales=tuple(same_scales),
        changed_scales=tuple(changed_scales),
    )
