"""Counted sentences agree with their count: "1 gruppo", "2 gruppi"."""

from __future__ import annotations

from analysis.report import texts


def test_hidden_groups_in_the_singular_and_the_plural():
    assert texts.counted("it", "hidden_groups", 1, k=5).startswith("1 gruppo con meno di 5")
    assert "non è mostrato" in texts.counted("it", "hidden_groups", 1, k=5)
    assert texts.counted("it", "hidden_groups", 2, k=5).startswith("2 gruppi con meno di 5")
    assert texts.counted("en", "hidden_groups", 1, k=5).startswith("1 group with fewer")
    assert texts.counted("en", "hidden_groups", 3, k=5).startswith("3 groups with fewer")
