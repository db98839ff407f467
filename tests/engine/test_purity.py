"""bot.engine and bot.safety import nothing of Telegram, SQL or persistence."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {"__future__", "yaml", "transitions", "bot"}
# the crisis screen's reader runs its encoder (bot/safety/reader.py), and nothing else may
READER = {"numpy", "onnxruntime", "tokenizers"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", ["bot/engine", "bot/safety"])
def test_core_packages_import_only_stdlib_yaml_and_transitions(package):
    import sys

    stdlib = set(sys.stdlib_module_names)
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    for path in files:
        for name in imports_of(path):
            top = name.split(".")[0]
            if path.name == "reader.py" and top in READER:
                continue
            assert top in stdlib or top in ALLOWED, f"{path.relative_to(ROOT)} imports {name}"
            if top == "bot":
                assert name.startswith(("bot.engine", "bot.safety")), f"{path.relative_to(ROOT)} imports {name}"


def test_the_staff_manual_names_every_action():
    from bot.engine.actions import ACTIONS, COMMAND_ACTIONS

    manual = (ROOT / "docs" / "flows.md").read_text(encoding="utf-8")
    assert [a for a in (*ACTIONS, *COMMAND_ACTIONS) if f"`{a}`" not in manual] == []
