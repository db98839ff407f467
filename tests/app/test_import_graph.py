"""The modules of bot/ and persistence/ import one another without a cycle.

Every import counts, also one inside a function: a cycle hidden in a function still ties the
modules together (one cannot be read, tested or changed without the other).
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import ROOT

PACKAGES = ("bot", "persistence")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str, modules: set[str]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _import_statements(ast.parse(path.read_text(encoding="utf-8")).body):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            submodules = [f"{base}.{alias.name}" for alias in node.names]
            # `from package import module` needs the module; any other name, the package
            targets = submodules if all(m in modules for m in submodules) else [base]
        for target in targets:
            # the longest module name that the import names (a module, or its package)
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _import_statements(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement in ``body`` and in the statements within its statements (an
    import is a statement: in a function, class, if, try, with, loop or match case, never
    inside an expression), without visiting the expressions (a third of the time)."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(node, field, None)
            if isinstance(inner, list):
                yield from _import_statements(inner)


@functools.lru_cache(maxsize=1)  # parsed once per test process; callers do not change it
def import_graph() -> dict[str, set[str]]:
    paths = {
        _module_name(p): p
        for package in PACKAGES
        for p in (ROOT / package).rglob("*.py")
        if "migrations" not in p.parts
    }
    modules = set(paths)
    return {name: _imports(path, name, modules) for name, path in paths.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle (as a path that ends where it starts), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def _within(graph: dict[str, set[str]], package: str) -> dict[str, set[str]]:
    def inside(name: str) -> bool:
        return name == package or name.startswith(package + ".")

    return {k: {v for v in vs if inside(v)} for k, vs in graph.items() if inside(k)}


def test_the_bot_imports_without_a_cycle():
    cycle = find_cycle(_within(import_graph(), "bot"))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_persistence_imports_without_a_cycle():
    cycle = find_cycle(_within(import_graph(), "persistence"))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_nothing_imports_the_command_line():
    """bot.cli is the top: transports, runners and the store never reach back into it."""
    users = sorted(name for name, deps in import_graph().items() if "bot.cli" in deps)
    assert users == ["bot.__main__"]


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_store_does_not_import_the_bot():
    """persistence/ is below bot/: it knows nothing of flows, transports or the CLI."""
    graph = import_graph()
    reaching = sorted(
        name
        for name, deps in graph.items()
        if name.startswith("persistence") and any(d.startswith("bot") for d in deps)
    )
    assert reaching == []


TRANSPORTS = ["bot/console.py", "bot/transcripts.py", *sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "bot" / "telegram").glob("*.py")
)]


@pytest.mark.parametrize("path", TRANSPORTS)
def test_a_transport_makes_no_store_call(path: str) -> None:
    """Transports translate; the companion and delivery (bot/delivery.py) talk to the store."""
    calls = [
        f"{path}:{node.lineno}"
        for node in ast.walk(ast.parse((ROOT / path).read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and (
            node.attr in ("store", "_store")
            or (isinstance(node.value, ast.Name) and node.value.id == "store")
        )
    ]
    assert calls == []
