"""Settings from the environment, the deploy checklist, and the deployment files."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x7Kq2-production-like-secret-key-with-enough-entropy-91fj3k2m4n5b6v",
    "DEBUG": "false",
    "HTTPS": "true",
    "ALLOWED_HOSTS": "portal.example.kg",
    "SITE_URL": "https://portal.example.kg",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_demo_defaults_are_sqlite_and_eager_celery():
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.local", "DATABASE_URL": "", "REDIS_URL": ""}
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER,"
        " s.CACHES['default']['BACKEND'], s.DEBUG)"
    )
    result = run_manage("shell", "-v", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.cache.backends.locmem.LocMemCache",
        "True",
    ]


def test_tests_run_on_postgresql_and_redis():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.CACHES["default"]["BACKEND"].endswith("ResilientRedisCache")


def test_custom_user_model_from_the_first_migration():
    first = (ROOT / "portal" / "migrations" / "0001_initial.py").read_text()
    assert settings.AUTH_USER_MODEL == "portal.User"
    assert "name='User'" in first or 'name="User"' in first


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_file_names_every_service_with_health_checks(compose):
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)
    for name in ("web", "worker", "beat", "postgres", "redis"):
        assert "healthcheck" in services[name], name
    assert "gunicorn" in services["web"]["command"]
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]
    assert {"media", "postgres-data", "redis-data"} <= set(compose["volumes"])


def test_compose_services_share_one_django_definition(compose):
    services = compose["services"]
    for name in ("web", "worker", "beat"):
        assert services[name]["environment"]["DATABASE_URL"].startswith("${DATABASE_URL")
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_dockerfile_runs_gunicorn_on_production_settings():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "portal.settings.production" in dockerfile
    assert "gunicorn" in dockerfile
