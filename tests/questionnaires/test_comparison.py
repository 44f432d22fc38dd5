"""Two versions of a questionnaire: items with the same code and wording compared, any other
item and the scales it belongs to set apart."""

from __future__ import annotations

import msgspec

from questionnaires import Text, default_registry
from questionnaires.comparison import match_versions


def _reworded(questionnaire, code: str, italian: str):
    sections = []
    for section in questionnaire.sections:
        items = tuple(
            msgspec.structs.replace(item, text=Text(it=italian, en=item.text.en))
            if item.code == code
            else item
            for item in section.items
        )
        sections.append(msgspec.structs.replace(section, items=items))
    return msgspec.structs.replace(questionnaire, version=2, sections=tuple(sections))


def test_the_same_version_matches_itself_entirely():
    questionnaire = default_registry().get("referent-consultation-2012", 1)
    match = match_versions(questionnaire, questionnaire)
    assert match.changed_items == () and match.changed_scales == ()
    assert set(match.same_scales) == {scale.name for scale in questionnaire.scales}


def test_a_reworded_item_is_apart_and_so_is_its_scale():
    earlier = default_registry().get("referent-consultation-2012", 1)
    later = _reworded(earlier, "deadline_emergency", "Nelle emergenze i tempi sono sostenibili.")
    match = match_versions(earlier, later)
    assert match.changed_items == ("deadline_emergency",)
    assert "deadline_reasonable" in match.same_items
    assert match.changed_scales == ("timeliness",)
    assert "timeliness" not in match.same_scales and "workload" in match.same_scales


def test_items_only_in_one_version_are_listed_as_such():
    earlier = default_registry().get("referent-consultation-2012", 1)
    first = earlier.sections[0]
    later = msgspec.structs.replace(
        earlier, version=2, sections=(msgspec.structs.replace(first, items=first.items[:2]),)
    )
    match = match_versions(earlier, later)
    assert match.only_earlier[0] == "request_relevance"
    assert match.changed_scales[0] == "request_quality" and match.same_scales == ()
