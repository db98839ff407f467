"""The `reviewed:` key: validate warns about unreviewed practices, and the welcome claims clinical
review only when every practice in the menu is marked reviewed."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bot.engine import Engine, Say, check_registry, load_registry

ROOT = Path(__file__).resolve().parents[2]
CLAIM = "reviewed by the program's clinical lead"


def _registry(tmp_path: Path, reviewed: set[str]) -> Path:
    """The shipped registry and dialogs, with `reviewed:` on the practices in ``reviewed``."""
    shutil.copytree(ROOT / "dialogs", tmp_path / "dialogs")
    lines, section = [], ""
    for line in (ROOT / "flows.yaml").read_text(encoding="utf-8").splitlines():
        lines.append(line)
        section = line.rstrip(":") if line[:1].isalpha() else section
        name = line.strip().rstrip(":")
        if section == "flows" and line.startswith("  ") and not line.startswith("   ") \
                and name in reviewed:
            lines.append('    reviewed: "2026-12-01, the clinical lead"')
    (tmp_path / "flows.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path / "flows.yaml"


def _welcome(registry: Path) -> str:
    turn = Engine(load_registry(registry)).start("onboarding", {"consent": "", "role": "client"})
    return "\n".join(o.text for o in turn.outputs if isinstance(o, Say))


def _menu() -> list[str]:
    return yaml.safe_load((ROOT / "flows.yaml").read_text(encoding="utf-8"))["menu"]


def test_every_practice_reviewed_the_welcome_says_so_and_validate_is_quiet(tmp_path):
    registry = _registry(tmp_path, set(_menu()))
    assert CLAIM in _welcome(registry)
    assert not [p for p in check_registry(registry)[1] if p.code == "BS206"]


def test_one_practice_unreviewed_no_claim_and_a_warning_for_it(tmp_path):
    menu = _menu()
    registry = _registry(tmp_path, set(menu[1:]))
    welcome = _welcome(registry)
    assert CLAIM not in welcome and "has not yet reviewed all of them" in welcome
    warned = [p for p in check_registry(registry)[1] if p.code == "BS206"]
    assert [menu[0] in p.message for p in warned] == [True]
