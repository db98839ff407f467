"""The start-up cache of checked flows (bot/engine/cache.py): a flow set from the cache behaves
as one checked afresh, and an edited file, a broken cache or one that cannot be written never
gives a stale or broken flow set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.engine import Ask, Engine, FlowSet, Pick, Text, cache, check_registry
from tests.paths import FLOWS

from .helpers import write_flowset

CONTEXT = {"training": False, "role": "client", "first_name": "Sam"}
ANSWERS = ["#1", "I drink more than I mean to after work", "#2", "7", "yes", "#1", "no", "#3"]


@pytest.fixture
def kept(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("BETWEEN_CACHE_DIR", str(tmp_path / "cache"))
    return cache.cache_dir()


def walk(flowset: FlowSet) -> list:
    """What a client sees going through every flow with the same answers."""
    engine, seen = Engine(flowset), []
    for flow_id in flowset.flows:
        outcome = engine.start(flow_id, CONTEXT)
        for answer in ANSWERS:
            seen.append((flow_id, outcome.outputs, outcome.conversation))
            ask = next((o for o in reversed(outcome.outputs) if isinstance(o, Ask)), None)
            if ask is None:
                break
            if answer.startswith("#") and len(ask.buttons) >= int(answer[1:]):
                event = Pick(ask.buttons[int(answer[1:]) - 1].data, ask.rev)
            else:
                event = Text(answer.lstrip("#"))
            outcome = engine.step(outcome.conversation, event, CONTEXT)
    return seen


def test_a_cached_flow_set_behaves_as_one_checked_afresh(kept):
    fresh, problems = check_registry(FLOWS, cached=True)  # checks the files, then keeps them
    assert fresh is not None and len(list(kept.glob("flows-*.pickle"))) == 1
    cached, cached_problems = check_registry(FLOWS, cached=True)
    assert cached is not None and cached is not fresh
    assert list(map(str, cached_problems)) == list(map(str, problems))
    assert (cached.version, cached.sources, cached.commands) == (
        fresh.version,
        fresh.sources,
        fresh.commands,
    )
    walked = walk(fresh)
    assert len(walked) > 3 * len(fresh.flows)
    assert walk(cached) == walked


HELLO = "start: hi\nstates:\n  hi:\n    say: Hello\n    next: bye\n  bye:\n    say: Bye\n    end: true\n"


def first_words(flowset: FlowSet | None) -> str:
    assert flowset is not None
    flow = flowset.flows["hello"]
    return flow.states[flow.start].lines[0].text.source


def test_an_edited_file_is_never_served_from_the_cache(tmp_path, kept):
    registry = write_flowset(tmp_path, {"hello": HELLO})
    before, _ = check_registry(registry, cached=True)
    assert first_words(before) == "Hello"
    hello = tmp_path / "hello.yaml"
    hello.write_text(HELLO.replace("Hello", "Edited words"))
    after, _ = check_registry(registry, cached=True)
    assert first_words(after) == "Edited words"
    hello.write_text(HELLO.replace("next:", "nxet:"))
    broken, problems = check_registry(registry, cached=True)
    assert broken is None and any(p.code == "BS101" and "hello.yaml" in p.path for p in problems)
    hello.write_text(HELLO)
    assert first_words(check_registry(registry, cached=True)[0]) == "Hello"


def test_a_broken_cache_file_is_checked_again(tmp_path, kept):
    registry = write_flowset(tmp_path, {"hello": HELLO})
    check_registry(registry, cached=True)
    [entry] = kept.glob("flows-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert first_words(check_registry(registry, cached=True)[0]) == "Hello"
    assert entry.read_bytes() != b"not a pickle"  # kept afresh


def test_a_cache_that_cannot_be_written_is_not_used(tmp_path, monkeypatch):
    registry = write_flowset(tmp_path, {"hello": HELLO})
    monkeypatch.setenv("BETWEEN_CACHE_DIR", str(registry / "cache"))  # under a file
    assert first_words(check_registry(registry, cached=True)[0]) == "Hello"
    assert first_words(check_registry(registry, cached=True)[0]) == "Hello"


def test_a_value_that_cannot_be_pickled_leaves_nothing_behind(kept):
    cache.store("flows", "x", lambda: None)
    assert not kept.exists() or list(kept.iterdir()) == []


def test_only_the_recently_used_entries_are_kept(kept):
    for n in range(cache.KEEP + 4):
        cache.store("test", f"{n:02}", n)
    assert len(list(kept.glob("test-*.pickle"))) == cache.KEEP
    assert cache.load("test", f"{cache.KEEP + 3:02}") == cache.KEEP + 3
    assert cache.load("test", "00") is None


def test_the_key_changes_with_the_files_and_the_code(tmp_path):
    code = tmp_path / "code"
    code.mkdir()
    (code / "a.py").write_text("A = 1\n")
    first = cache.key(["flows.yaml", b"start: a"], [code])
    assert cache.key(["flows.yaml", b"start: b"], [code]) != first
    assert cache.key(["flows.yam", b"lstart: a"], [code]) != first
    other = tmp_path / "other"
    shutil.copytree(code, other)
    (other / "a.py").write_text("A = 2\n")
    assert cache.key(["flows.yaml", b"start: a"], [other]) != first
