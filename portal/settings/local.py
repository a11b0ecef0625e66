"""The one-command demo: DEBUG on, SQLite under var/, Celery eager unless REDIS_URL is set."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: F403
from .base import SECRET_KEY
from .base import VAR_DIR

if not SECRET_KEY:
    SECRET_KEY = "demo-only-not-secret"  # noqa: S105

VAR_DIR.mkdir(exist_ok=True)
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
# Development tools (seed_scale, bench_reports): here and in tests, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Serve static files straight from the source folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The portal's own 404 and 500 pages instead of Django's debug pages (portal/demo_errors.py);
# DEMO_DEBUG_PAGES=true brings the debug pages (with the traceback) back.
DEMO_DEBUG_PAGES = env.bool("DEMO_DEBUG_PAGES", default=False)  # noqa: F405
if not DEMO_DEBUG_PAGES:
    from portal.demo_errors import with_demo_error_pages

    MIDDLEWARE = with_demo_error_pages(MIDDLEWARE)  # noqa: F405
