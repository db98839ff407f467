"""The crisis reply and the "I'm fine" reply."""
from __future__ import annotations

import re

import pytest

from bot.safety import CATEGORIES, Verdict
from bot.safety.messages import build_messages
from bot.safety.response import crisis_reply, fine_reply

COUNTRIES = ["US", "CA", "GB", "IE", "AU", "NZ", "FR", None]
AUTOMATED = "I'm an automated bot, not a person. I can't send help, call anyone, or watch this chat."
CARD = "If someone may have overdosed:"


def every_reply(config):
    for country in COUNTRIES:
        for category in CATEGORIES:
            for negated in (False, True):
                verdict = Verdict(category, "test", negated)
                yield country, verdict, config.crisis_reply(verdict, country)
        yield country, None, config.fine_reply(country)


def test_every_reply_says_it_is_an_automated_bot(config):
    for country, verdict, texts in every_reply(config):
        assert any(AUTOMATED in text for text in texts), (country, verdict)


def test_no_text_is_longer_than_telegram_allows(config):
    for country, verdict, texts in every_reply(config):
        assert texts and all(0 < len(text) <= 4096 for text in texts), (country, verdict)


@pytest.mark.parametrize("country", COUNTRIES)
def test_the_overdose_card_is_shown_for_overdose_only(config, country):
    for category in CATEGORIES:
        texts = config.crisis_reply(Verdict(category, "x"), country)
        assert any(CARD in text for text in texts) == (category == "overdose_medical"), category
        gentle = config.crisis_reply(Verdict(category, "x", negated=True), country)
        assert not any(CARD in text for text in gentle)
    assert not any(CARD in text for text in config.fine_reply(country))


def test_the_overdose_card_says_what_to_do(config):
    texts = config.crisis_reply(Verdict("overdose_medical", "x"), "US")
    card = next(text for text in texts if CARD in text)
    assert "Call 911 now" in card
    for words in ("breathing", "naloxone", "second dose", "recovery position", "Stay with them",
                  "cold shower", "slap", "other drugs"):
        assert words in card, words
    assert texts.index(card) == 1       # right after the acknowledgement, before the helplines


def test_structure_of_a_crisis_reply(config):
    texts = config.crisis_reply(Verdict("suicide_selfharm", "x"), "US")
    assert len(texts) == 3
    acknowledgement, helplines, last = texts
    assert "\n" not in acknowledgement                         # one line that acknowledges
    assert "988 Suicide & Crisis Lifeline: call 988, text 988 or chat at 988lifeline.org/chat (24/7;" in helplines
    assert "call 911" in helplines
    assert AUTOMATED in last and "go back to what we were doing, or stop" in last


@pytest.mark.parametrize("country, number, emergency", [
    ("US", "988", "911"), ("CA", "988", "911"), ("GB", "116 123", "999"),
    ("IE", "116 123", "112"), ("AU", "13 11 14", "000"), ("uk", "116 123", "999"),
])
def test_the_clients_country_is_used(config, country, number, emergency):
    for category in CATEGORIES:
        text = "\n".join(config.crisis_reply(Verdict(category, "x"), country))
        assert number in text and f"call {emergency}" in text
        assert "findahelpline" not in text


@pytest.mark.parametrize("country", ["FR", "", None, "nowhere"])
def test_an_unknown_country_gets_the_international_directory(config, country):
    for category in CATEGORIES:
        text = "\n".join(config.crisis_reply(Verdict(category, "x"), country))
        assert "https://findahelpline.com" in text
        assert "your local emergency number" in text
        assert "988" not in text and "116 123" not in text
    assert "https://findahelpline.com" in "\n".join(config.fine_reply(country))


def test_topic_lines_are_shown_for_their_category(config):
    violence = "\n".join(config.crisis_reply(Verdict("violence_abuse", "x"), "GB"))
    suicide = "\n".join(config.crisis_reply(Verdict("suicide_selfharm", "x"), "GB"))
    assert "0808 2000 247" in violence and "0808 2000 247" not in suicide
    overdose = "\n".join(config.crisis_reply(Verdict("overdose_medical", "x"), "AU"))
    assert "13 11 26" in overdose


def test_several_categories_say_a_shared_opening_once(config):
    verdict = Verdict("violence_abuse", "x", categories=("violence_abuse", "suicide_selfharm"))
    first = config.crisis_reply(verdict, "GB")[0]
    assert first.count("Thank you for telling me.") == 1
    assert "you deserve to be safe" in first and "It sounds like you are in a lot of pain" in first


def test_the_gentle_variant(config):
    texts = config.crisis_reply(Verdict("suicide_selfharm", "x", negated=True), "IE")
    assert len(texts) == 1
    text = texts[0]
    assert "just in case" in text.lower() and "116 123" in text and AUTOMATED in text
    assert "Thank you for telling me. It sounds like" not in text


def test_the_fine_reply_shows_resources_again_and_offers_a_check_in(config):
    texts = config.fine_reply("CA")
    text = "\n".join(texts)
    assert "988" in text and "call 911" in text and AUTOMATED in text
    assert texts[-1].endswith("?") and "check" in texts[-1].lower()


def test_no_method_dose_or_place_detail(config):
    """The replies never name a dose, an amount to take, a method or a place."""
    for _, _, texts in every_reply(config):
        text = "\n".join(texts).lower()
        assert not re.search(r"\b\d+\s*(mg|ml|g|pills|tablets)\b", text)
        for word in ("bridge", "rope", "hang", "jump", "lethal", "fatal dose"):
            assert word not in text


def test_the_module_functions_take_the_loaded_files(config):
    verdict = Verdict("violence_abuse", "x")
    assert crisis_reply(verdict, "US", config.resources, config.messages) == config.crisis_reply(verdict, "US")
    assert fine_reply("US", config.resources) == config.fine_reply("US")   # default messages file


# -- the messages file -----------------------------------------------------------------------
def shipped_messages_text():
    from bot.safety import DEFAULT_PATHS
    return DEFAULT_PATHS.messages.read_text(encoding="utf-8")


def test_the_shipped_messages_file_is_clean():
    messages, problems = build_messages(shipped_messages_text(), "messages.yaml")
    assert problems == [] and messages is not None


@pytest.mark.parametrize("change, code", [
    (('"call {number}"', '"call {numbr}"'), "BS301"),
    (('"Here is who you can reach in {country}:"', '"Here is who you can reach in {country:"'), "BS304"),
    (('offer: >-', 'ofer: >-'), "BS101"),
    (("  warning:", "  warnings:"), "BS101"),
    (('resource_line: "• {name}: {contact} ({hours}; {languages})"', 'resource_line: [a, b]'), "BS102"),
])
def test_broken_messages_are_reported(change, code):
    text = shipped_messages_text().replace(*change)
    messages, problems = build_messages(text, "messages.yaml")
    assert messages is None
    assert code in {p.code for p in problems}
    problem = next(p for p in problems if p.code == code)
    assert problem.line > 0 and problem.hint


def test_unknown_placeholder_names_the_allowed_ones():
    text = shipped_messages_text().replace('"call {number}"', '"call {numbr}"')
    _, problems = build_messages(text, "messages.yaml")
    problem = next(p for p in problems if p.code == "BS301")
    assert "did you mean {number}?" in problem.hint and "'contact.call' may use: {number}" in problem.hint


def test_a_missing_text_is_bs103():
    text = shipped_messages_text().replace('  checkin: "Would it be okay if I checked in with you a bit later?"\n', "")
    _, problems = build_messages(text, "messages.yaml")
    assert [(p.code, p.message) for p in problems] == [("BS103", "'fine.checkin' is missing")]
