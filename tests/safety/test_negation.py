"""Negated statements still get a verdict, marked negated; other negative words do not negate."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, category", [
    ("I'm not suicidal", "suicide_selfharm"),
    ("I would never kill myself", "suicide_selfharm"),
    ("I don't want to kill myself", "suicide_selfharm"),
    ("I'm no longer suicidal", "suicide_selfharm"),
    ("he would never hit me", "violence_abuse"),
    ("my partner doesn't hit me", "violence_abuse"),
    ("I'm not going to hurt her", "violence_abuse"),
    ("I didn't overdose", "overdose_medical"),
    ("I've never had a seizure", "severe_withdrawal"),
])
def test_negated(config, text, category):
    verdict = config.screen(text)
    assert verdict is not None and verdict.category == category and verdict.negated, verdict


@pytest.mark.parametrize("text, category", [
    # the negative word is part of the crisis itself
    ("he's not breathing", "overdose_medical"),
    ("I can't wake him up", "overdose_medical"),
    ("she won't wake up", "overdose_medical"),
    ("I don't want to live any more", "suicide_selfharm"),
    ("I no longer want to be alive", "suicide_selfharm"),
    ("not sure I want to be alive", "suicide_selfharm"),
    ("life isn't worth living", "suicide_selfharm"),
    ("I'm not safe at home", "violence_abuse"),
    ("my hands won't stop shaking", "severe_withdrawal"),
    # the negation belongs to another clause or another verb
    ("I'm not ok, I want to die", "suicide_selfharm"),
    ("I'm not ok I want to die", "suicide_selfharm"),
    ("I'm not suicidal but I want to die", "suicide_selfharm"),
    ("I can't stop thinking about killing myself", "suicide_selfharm"),
    ("I don't know why I shouldn't just kill myself", "suicide_selfharm"),
    ("I'm afraid I'll hit my kids", "violence_abuse"),
])
def test_not_negated(config, text, category):
    verdict = config.screen(text)
    assert verdict is not None and verdict.category == category and not verdict.negated, verdict


def test_a_plain_match_wins_over_a_negated_one(config):
    verdict = config.screen("I'm not going to hurt anyone. I took too many pills though")
    assert verdict.category == "overdose_medical" and not verdict.negated


def test_intent_to_die_decides_and_the_overdose_is_answered_too(config):
    """Pills taken to die: the suicide reply leads, and the overdose card comes with it."""
    verdict = config.screen("I took 40 pills because I want to die")
    assert verdict.category == "suicide_selfharm"
    assert "overdose_medical" in verdict.categories
    verdict = config.screen("i swallowed the whole box of my meds on purpose")
    assert verdict.categories[0] == "suicide_selfharm" and verdict.tier == "full"


def test_overdose_decides_over_despair_without_intent(config):
    verdict = config.screen("I took 40 pills and I can't feel my legs, I hate my life")
    assert verdict.category == "overdose_medical"


def test_a_weak_rule_gives_way(config):
    assert config.screen("I think I'm dying").category == "overdose_medical"
    verdict = config.screen("I'm in withdrawal and I feel like I'm dying")
    assert verdict.category == "severe_withdrawal"


@pytest.mark.parametrize("text", [
    "this workout is killing me", "I could murder a pizza", "dying to see you",
    "the battery is dead", "killing time", "drop dead gorgeous", "I'm dying of laughter",
    "my phone died", "I drank 6 beers last night", "I want to use tonight",
    "I took my pills this morning", "I shot myself in the foot with that email",
    "I have a history of substance abuse", "he beat me at chess again", "",
])
def test_hard_negatives_from_the_brief(config, text):
    assert config.screen(text) is None


def test_a_past_event_the_model_reads_as_ordinary_fires_nothing(config):
    """A framed rule match (the past, the news, a question) is context: nothing fires when the
    learned layer reads the whole message as ordinary talk; it still asks when it does not."""
    assert config.screen("i overdosed back in 2018, that was my wake up call to get clean") is None
    verdict = config.screen("two years ago i took an overdose and i want to do it again tonight")
    assert verdict is not None and verdict.tier == "full"


def test_a_category_the_model_is_sure_of_joins_the_reply(config):
    """The rules name the overdose only; the learned layer is sure of the wish to die too."""
    from bot.safety.screen import screen_rules

    text = "want to OD and not wake up tbh"
    assert screen_rules(text, config.rules).categories == ("overdose_medical",)
    assert set(config.screen(text).categories) == {"overdose_medical", "suicide_selfharm"}
