"""Normalisation: what the rules see."""
from __future__ import annotations

import pytest

from bot.safety.normalize import Normaliser


@pytest.fixture(scope="module")
def norm(rules):
    return lambda text: rules.normaliser.normalise(text).text


@pytest.mark.parametrize("text, expected", [
    ("I WANT TO DIE", "i want to die"),                       # case
    ("Je suis épuisé, suicidé", "je suis epuise suicide"),    # accents
    ("I can’t go on", "i can not go on"),                     # curly apostrophe
    ("I can't go on", "i can not go on"),
    ("I cant go on", "i can not go on"),                      # missing apostrophe
    ("i cannot go on", "i can not go on"),
    ("he won't wake up", "he wil not wake up"),               # doubled letters written once
    ("I'm done", "i am done"),
    ("im done", "i am done"),
    ("wanna", "want to"),
    ("gonna", "going to"),
    ("killlll myself", "kil myself"),                         # repeated letters
    ("kil myself", "kil myself"),
    ("pleeeease", "please"),
    ("diiiie", "die"),
    ("k1ll mys3lf", "kil myself"),                            # leetspeak
    ("$uicide", "suicide"),
    ("k!ll", "kil"),
    ("d13", "die"),
    ("kms", "kil myself"),                                    # slang
    ("kys", "kil yourself"),
    ("sewerslide", "suicide"),
    ("suicidle", "suicidal"),                                 # misspellings
    ("he's not breating", "he is not breathing"),
    ("overdosed", "overdosed"),
    ("he od'd", "he overdosed"),                              # od'd is not "odd"
    ("he OD’d", "he overdosed"),
    ("she ODed", "she overdosed"),
    ("ODing", "overdosing"),
    ("that's odd", "that is od"),
    ("took too many 💊", "tok to many pils"),                 # emoji
    ("🔪 myself", "knife myself"),
    ("⚰️", "cofin"),
    ("🪦", "grave"),
    ("😵", "dizy"),
    ("he has the DT's", "he has the dts"),
    ("my friend's not breathing", "my friend is not breathing"),  # 's reads as "is"
    ("kіll", "kil"),                                          # Cyrillic i look-alike
    ("i want 2 die", "i want 2 die"),             # digits stay; the rules read "2" as "to"
    ("took 30 pills", "tok 30 pils"),
    ("  lots   of   space  ", "lots of space"),
    ("", ""),
    ("!!! ??? ...", ""),
])
def test_normalisation(norm, text, expected):
    assert norm(text) == expected


def test_the_screen_sees_through_spelling(config):
    for text in ("i wanna kms", "K I L L"[0:0] + "killl myself", "k1ll myself", "I want to 🔪 myself",
                 "i feel suicidle", "sewer slide", "unalive", "Suicidé"):
        verdict = config.screen(text)
        assert verdict and verdict.category == "suicide_selfharm", text
    for text in ("he od'd", "she's not breating", "lips are blue", "took too many 💊", "OD'ing"):
        verdict = config.screen(text)
        assert verdict and verdict.category == "overdose_medical", text
    assert config.screen("that's odd") is None


def test_clause_boundaries_are_kept():
    n = Normaliser().normalise("I'm not ok, I want to die")
    assert n.text == "i'm not ok i want to die".replace("'", "")
    assert n.boundaries == (3,)
    assert n.words_before(n.text.index("want")) == ["i"]


def test_plain_ascii_and_unicode_paths_agree():
    plain = Normaliser().normalise("Kill myself").text
    fancy = Normaliser().normalise("Kill myself\u200b").text
    assert plain == fancy == "kil myself"


@pytest.mark.parametrize("text, expected", [
    ("im shakin so bad n seein stuff", "i am shaking so bad and seing stuf"),
    ("he is killin me", "he is kiling me"),
    ("she's dyin", "she is dying"),
    ("heroin within cabin", "heroin within cabin"),    # only -ing words the rules use
])
def test_a_dropped_g_is_put_back_on_words_the_rules_use(norm, text, expected):
    assert norm(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("he is not breathign", "he is not breathing"),      # two letters swapped
    ("she had a seziure", "she had a seizure"),
    ("my mate is unconsious", "my mate is unconscious"),  # one letter missing
    ("i want to sleep forevr", "i want to slep forever"),
    ("overdsoe", "overdose"),
    ("i am craving a drink", "i am craving a drink"),     # real words stay what they are
    ("eating dinner", "eating diner"),
    ("my brother is driving", "my brother is driving"),
])
def test_typing_slips_in_words_the_rules_use_are_read_back(norm, text, expected):
    assert norm(text) == expected


def test_real_words_list_covers_every_slip_that_is_an_english_word(rules):
    """With an English word list installed (apt-get install wamerican), every English word the
    screen would read as another word (a slip of a rule word, or rule words run together) must
    be in bot/safety/real_words.txt; otherwise it would be read as a crisis word ("eating" as
    "beating", "therapist" as "the rapist")."""
    from tests.safety.make_real_words import WORDS, english_words, slipped
    if not WORDS.exists():
        pytest.skip("no /usr/share/dict/words (apt-get install wamerican)")
    real = rules.normaliser.real_words
    english = english_words()
    # a listed word is never missing: only the others are read (with the session's rules,
    # which test_rules_cache.py proves equal to rules checked afresh)
    unlisted = {word: spelt for word, spelt in english.items() if word not in real}
    missing = sorted(slipped(unlisted, rules.normaliser))
    assert not missing, f"run python -m tests.safety.make_real_words; missing: {missing}"


@pytest.mark.parametrize("text, expected", [
    ("he overdosd", "he overdosed"),                      # a letter missing
    ("he is not breathibg", "he is not breathing"),        # a neighbouring key
    ("i want to hutr myself", "i want to hurt myself"),    # four letters: swapped
    ("je suis", "je suis"),                                # four letters: a far key stays
    ("i want to kil mysrlf", "i want to kil myself"),      # a letter wrong
    ("he is not braething", "he is not breathing"),        # two letters swapped
    ("tonigt", "tonight"),
    ("tonights the night", "tonight is the night"),        # an 's without its apostrophe
    ("iwantto die", "i want to die"),                      # words run together
    ("imgonna end it", "i am going to end it"),
    ("thisanymore", "this any more"),
    ("i neednarcannow", "i ned narcan now"),               # a join between two doubled letters
    ("itook 3", "i tok 3"),                                # "i took", not "took" or "it ok"
    ("meup", "me up"),
    ("took thirty", "tok 30"),                            # numbers as voice typing writes them
    ("my therapist", "my therapist"),                      # real words stay: not "the rapist"
    ("in cornwall", "in cornwal"),                         # a long place name: not "co rn wal"
    ("hahaha", "hahaha"),                                  # laughter is not words run together
    ("yesterday", "yesterday"),
])
def test_slips_and_words_run_together_are_read_as_the_rules_words(norm, text, expected):
    assert norm(text) == expected


def test_the_learned_layer_reads_the_same_repaired_words(rules):
    repair = rules.normaliser.repair
    assert repair("I wnat to dieee tonigt") == "i wnat to die tonight"
    assert repair("haaaang myself") == "hang myself"
    assert repair("my therapist said so") == "my therapist said so"

