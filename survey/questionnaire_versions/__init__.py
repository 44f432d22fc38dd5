"""Questionnaire versions with answers, pinned by content hash (feedback and consultations)."""
