"""Shipped questionnaire definitions (YAML data; a package so that the files are installed)."""
