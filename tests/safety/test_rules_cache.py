"""The start-up cache of checked rules (bot/safety/cache.py): the same verdicts as rules checked
afresh, and never a stale or broken cache."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from functools import cached_property

import pytest

from bot.engine.problems import ContentError
from bot.safety import DEFAULT_PATHS, SafetyConfig, SafetyPaths, Verdict
from bot.safety.cache import cache_dir
from bot.safety.rules import LazyPattern

from .conftest import TODAY
from .dataset import (
    either_category,
    hard_negatives,
    heldout_positives,
    negated,
    negatives,
    positives,
)
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
    messages = [
        m for group in (positives(), heldout_positives()) for ms in group.values() for m in ms
    ]
    messages += negatives() + hard_negatives() + [m for _, m in either_category() + negated()]
    return messages


def kept(value: object) -> object:
    """What the start-up cache must keep of ``value``: all of its data, every regex as its
    source (a compiled pattern and a LazyPattern alike), less what an object builds again
    itself when first needed (what its ``__getstate__`` leaves out, its cached properties)."""
    if isinstance(value, (re.Pattern, LazyPattern)):
        assert not isinstance(value, re.Pattern) or value.flags == re.UNICODE  # all in the source
        return ("regex", value.pattern)
    if isinstance(value, dict):
        return {key: kept(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [kept(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(kept(item)) for item in value)
    if hasattr(value, "__dict__"):
        state = value.__getstate__()
        assert isinstance(state, dict)
        derived = {
            key for key in state if isinstance(getattr(type(value), key, None), cached_property)
        }
        return (type(value).__name__, kept({k: v for k, v in state.items() if k not in derived}))
    return value


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


def test_cached_rules_are_the_checked_rules_and_give_their_verdicts(cache, config):
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
    # The cache keeps the rules whole: the same data and patterns as the fresh check, so every
    # message gets the same verdict (compared below on every eighth message of the test set,
    # screened by both: the full set took a second and a half of the suite's CPU).
    assert kept(from_cache.rules) == kept(checked.rules)
    # The learned layer is not kept in the start-up cache: each load reads the same model file
    # (once per process while no other file is read). Both screens read through the session's
    # copy, whose tables per word then fill once.
    assert checked.model is not None and config.model is not None
    assert checked.model.header == config.model.header
    checked = replace(checked, model=config.model)
    from_cache = replace(from_cache, model=config.model)
    messages = list(dict.fromkeys(every_message()))  # each text once
    assert len(messages) > 3000
    sample = messages[::8]
    assert verdicts(from_cache, sample) == verdicts(checked, sample)


def test_rules_that_differ_are_told_apart(config):
    """kept() sees a changed pattern, a rule dropped and a changed word list."""
    rules = config.rules
    base = kept(rules)
    assert kept(rules) == base
    for change in (
        lambda state: state["_branches"].__setitem__(
            0, (*state["_branches"][0][:2], LazyPattern("other"), False)
        ),
        lambda state: state["_branches"].pop(),
        lambda state: state["_by_word"].__setitem__("zzz", [0]),
    ):
        state = rules.__getstate__()
        state["_branches"] = list(state["_branches"])
        state["_by_word"] = dict(state["_by_word"])
        change(state)
        other = object.__new__(type(rules))
        other.__dict__.update(state)
        assert kept(other) != base


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
