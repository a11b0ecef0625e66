"""Liveness of the services the portal depends on, for load balancers and docker-compose."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("health: database is down")
        return False


def check_cache() -> bool:
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:
        logger.exception("health: cache is down")
        return False


def check_broker() -> bool:
    if settings.CELERY_TASK_ALWAYS_EAGER and not settings.REDIS_URL:
        return True  # no broker configured: tasks run in the web process
    from portal.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.exception("health: broker is down")
        return False


def health_report() -> dict[str, str]:
    return {
        "database": "up" if check_database() else "down",
        "cache": "up" if check_cache() else "down",
        "broker": "up" if check_broker() else "down",
    }
