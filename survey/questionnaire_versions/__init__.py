"""Questionnaire versions with answers, pinned by content hash (used by feedback and consultations)."""
