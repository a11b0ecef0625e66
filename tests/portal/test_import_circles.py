"""No import circles: tasks import services at module level, services queue tasks lazily.

Two checks: the module-level import graph of the apps has no circle through a services or
tasks module (read from the source, so it holds whatever order modules are imported in), and
each services and tasks module imports on its own in a fresh interpreter.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["budgets", "devtools", "monitoring", "municipalities", "participation", "portal",
        "practices"]
SKIP = ("migrations", "tests", "management")


def _modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if any(part in SKIP for part in parts):
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _module_level_imports(name: str, path: Path) -> set[str]:
    """Project modules imported at module level (not inside functions or TYPE_CHECKING)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()

    def add(candidate: str) -> None:
        while candidate and candidate not in MODULES:
            candidate = candidate.rpartition(".")[0]
        if candidate and candidate != name:
            targets.add(candidate)

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    add(alias.name)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - node.level + 1]
                    module = ".".join([*base, node.module] if node.module else base)
                else:
                    module = node.module or ""
                for alias in node.names:
                    add(f"{module}.{alias.name}")  # a submodule, else the module itself
            elif isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return targets


def _is_services_or_tasks(name: str) -> bool:
    return name.rsplit(".", 1)[-1] in ("services", "tasks")


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles, state, stack = [], {}, []

    def walk(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                cycles.append([*stack[stack.index(target):], target])
            elif target not in state:
                walk(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            walk(node)
    return cycles


SERVICES_AND_TASKS = sorted(name for name in MODULES if _is_services_or_tasks(name))


def test_the_modules_are_found():
    assert "budgets.services" in SERVICES_AND_TASKS
    assert "portal.tasks" in SERVICES_AND_TASKS
    assert "portal.reports.services" in SERVICES_AND_TASKS


def test_the_graph_sees_relative_imports():
    assert "budgets.services" in _module_level_imports("budgets.tasks", MODULES["budgets.tasks"])


def test_a_circle_is_found():
    graph = {"a.services": {"a.models", "a.tasks"}, "a.tasks": {"a.services"}, "a.models": set()}
    assert _cycles(graph) == [["a.services", "a.tasks", "a.services"]]


def test_no_import_circle_goes_through_services_or_tasks():
    graph = {name: _module_level_imports(name, path) for name, path in MODULES.items()}
    circles = [c for c in _cycles(graph) if any(_is_services_or_tasks(name) for name in c)]
    assert circles == []


@pytest.mark.parametrize("module", SERVICES_AND_TASKS)
def test_each_services_and_tasks_module_imports_in_a_fresh_interpreter(module):
    code = (
        "import django, importlib; django.setup(); "
        f"importlib.import_module({module!r})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
