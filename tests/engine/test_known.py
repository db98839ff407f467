"""What is known travels from practice to practice (bot/engine/known.py, docs/flows.md)."""
from __future__ import annotations

from bot.engine.known import fold, variables
from bot.engine.outputs import Effect


def test_saves_and_hand_overs_become_known() -> None:
    facts = fold({}, Effect("save_plan", {"section": "goal", "text": "two days off",
                                          "substance": "alcohol"}))
    facts = fold(facts, Effect("save_plan", {"section": "pace", "text": "water",
                                             "substance": "alcohol"}))
    facts = fold(facts, Effect("log_urge", {"rating": 6}))
    facts = fold(facts, Effect("remember", {"change_talk": "my mornings back"}))
    seen = variables(facts)
    assert seen["known_substance"] == "alcohol"
    assert seen["known_goal"] == "two days off"
    assert seen["known_plan"] == ["goal", "pace"]
    assert seen["known_urge"] == 6
    assert seen["known_change_talk"] == "my mornings back"


def test_another_substance_starts_its_own_plan_parts() -> None:
    facts = fold({}, Effect("save_plan", {"section": "pace", "text": "slow",
                                          "substance": "alcohol"}))
    facts = fold(facts, Effect("save_plan", {"section": "amount_per_occasion", "text": "half",
                                             "substance": "cannabis"}))
    assert variables(facts)["known_plan"] == ["amount_per_occasion"]


def test_an_unfinished_plan_is_offered_back_only_while_it_is_the_one_worked_on() -> None:
    facts = fold({}, Effect("save_plan", {"section": "goal", "text": "less",
                                          "substance": "alcohol"}))
    facts = fold(facts, Effect("remember", {"plan_open": "not_at_all_q", "substance": "alcohol"}))
    assert variables(facts)["known_plan_open"] == "not_at_all_q"
    assert variables(fold(facts, Effect("remember", {"plan_open": ""})))["known_plan_open"] == ""
    other = fold(facts, Effect("save_plan", {"section": "goal", "text": "none",
                                             "substance": "cannabis"}))
    assert variables(other)["known_plan_open"] == ""


def test_nothing_known_reads_empty() -> None:
    assert all(v in ("", []) for v in variables({}).values())
