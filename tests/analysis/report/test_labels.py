"""Labels, never codes: regions in each language's own names, answers to "resolved" in words."""

from __future__ import annotations

import pytest

from analysis.report import texts
from case_bridge.vocabulary import Region


@pytest.mark.parametrize(
    ("code", "italian", "english"),
    [
        ("sicilia", "Sicilia", "Sicily"),
        ("valle_d_aosta", "Valle d'Aosta", "Aosta Valley"),
        ("trentino_alto_adige", "Trentino-Alto Adige", "Trentino-South Tyrol"),
        ("emilia_romagna", "Emilia-Romagna", "Emilia-Romagna"),
        ("abroad", "Estero", "Abroad"),
        ("", "(non indicato)", "(not given)"),
    ],
)
def test_regions_are_named_in_the_reports_language(code, italian, english):
    assert texts.level("it", code, factor="region") == italian
    assert texts.level("en", code, factor="region") == english


@pytest.mark.parametrize("lang", texts.LANGUAGES)
def test_every_region_has_a_name_that_is_not_its_code(lang):
    for region in Region:
        name = texts.level(lang, region.value, factor="region")
        assert name != region.value and "_" not in name


@pytest.mark.parametrize("lang", texts.LANGUAGES)
def test_the_answers_to_resolved_are_words(lang):
    names = [texts.level(lang, code, factor="resolved") for code in ("yes", "partly", "no")]
    assert names == [texts.LEVELS[lang][f"resolved_{code}"] for code in ("yes", "partly", "no")]
    assert len(set(names)) == 3 and not {"yes", "no", "sì"} & set(names)
