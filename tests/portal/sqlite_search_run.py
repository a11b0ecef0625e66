"""Run the search cases on SQLite, as the demo's database, and print what each query found.

Started by tests/portal/test_search_typing.py in its own process (the test run is on
PostgreSQL): ``SEARCH_SQLITE_FILE=/tmp/x.sqlite3 python tests/portal/sqlite_search_run.py``.
Prints one JSON object: {query: [titles found, in order], "_meant": {query: [unit titles]}}.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.portal.sqlite_search_settings"
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402

from portal import search  # noqa: E402
from tests.portal.search_cases import CASES  # noqa: E402
from tests.portal.search_cases import create_content  # noqa: E402

call_command("migrate", run_syncdb=True, verbosity=0)
create_content()
found: dict = {"_meant": {}, "_highlight": {}}
with translation.override("ky"):
    for typed, spelt in CASES:
        for query in (typed, spelt):
            read = search.interpret(query)
            entries = list(search.search(read))
            found[query] = [entry.title_ky for entry in entries]
            found["_meant"][query] = [hit.title for hit in search.units_meant(read)]
            found["_highlight"][query] = [str(search.to_hit(e, read).snippet) for e in entries]
print(json.dumps(found, ensure_ascii=False))
