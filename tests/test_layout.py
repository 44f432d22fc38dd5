"""The layout's promises, checked on the source: imports go one way, no module imports itself
back through others, and only the storage core reaches a table's engine."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("case_bridge", "questionnaires", "analysis", "survey")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "piccolo_migrations" not in path.parts
    }


SOURCES = _sources()


def _imports(module: str) -> set[str]:
    """Every project module that `module` imports, at any depth of its code."""
    tree = ast.parse(SOURCES[module].read_text())
    package = module if SOURCES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in SOURCES)
    found.discard(module)
    return found


GRAPH = {module: _imports(module) for module in SOURCES}


@pytest.mark.parametrize("package", ["case_bridge", "questionnaires", "analysis"])
def test_the_core_packages_import_nothing_from_the_app(package: str) -> None:
    offenders = {
        module: sorted(name for name in GRAPH[module] if name.split(".")[0] == "survey")
        for module in GRAPH
        if module.split(".")[0] == package
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_the_storage_core_stands_on_nothing_else_of_the_tracker() -> None:
    offenders = {
        module: sorted(
            name
            for name in GRAPH[module]
            if name.startswith("case_bridge") and not name.startswith("case_bridge.storage")
        )
        for module in GRAPH
        if module.startswith("case_bridge.storage")
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_analysis_knows_no_web_framework() -> None:
    users = [
        module
        for module, path in SOURCES.items()
        if module.startswith("analysis") and "litestar" in path.read_text()
    ]
    assert users == []


def test_no_module_imports_itself_back() -> None:
    """No cycle of imports between modules (a package's `__init__` re-exporting its own
    modules is not a cycle between rooms, so edges into a package's own `__init__` are left
    out)."""

    def edges(module: str) -> set[str]:
        return {
            name
            for name in GRAPH[module]
            if not (SOURCES[name].name == "__init__.py" and module.startswith(name + "."))
            and not (SOURCES[module].name == "__init__.py" and name.startswith(module + "."))
        }

    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for name in sorted(edges(module)):
            if state.get(name) == 1:
                cycles.append([*path[path.index(name) :], name])
            elif name not in state:
                visit(name, [*path, name])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_only_the_storage_core_reaches_a_tables_engine() -> None:
    users = [
        module
        for module, path in SOURCES.items()
        if "_meta.db" in path.read_text() and not module.startswith("case_bridge.storage")
    ]
    assert users == []
