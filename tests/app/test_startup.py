"""What `between` loads to start: each command only what it needs, and the crisis screen on its
own for `between screen`, its registry section checked as `between validate` checks it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bot.safety import DEFAULT_PATHS
from bot.wiring import load_content, load_safety
from tests.paths import ROOT

SCRIPT = """
import io, json, sys
from bot.cli import main
validated = main(["validate"])
sys.stdin = io.StringIO("I want to die\\n")
screened = main(["screen", "--flows", sys.argv[1]])
print(json.dumps([validated, screened, sorted(sys.modules)]))
"""
HEAVY = ("sqlalchemy", "cryptography", "persistence", "telegram", "asyncio", "bot.app")


def registry(folder: Path, safety: str, flows: str = "") -> Path:
    path = folder / "flows.yaml"
    path.write_text(f"home: menu\nstart: menu\n{flows}safety:\n{safety}", encoding="utf-8")
    return path


def shipped(*kinds: str) -> str:
    return "".join(f"  {kind}: {getattr(DEFAULT_PATHS, kind)}\n" for kind in kinds)


def test_validate_and_screen_load_neither_the_store_nor_asyncio(tmp_path):
    """`between screen` screens even when the flows are broken: it reads only the screen."""
    flows = "flows:\n  menu:\n    file: nowhere.yaml\n"
    broken = registry(tmp_path, shipped("rules", "resources", "messages"), flows)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(broken)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    *said, last = result.stdout.splitlines()
    validated, screened, modules = json.loads(last)
    assert (validated, screened) == (0, 0)
    assert json.loads(said[-1])["category"] == "suicide_selfharm"
    assert [m for m in modules if m.startswith(HEAVY)] == []


def test_the_screens_registry_section_is_checked_as_validate_checks_it(tmp_path):
    safety = shipped("rules", "resources") + "  mesages: messages.yaml\n"
    path = registry(tmp_path, safety)
    _, problems = load_safety(path)
    said = [str(p) for p in problems if p.is_error]
    assert any("flows.yaml:3:1: BS103 'safety' has no 'messages:'" in p for p in said), said
    assert any("BS101" in p and "mesages" in p for p in said), said
    assert set(said) <= {str(p) for p in load_content(path).problems}


def test_a_screen_file_that_is_not_there_is_named_at_its_line(tmp_path):
    path = registry(tmp_path, shipped("rules", "resources") + "  messages: gone.yaml\n")
    safety, problems = load_safety(path)
    assert safety is None
    assert [(p.code, p.line) for p in problems if p.is_error] == [("BS007", 6)]
    assert "gone.yaml not found" in str(problems[0])


def test_a_broken_registry_is_reported_not_screened(tmp_path):
    path = registry(tmp_path, "  rules: [a\n")
    safety, problems = load_safety(path)
    assert safety is None and [p.code for p in problems] == ["BS001"]
    assert problems[0].path.endswith("flows.yaml") and "(it began on line 4)" in str(problems[0])


def test_the_shipped_screen_loads_alone(tmp_path):
    safety, problems = load_safety(ROOT / "flows.yaml")
    assert safety is not None and not [p for p in problems if p.is_error]
    verdict = safety.screen("I took all my pills")
    assert verdict is not None and verdict.category == "overdose_medical"
