"""docs/architecture.md is the map of the house: every file, module, model, permission and
migration it names must exist, so a renamed or deleted thing cannot stay on the map."""

import importlib
import re
from pathlib import Path

import rules
from django.apps import apps

from portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
TOP = (
    "portal", "municipalities", "participation", "budgets", "monitoring", "practices",
    "devtools", "tests", "templates", "locale", "bench", "static", "docs",
)


def _names() -> list[str]:
    found = []
    for token in re.findall(r"`([^`\n]+)`", DOC.read_text(encoding="utf-8")):
        first = token.split()[0].split("(")[0].rstrip(",")
        if first.split("/")[0].split(".")[0] in TOP and not re.search(r"[<*|{]", first):
            found.append(first)
    return found


def _exists_as_path(name: str) -> bool:
    path = name.split(":")[0]
    migration = re.fullmatch(r"(.+)/(\d{4})", path)
    if migration:
        folder = ROOT / migration.group(1) / "migrations"
        return any(folder.glob(f"{migration.group(2)}_*.py"))
    return any(
        (base / candidate).exists()
        for base in (ROOT, ROOT / "templates")
        for candidate in (path, path + ".py")
    )


def _exists_as_python(name: str) -> bool:
    if rules.perm_exists(name) or name in celery_app.tasks:
        return True
    label, _, rest = name.partition(".")
    if "." not in rest:
        try:
            apps.get_model(label, rest)
            return True
        except (LookupError, ValueError):
            pass
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


def test_the_map_names_only_what_exists(db):
    missing = [
        name
        for name in _names()
        if not (_exists_as_path(name) if "/" in name else _exists_as_python(name))
    ]
    assert missing == [], f"docs/architecture.md names what does not exist: {missing}"


def test_the_check_can_fail():
    assert not _exists_as_path("portal/no_such_module.py")
    assert not _exists_as_python("portal.no_such_module")
    assert not _exists_as_python("participation.NoSuchModel")
    assert _exists_as_python("participation.Event")
    assert _exists_as_path("portal/0007")
