"""The management dashboard: the report's analyses on demand, filtered, cached, as pages,
JSON and exports."""
