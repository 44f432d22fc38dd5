"""Piccolo app of the survey service: its tables and migrations."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from survey.tables import TABLES

APP_CONFIG = AppConfig(
    app_name="survey",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=TABLES,
    migration_dependencies=["case_bridge.piccolo_app"],
)
