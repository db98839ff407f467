"""The reader: the shipped encoder was trained on the data in the repo, reads back, and has its
say in the screen the way docs/safety.md ("The reader") describes."""
from __future__ import annotations

import copy
import shutil

import pytest

from bot.safety import DEFAULT_PATHS, SafetyConfig
from bot.safety.reader import READER_NAME, TOKENIZER_NAME, Reader

from .conftest import TODAY

# Read as a crisis by the reader, and by nothing else (crisis lines of blind batches the n-gram
# layer never trained on): the "Are you safe right now?" question first.
READ_AS_CRISIS = [
    "lad in the tent next to me aint moved since last night. hes cold",
    "Bru I'm so tired of being everyone's problem. Tonight I fix that for good",
    "no more fighting it. going down to the place by the river tonight, the deep bit",
]
# Crisis lines of our own (tests/safety/test_kinds.py, never trained on) the reader misreads as
# everyday talk with near certainty, screened by the rules: why it never silences them
# (docs/safety.md, "The reader").
MISREAD = [
    "i'm going to shoot up the office on friday",
    "felt fine after lunch then took the whole packet",
    "covered a topic on abuse today in class and that's what my uncle does to me",
]
# Everyday talk the n-gram layer leans towards (at least LEANING) and the reader reads as
# everyday: quiet.
READ_AS_EVERYDAY = [
    "accidentally mixed up the washing and now everything's pink, kill me now",
    "please tell my boy his dad's running late, my phone's nearly dead and he's not answering",
    "my dad takes his heart pills every morning, I remind him",
]


def test_the_shipped_reader_was_trained_on_the_data_in_the_repo():
    """Edit a training file and this fails until `make train-reader` has written the reader
    again. That the file is what training gives is `make check-reader` (training takes about
    forty minutes: kept out of pytest)."""
    from .train_reader import data_files
    from .train_screen import data_hash

    reader = Reader.load()
    assert reader.metadata["data_sha256"] == data_hash(data_files()), "run: make train-reader"
    assert reader.categories == ("suicide_selfharm", "overdose_medical", "violence_abuse",
                                 "severe_withdrawal")
    assert 0.5 < reader.fire < 1


def test_the_check_compares_decisions_across_processors():
    """`make check-reader` on another host: a reader that decides the same matches; other
    settings never do, whatever the weights."""
    from .train_reader import agree

    reader = Reader.load()
    texts = READ_AS_CRISIS + READ_AS_EVERYDAY + ["see you thursday, take care"]
    assert agree(reader, reader, texts)
    other = copy.copy(reader)
    other.metadata = {**reader.metadata, "fire": "0.9"}
    other.fire = 0.9
    assert not agree(reader, other, texts)


def test_a_message_no_rule_matches_is_asked_about_when_it_reads_as_a_crisis(config):
    for text in READ_AS_CRISIS:
        verdict = config.screen(text)
        assert verdict is not None, text
        assert (verdict.layer, verdict.rule, verdict.tier) == ("model", "reader", "ask"), text


def test_everyday_talk_the_ngram_layer_leans_towards_stays_quiet(config):
    from bot.safety.screen import LEANING, _assess

    for text in READ_AS_EVERYDAY:
        assert _assess(text, config.rules, config.model).score >= LEANING, text
        assert config.reader.read(text).score < config.reader.fire, text
        assert config.screen(text) is None, text


def test_the_reader_never_silences_the_other_layers(config):
    for text in MISREAD:
        assert config.reader.read(text).score < 0.01, text
        assert config.screen(text) is not None, text


def test_a_crisis_the_ngram_layer_reads_as_plainly_ordinary_is_not_read(config):
    """The reader reads only what the n-gram layer leans towards (LEANING): a typing slip
    changes its word pieces, and it read "i wat a quet life" as a crisis."""
    from bot.safety.screen import LEANING, _assess

    text = "i wat a quet life"
    assert config.reader.read(text).score >= 0.5
    assert _assess(text, config.rules, config.model).score < LEANING
    assert config.screen(text) is None


def test_a_bare_denial_is_still_asked_about(config):
    verdict = config.screen("I'm not suicidal")
    assert verdict is not None and verdict.negated and verdict.tier == "ask"


def test_a_reply_of_a_word_or_two_is_left_to_the_rules(config):
    assert config.reader.read("so suicidal") is None
    verdict = config.screen("so suicidal")
    assert verdict is not None and verdict.layer == "rules"
    assert config.screen("fine thanks") is None


def test_messages_screened_together_get_the_verdicts_they_get_one_by_one(config):
    texts = READ_AS_CRISIS + READ_AS_EVERYDAY + MISREAD + ["I want to die", "see you", ""]
    assert config.screen_all(texts) == [config.screen(text) for text in texts]


def test_a_damaged_reader_is_an_error_that_says_how_to_mend_it(tmp_path):
    folder = tmp_path / "safety"
    shutil.copytree(DEFAULT_PATHS.rules.parent, folder)
    (folder / READER_NAME).write_bytes(b"not a model")
    problems = SafetyConfig.check(folder, today=TODAY)
    found = [p for p in problems if "reader" in p.message]
    assert found and found[0].code == "BS601" and found[0].is_error
    assert "make train-reader" in (found[0].hint or "")


def test_without_a_reader_the_rules_and_the_ngram_layer_screen(tmp_path):
    folder = tmp_path / "safety"
    shutil.copytree(DEFAULT_PATHS.rules.parent, folder)
    (folder / READER_NAME).unlink()
    (folder / TOKENIZER_NAME).unlink()
    config = SafetyConfig.load(folder / "rules.yaml", folder / "resources.yaml",
                               folder / "messages.yaml", today=TODAY, cached=True)
    assert config.reader is None
    assert config.screen("I want to die") is not None


@pytest.mark.parametrize("text", ["", "   "])
def test_nothing_to_read_is_no_verdict(config, text):
    assert config.screen(text) is None
