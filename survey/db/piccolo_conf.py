"""Piccolo's configuration module: the engine and the apps whose tables Ascolto owns.

Piccolo finds it through PICCOLO_CONF (set in `survey.db.opening`); `bind_engine` replaces `DB`
when the app or a command opens the database named by its own settings.
"""

import os

from piccolo.conf.apps import AppRegistry

from case_bridge.storage.engines import create_engine

DB = create_engine(os.environ.get("ASCOLTO_DATABASE_URL", "sqlite:///ascolto.db"))

APP_REGISTRY = AppRegistry(apps=["case_bridge.piccolo_app", "survey.piccolo_app"])
