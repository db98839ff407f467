"""The start-up cache of checked rules (bot/safety/cache.py): the same verdicts as rules checked
afresh, and never a stale or broken cache."""
from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from bot.engine.problems import ContentError
from bot.safety import DEFAULT_PATHS, SafetyConfig, SafetyPaths, Verdict
from bot.safety.cache import cache_dir
from bot.safety.rules import LazyPattern

from .conftest import TODAY
from .dataset import either_category, hard_negatives, heldout_positives, negated, negatives, positives
from .test_rules_loading import GOOD


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BETWEEN_CACHE_DIR", str(tmp_path / "cache"))
    return cache_dir()


def load(folder=DEFAULT_PATHS, **kw) -> SafetyConfig:
    return SafetyConfig.load(folder.rules, folder.resources, folder.messages, today=TODAY, **kw)


def verdicts(config: SafetyConfig, messages: list[str]) -> list[Verdict | None]:
    return [config.screen(m) for m in messages]


def every_message() -> list[str]:
    messages = [m for group in (positives(), heldout_positives()) for ms in group.values() for m in ms]
    messages += negatives() + hard_negatives() + [m for _, m in either_category() + negated()]
    return messages


def small_copy(tmp_path) -> SafetyPaths:
    """The shipped files with a four-rule rules file: what the cache does with a file does not
    depend on its rules, and the shipped one takes seconds to check."""
    folder = tmp_path / "safety"
    shutil.copytree(DEFAULT_PATHS.rules.parent, folder)
    copied = SafetyPaths.in_folder(folder)
    copied.rules.write_text(GOOD, encoding="utf-8")
    return copied


def read_from_cache(config: SafetyConfig) -> bool:
    """True when the rules were read back from the start-up cache (their regexes kept as
    sources, compiled when first used), not checked afresh."""
    return all(isinstance(regex, LazyPattern) for _, _, regex, _ in config.rules._branches)


def test_cached_rules_give_the_same_verdict_on_every_test_message(cache, config):
    """Also the suite's one fresh check of the shipped files: they load without an error (load
    raises ContentError on one), warn only of entries still to verify, and the session's screen
    (from the start-up cache) carries the same warnings. The verdicts compared are those of the
    session's screen, as the tests and the bot use it, when its rules came from the start-up
    cache (the first process of a new checkout checks them afresh): its patterns are compiled
    once, here or by the other tests."""
    assert not list(cache.glob("rules-*"))
    checked = load(cached=True)  # checks the file afresh, then keeps it
    assert not read_from_cache(checked)
    assert all(p.code == "BS602" for p in checked.warnings)
    assert config.warnings == checked.warnings
    assert len(list(cache.glob("rules-*.pickle"))) == 1
    from_cache = load(cached=True)
    assert from_cache.rules is not checked.rules and read_from_cache(from_cache)
    assert [w.code for w in from_cache.warnings] == [w.code for w in checked.warnings]
    if read_from_cache(config):
        from_cache = config
    # The learned layer is not kept in the start-up cache: each load reads the same model file.
    # Both screens read through the session's copy, whose tables per word then fill once.
    assert checked.model is not None and config.model is not None
    assert checked.model.header == config.model.header
    checked = replace(checked, model=config.model)
    from_cache = replace(from_cache, model=config.model)
    messages = list(dict.fromkeys(every_message()))  # each text once
    assert len(messages) > 3000
    assert verdicts(from_cache, messages) == verdicts(checked, messages)


def test_a_broken_cache_file_is_checked_again(tmp_path, cache):
    copied = small_copy(tmp_path)
    load(copied, cached=True)
    [kept] = cache.glob("rules-*.pickle")
    kept.write_bytes(b"not a pickle")
    again = load(copied, cached=True)
    assert again.screen("I think I overdosed").category == "overdose_medical"
    assert kept.read_bytes() != b"not a pickle"  # written afresh


def test_an_edited_rules_file_is_never_served_from_the_cache(tmp_path, cache):
    copied = small_copy(tmp_path)
    load(copied, cached=True)
    copied.rules.write_text(copied.rules.read_text() + "\n  : a broken line\n")
    with pytest.raises(ContentError) as err:
        load(copied, cached=True)
    assert "rules.yaml" in str(err.value) and "BS001" in str(err.value)
