"""Questionnaire versions with answers, pinned by content hash (for feedback and consultations)."""
