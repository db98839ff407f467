"""Personas and words: the shipped ones are clean; broken ones get every problem, with lines."""
from __future__ import annotations

import shutil
from pathlib import Path

from bot.engine import check_registry
from bot.partner import hook
from bot.partner.content import load, read_persona, read_words

ROOT = Path(__file__).resolve().parents[2]
BROKEN = Path(__file__).parent / "invalid" / "broken_persona.yaml"


def test_shipped_personas_and_words_load_without_problems() -> None:
    content, problems = load(ROOT)
    assert problems == []
    assert content is not None
    assert sorted(content.personas) == ["alex", "dan", "jo", "kai"]
    substances = {p.substance.split()[0] for p in content.personas.values()}
    assert len(substances) == 4   # four different substances


def test_between_validate_checks_personas_against_the_flow() -> None:
    flowset, _problems = check_registry(ROOT / "flows.yaml")
    assert flowset is not None
    assert hook.problems(ROOT / "flows.yaml", flowset) == []


def test_a_broken_persona_reports_every_problem_with_file_and_line() -> None:
    persona, problems = read_persona("broken", BROKEN.read_bytes(), "personas/broken.yaml")
    assert persona is None
    found = {(p.code, p.line) for p in problems}
    assert ("BS101", 7) in found            # unknown key 'mood'
    assert ("BS105", 11) in found           # change_talk: too few lines to last a practice
    assert ("BS102", 13) in found           # sustain_talk is not a list
    assert ("BS104", 21) in found           # the same line twice
    assert ("BS101", 23) in found           # 'sai' for 'say'
    assert ("BS103", 23) in found           # ... so the line has no `say:`
    assert all(str(p).startswith("personas/broken.yaml:") for p in problems)


def test_words_need_every_key_and_sane_numbers() -> None:
    words, problems = read_words(b"exchanges: 40\nclient_line: '{name'\nextra: x\n", "words.yaml")
    assert words is None
    codes = {p.code for p in problems}
    assert {"BS103", "BS105", "BS304", "BS101"} <= codes
    assert any("`exchanges:`" in p.message and p.line == 1 for p in problems)


def test_a_flow_button_without_a_persona_is_reported(tmp_path: Path) -> None:
    # the shipped registry and personas, and one more persona, which the flow has no button for
    folder = tmp_path / "copy"
    shutil.copytree(ROOT / "dialogs", folder / "dialogs")
    shutil.copy(ROOT / "flows.yaml", folder / "flows.yaml")
    (folder / "dialogs" / "personas" / "sam.yaml").write_bytes(
        (ROOT / "dialogs" / "personas" / "dan.yaml").read_bytes())
    flowset, _ = check_registry(folder / "flows.yaml")
    assert flowset is not None
    problems = hook.problems(folder / "flows.yaml", flowset)
    assert [p.path for p in problems] == ["dialogs/personas/sam.yaml"]
    assert "no button" in problems[0].message
