"""Every broken file in tests/invalid/ raises its code at its line: `# expect: CODE at LINE`."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.engine import check_registry
from bot.engine.problems import CATALOGUE

from .helpers import MESSAGES, write_flowset

FIXTURES = Path(__file__).resolve().parents[1] / "invalid"
SNIPPETS = "what_next:\n  say: What next?\n  ask: choice\n  choices:\n    - label: Menu\n      next: bye\n"
OK_DIALOG = "start: hi\nstates:\n  hi:\n    say: Hi\n    end: true\n"
EXPECT = re.compile(rb"^# expect: (BS\d{3}) at (\d+)", re.MULTILINE)


def _expectation(path: Path) -> tuple[str, int]:
    match = EXPECT.search(path.read_bytes())
    assert match, f"{path.name} has no '# expect: CODE at LINE' header"
    return match.group(1).decode(), int(match.group(2))


def _problems_for_dialog(tmp_path: Path, fixture: Path):
    registry = write_flowset(tmp_path, {"broken": OK_DIALOG}, snippets=SNIPPETS)
    shutil.copy(fixture, tmp_path / "broken.yaml")
    return check_registry(registry)[1]


def _problems_for_registry(tmp_path: Path, fixture: Path):
    (tmp_path / "ok.yaml").write_text(OK_DIALOG)
    import yaml
    text = fixture.read_text() + "\n" + yaml.safe_dump({"messages": MESSAGES})
    (tmp_path / "flows.yaml").write_text(text)
    return check_registry(tmp_path / "flows.yaml")[1]


DIALOG_FIXTURES = sorted(FIXTURES.glob("*.yaml"))
REGISTRY_FIXTURES = sorted((FIXTURES / "registry").glob("*.yaml"))


@pytest.mark.parametrize("fixture", DIALOG_FIXTURES, ids=lambda p: p.stem)
def test_dialog_fixture_reports_its_code_and_line(tmp_path, fixture):
    code, line = _expectation(fixture)
    problems = _problems_for_dialog(tmp_path, fixture)
    found = [(p.code, p.line) for p in problems if p.path.endswith("broken.yaml")]
    assert (code, line) in found, f"expected {code} at line {line}; got:\n" + "\n".join(map(str, problems))
    for problem in problems:
        assert problem.message and problem.hint is not None or problem.code in ("BS001",), str(problem)


@pytest.mark.parametrize("fixture", REGISTRY_FIXTURES, ids=lambda p: p.stem)
def test_registry_fixture_reports_its_code_and_line(tmp_path, fixture):
    code, line = _expectation(fixture)
    problems = _problems_for_registry(tmp_path, fixture)
    found = [(p.code, p.line) for p in problems if p.path.endswith("flows.yaml")]
    assert (code, line) in found, f"expected {code} at line {line}; got:\n" + "\n".join(map(str, problems))


def test_huge_file_is_refused_before_parsing(tmp_path):
    registry = write_flowset(tmp_path, {"broken": OK_DIALOG})
    (tmp_path / "broken.yaml").write_text("start: hi\n" + "# padding\n" * 120_000)
    problems = check_registry(registry)[1]
    assert [(p.code, p.line) for p in problems] == [("BS003", 1)]


def test_every_engine_code_has_a_fixture():
    covered = {_expectation(p)[0] for p in DIALOG_FIXTURES + REGISTRY_FIXTURES} | {"BS003"}
    engine_codes = {code for code in CATALOGUE if not code.startswith("BS6")}
    assert engine_codes - covered == set()


def test_all_problems_are_reported_at_once(tmp_path):
    dialog = (
        "start: hello\n"
        "states:\n"
        "  hello:\n"
        "    say: '{nobody}'\n"
        "    nxet: bye\n"
        "    next: by\n"
        "  bye:\n"
        "    say: Bye\n"
        "    do: [fly]\n"
        "    end: true\n"
    )
    registry = write_flowset(tmp_path, {"broken": OK_DIALOG})
    (tmp_path / "broken.yaml").write_text(dialog)
    codes = sorted(p.code for p in check_registry(registry)[1])
    assert codes == ["BS101", "BS201", "BS202", "BS301", "BS401"], codes
