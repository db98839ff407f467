"""The learned layer: the shipped model matches the data in the repo, reads back, and scores
the way training measured it."""
from __future__ import annotations

import numpy as np
import pytest

from bot.safety.model import MODEL_PATH, ScreenModel, read_model, words_of, write_model


def test_the_shipped_model_was_trained_on_the_data_in_the_repo():
    """Edit a training file (tests/safety/data, heldout*, corpus) and this fails until
    `make train-screen` has written the model again. That the bytes are what training gives is
    `make check-screen` (a step of `make test`: it trains, which takes too long for pytest)."""
    from .train_screen import data_hash

    header, *_ = read_model(MODEL_PATH.read_bytes())
    assert header["data_sha256"] == data_hash(), "run: make train-screen"


def test_the_file_is_plain_arrays_that_read_back():
    data = MODEL_PATH.read_bytes()
    header, index, weights, bias = read_model(data)
    assert write_model(header, index, weights, bias) == data
    assert len(weights) == header["buckets"] * header["rows"] and len(bias) == header["rows"]
    assert len(index) == header["buckets"]
    with pytest.raises(ValueError):
        read_model(data[:-1])
    with pytest.raises(ValueError):
        read_model(b"PK" + data)


def test_the_check_allows_float_rounding_and_nothing_more():
    """`make check-screen` on another processor: a weight one float16 step or 1e-5 away is the
    same model; a weight moved further, or another header, is not."""
    from .train_screen import same_model

    data = MODEL_PATH.read_bytes()
    header, index, weights, bias = read_model(data)

    def moved(at: int, by: float, head: dict = header) -> bytes:
        changed = list(weights)
        changed[at] += by
        return write_model(head, index, changed, bias)

    big = max(range(len(weights)), key=lambda i: abs(weights[i]))
    # the smallest weight: there a float16 step is far under 1e-5
    small = min(range(len(weights)), key=lambda i: abs(weights[i]))
    one_step = float(np.spacing(np.float16(abs(weights[big]))))
    assert same_model(data, data)
    assert same_model(data, moved(big, one_step))
    assert same_model(data, moved(small, 5e-6))
    assert not same_model(data, moved(big, 3 * one_step))
    assert not same_model(data, moved(small, 5e-4))
    assert not same_model(data, moved(0, 0.0, {**header, "threshold": header["threshold"] + 1e-6}))


def test_the_model_fires_on_crisis_wording_and_not_on_idioms():
    model = ScreenModel.load()
    assert model.predict("shot up twice in an hour, i'm going under") is not None
    for everyday in ("this workout is killing me", "i'm dying to see you", "see you thursday"):
        assert model.predict(everyday) is None, everyday


def test_words_are_read_like_the_rules_read_them():
    assert words_of("I’M  soooo D3AD-tired, can't") == ["im", "soo", "dead", "tired", "cant"]
    assert words_of("Suicidé") == ["suicide"]


def test_when_only_the_model_fires_the_rules_hints_decide_the_category(config):
    """The model alone once answered using alone with the violence reply: the rules' hints now
    name the category, the model's own guess follows."""
    verdict = config.screen("popped way more than i usually do and my arms feel like lead")
    assert verdict is not None and verdict.layer == "model" and verdict.tier == "ask"
    assert verdict.category == "overdose_medical"


def test_pairs_one_word_apart_share_a_piece_across_a_changed_word():
    from bot.safety.model import features

    def shared(skip: bool) -> int:
        one = set(features("i want to die", 18, skip=skip))
        other = set(features("i want 2 die", 18, skip=skip))
        return len(one & other)

    assert shared(True) > shared(False)
    assert ScreenModel.load().skip, "the shipped model reads pairs one word apart"


def test_scoring_reads_the_pieces_training_read_and_adds_them_up_exactly():
    """ScreenModel.scores walks a message's pieces itself (each word's kept with their packed
    rows, for speed); they must be features(), the pieces training read, and the packed sums the
    weights' plain column sums, on every message of the test set."""
    import math

    from bot.safety.model import features

    from .dataset import hard_negatives, negatives, positives

    model = ScreenModel.load()
    header, index, weights, bias = read_model(MODEL_PATH.read_bytes())
    rows = int(header["rows"])
    by_bucket = {bucket: weights[i * rows:(i + 1) * rows] for i, bucket in enumerate(index)}
    texts = [m for ms in positives().values() for m in ms] + negatives() + hard_negatives()
    assert len(texts) > 2000
    for text in texts:
        words = words_of(text)
        pieces = features(words, model.bits, model.char_min, model.char_max, skip=model.skip)
        assert sorted(model._rows(words)) == pieces, text
        kept = [by_bucket[b] for b in pieces if b in by_bucket]
        totals = [sum(column) for column in zip(*kept, strict=True)] if kept else [0.0] * rows
        scale = 1.0 / math.sqrt(len(pieces)) if pieces else 0.0
        expected = [total * scale + b for total, b in zip(totals, bias, strict=True)]
        assert model.scores(words) == expected, text


def test_a_model_file_is_read_once_per_version(tmp_path):
    """Every config shares the process's one reading of a model file (by its bytes, wherever it
    lies); a file with other bytes is read again and scores by its own figures."""
    shipped = ScreenModel.load(MODEL_PATH)
    copy = tmp_path / "copy.bin"
    copy.write_bytes(MODEL_PATH.read_bytes())
    assert ScreenModel.load(copy) is shipped
    header, index, weights, bias = read_model(MODEL_PATH.read_bytes())
    copy.write_bytes(write_model({**header, "threshold": 0.99}, index, weights, bias))
    changed = ScreenModel.load(copy)
    assert changed is not shipped and changed.threshold == 0.99 != shipped.threshold
    assert ScreenModel.load(MODEL_PATH).threshold == shipped.threshold
