"""The development tools exist in the demo and the tests, never in a production deployment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x7Kq2-production-like-secret-key-with-enough-entropy-91fj3k2m4n5b6v",
    "DEBUG": "false",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
        capture_output=True, text=True, timeout=120, check=False,
    )


@pytest.mark.parametrize("command", ["seed_scale", "bench_reports"])
def test_production_has_no_dev_commands(command):
    result = manage("help", command, env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert f"Unknown command: '{command}'" in result.stderr


def test_the_demo_has_them():
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.local", "DATABASE_URL": "", "REDIS_URL": ""}
    result = manage("help", "seed_scale", env=env)
    assert result.returncode == 0, result.stderr
    assert "national-scale" in result.stdout


def test_the_tests_have_them():
    assert "devtools" in settings.INSTALLED_APPS
