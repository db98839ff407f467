"""SafetyConfig: loading the three files together, `between validate` checks, purity."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from bot.engine.problems import ContentError
from bot.safety import DEFAULT_PATHS, SafetyConfig, SafetyPaths

from ..engine.test_purity import imports_of
from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]


def copy_files(tmp_path: Path) -> SafetyPaths:
    """The shipped resources and messages beside a four-rule rules file: the shipped rules take
    seconds to check, and test_rules_cache.py checks them."""
    from .test_rules_loading import GOOD

    for name in ("resources.yaml", "messages.yaml"):
        shutil.copy(DEFAULT_PATHS.rules.parent / name, tmp_path / name)
    (tmp_path / "rules.yaml").write_text(GOOD, encoding="utf-8")
    return SafetyPaths.in_folder(tmp_path)


def test_the_shipped_files_load_and_screen(config):
    """The shipped files as the bot loads them (checked afresh, once for the whole suite, in
    test_rules_cache.py: no error, and these same warnings)."""
    assert all(p.code == "BS602" for p in config.warnings)   # entries still to verify
    verdict = config.screen("he isn't breathing")
    assert (verdict.category, verdict.rule) == ("overdose_medical", "not_breathing")
    assert not verdict.negated
    assert verdict.tier == "full" and verdict.layer in ("rules", "both")
    assert config.screen("see you on thursday") is None


def test_check_accepts_several_forms_of_paths(tmp_path):
    from .test_rules_loading import GOOD

    paths = copy_files(tmp_path)
    paths.rules.write_text(GOOD.replace("overdos*", "(overdos*"), encoding="utf-8")
    expected = SafetyConfig.check(paths, TODAY)
    as_tuple = SafetyConfig.check((paths.rules, paths.resources, paths.messages), TODAY)
    as_map = SafetyConfig.check({"rules": str(paths.rules), "resources": paths.resources,
                                 "messages": paths.messages}, TODAY)
    as_folder = SafetyConfig.check(tmp_path, TODAY)
    assert "BS601" in {p.code for p in expected}  # one broken pattern, found by every form
    strip = lambda ps: [(p.code, p.line, p.col, p.message) for p in ps]
    assert strip(expected) == strip(as_tuple) == strip(as_map) == strip(as_folder)


def test_load_lists_every_problem_in_every_file(tmp_path):
    paths = copy_files(tmp_path)
    rules = paths.rules.read_text(encoding="utf-8")
    paths.rules.write_text(rules.replace('"overdos*"', '"(overdos*"', 1), encoding="utf-8")
    resources = paths.resources.read_text(encoding="utf-8")
    paths.resources.write_text(resources.replace('emergency: "000"', 'emergency: ""'), encoding="utf-8")
    messages = paths.messages.read_text(encoding="utf-8")
    paths.messages.write_text(messages.replace("{emergency} now.", "{emergncy} now."), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        SafetyConfig.load(paths.rules, paths.resources, paths.messages, today=TODAY)
    errors = [(Path(p.path).name, p.code) for p in err.value.problems if p.is_error]
    assert errors == [("rules.yaml", "BS601"), ("resources.yaml", "BS603"), ("messages.yaml", "BS301")]
    rule_problem = next(p for p in err.value.problems if p.code == "BS601")
    line = paths.rules.read_text(encoding="utf-8").splitlines()[rule_problem.line - 1]
    assert line.strip() == '- "(overdos*"' and line[rule_problem.col - 1] == "("
    text = str(err.value)
    assert "rules.yaml" in text and "resources.yaml" in text and "messages.yaml" in text


def test_a_missing_file_is_bs007(tmp_path):
    paths = copy_files(tmp_path)
    paths.messages.unlink()
    problems = SafetyConfig.check(paths, TODAY)
    assert [p.code for p in problems if p.is_error] == ["BS007"]


def test_replies_too_long_for_telegram_are_found(tmp_path):
    paths = copy_files(tmp_path)
    messages = paths.messages.read_text(encoding="utf-8")
    long_line = "x" * 4000
    paths.messages.write_text(messages.replace('resources_intro: "Here is who you can reach in {country}:"',
                                               f'resources_intro: "{long_line} {{country}}:"'), encoding="utf-8")
    problems = SafetyConfig.check(paths, TODAY)
    assert problems and {p.code for p in problems if p.is_error} == {"BS501"}


def test_stale_entries_warn_but_still_load(tmp_path):
    later = TODAY.replace(year=TODAY.year + 2)
    config = SafetyConfig.load(*copy_files(tmp_path).__dict__.values(), today=later)
    assert any("more than a year ago" in p.message for p in config.warnings)


def test_bot_safety_is_pure():
    """Standard library, PyYAML and three engine modules only (the learned layer too: its
    training, tests/safety/train_screen.py, is the only part that needs scikit-learn); the
    reader alone runs its encoder with onnxruntime, numpy and tokenizers (PyTorch only trains
    it: tests/safety/train_reader.py)."""
    allowed = {"yaml", "bot.engine.yamlfile", "bot.engine.problems", "bot.engine.cache"}
    allowed_in_reader = {"numpy", "onnxruntime", "tokenizers"}
    files = sorted((ROOT / "bot" / "safety").rglob("*.py"))
    assert files
    for path in files:
        for name in imports_of(path):
            top = name.split(".")[0]
            if path.name == "reader.py" and top in allowed_in_reader:
                continue
            assert top in sys.stdlib_module_names or top == "__future__" or name in allowed, \
                f"{path.relative_to(ROOT)} imports {name}"
