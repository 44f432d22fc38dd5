"""Topics as a vocabulary kept in a file, with labels in both languages."""

from __future__ import annotations

from analysis.report import texts
from case_bridge.topics import is_known_topic, topic_label, topic_labels
from survey.demo.shares import TOPIC_SHARES


def test_the_dossiers_and_the_demos_topics_have_both_labels():
    for code in ("volontariato", "attestati_benemerenza", "rischio_sismico", "incendi_boschivi"):
        assert is_known_topic(code)
    assert set(TOPIC_SHARES) <= set(topic_labels())
    for labels in topic_labels().values():
        assert labels["it"].strip() and labels["en"].strip()
    assert topic_label("attestati_benemerenza") == "Attestati di pubblica benemerenza"
    assert topic_label("servizio_civile", "en") == "Civic service"


def test_an_unknown_topic_is_shown_as_typed_and_the_report_uses_the_labels():
    assert topic_label("rientro satellite UARS", "en") == "rientro satellite UARS"
    assert texts.level("it", "allerte_meteo", factor="topic") == "Allerte meteo"
    assert texts.level("en", "allerte_meteo", factor="topic") == "Weather alerts"
