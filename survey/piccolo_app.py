"""Piccolo app of the survey service: the tables of every domain package, and the migrations.

The tables are found, not listed: every `survey/<domain>/tables.py` is read."""

import pkgutil
from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

import survey

HERE = Path(__file__).parent

TABLE_MODULES = [
    f"survey.{package.name}.tables"
    for package in pkgutil.iter_modules(survey.__path__)
    if package.ispkg and (HERE / package.name / "tables.py").exists()
]

APP_CONFIG = AppConfig(
    app_name="survey",
    migrations_folder_path=str(HERE / "piccolo_migrations"),
    table_classes=table_finder(TABLE_MODULES, exclude_imported=True),
    migration_dependencies=["case_bridge.piccolo_app"],
)
