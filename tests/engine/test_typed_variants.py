"""Typed answers at the shipped button steps (tests/engine/typed/*.yaml), through the engine.

The tuned set must be understood as meant at least 95% of the time, and no set may ever pick a
button the client did not mean: asking again is kinder than a wrong pick.
"""
from __future__ import annotations

import pytest

from bot.engine import Engine, load_registry
from bench.drivers.typed_variants import (ROOT, SETS, button_steps, is_pick, load_variants,
                                         outcome, tally)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_registry(ROOT / "flows.yaml"))


def test_the_variants_name_real_steps_and_cover_most_button_steps(engine):
    steps = button_steps(engine.flowset)
    text_steps = {f"{f}.{s}" for f, flow in engine.flowset.flows.items()
                  for s, state in flow.states.items() if state.ask == "text"}
    named = {v.step for path in SETS.values() for v in load_variants(path)}
    assert named <= set(steps) | text_steps, named - set(steps) - text_steps
    assert len(named & set(steps)) >= 0.8 * len(steps)


def test_the_tuned_set_is_understood_with_no_wrong_pick(engine):
    variants = load_variants(SETS["tuned"])
    assert len(variants) >= 300
    found = tally(engine, variants)
    assert found.wrong_picks == []
    assert found.rate >= 0.95, found.misses


@pytest.mark.parametrize("name", ["held-out", "held-out 2"])
def test_the_held_out_sets_pick_no_wrong_button(engine, name):
    found = tally(engine, load_variants(SETS[name]))
    assert found.wrong_picks == []
    assert found.rate >= 0.85, found.misses  # the figure itself is reported in docs/answers.md


@pytest.mark.parametrize("step, typed", [
    ("sober.hello", "yes"), ("onboarding.tz_us", "centrl"), ("goals.changes", "1 and 3"),
])
def test_a_typed_answer_moves_the_conversation_on(engine, step, typed):
    assert is_pick(outcome(engine, step, typed))
