"""The demo's settings on a throwaway SQLite file, tables made from the models directly."""

import os

from portal.settings.local import *  # noqa: F403

DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["SEARCH_SQLITE_FILE"]}
}


class _NoMigrations(dict):
    def __contains__(self, item):
        return True

    def __getitem__(self, item):
        return None


MIGRATION_MODULES = _NoMigrations()
