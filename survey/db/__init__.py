"""The database of the settings: opening it, binding the tables to it, migrating it."""

from survey.db.opening import DatabaseUnavailable, all_tables, bind_engine, open_database, upgrade

__all__ = ["DatabaseUnavailable", "all_tables", "bind_engine", "open_database", "upgrade"]
