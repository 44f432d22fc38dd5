"""Piccolo app of the case tracker: its tables and migrations."""

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

APP_CONFIG = AppConfig(
    app_name="case_bridge",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=table_finder(["case_bridge.tables"], exclude_imported=True),
    migration_dependencies=[],
)
