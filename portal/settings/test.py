"""Tests: real PostgreSQL and Redis (see README); fast hashing; mail kept in memory."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")

from .base import *  # noqa: F403

SECRET_KEY = "tests-only"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Development tools (seed_scale, bench_reports) are tested; production does not install them.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks in-process; tests/portal/test_celery_worker.py starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
# Tests see fresh pages; tests/portal/test_page_cache.py turns the page cache on itself.
PAGE_CACHE_SECONDS = 0
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# A separate Redis database so tests never touch a developer's cache, and a cache per test run.
CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"  # noqa: F405
# Serve static files straight from the source folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# For tests/portal/test_report_worker_lost.py: a worker started by that test pauses on a
# task's first delivery so the test can kill it mid-render. Inert unless the variable is set.
if os.environ.get("PORTAL_TEST_PAUSE_FIRST_DELIVERY"):
    from celery.signals import task_prerun

    def _pause_first_delivery(task=None, **kwargs):
        import time

        if not (task.request.delivery_info or {}).get("redelivered"):
            marker = os.environ.get("PORTAL_TEST_PAUSE_MARKER")
            if marker:
                open(marker, "w").close()  # tell the test the task is in hand
            time.sleep(float(os.environ["PORTAL_TEST_PAUSE_FIRST_DELIVERY"]))

    task_prerun.connect(_pause_first_delivery, weak=False)

# For tests/portal/test_report_worker_lost.py: every pool process of a worker started by that
# test renders slowly (after the attempt is counted), so the test can kill it on every attempt.
if os.environ.get("PORTAL_TEST_SLOW_RENDER"):
    from celery.signals import worker_process_init

    def _slow_render(**kwargs):
        import time

        from portal.reports import services

        real = services.pdf_document

        def slow(html):
            marker = os.environ.get("PORTAL_TEST_PAUSE_MARKER")
            if marker:
                open(marker, "w").close()  # tell the test the render has begun
            time.sleep(float(os.environ["PORTAL_TEST_SLOW_RENDER"]))
            return real(html)

        services.pdf_document = slow

    worker_process_init.connect(_slow_render, weak=False)
