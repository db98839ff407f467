"""Staff files read by libyaml's composer (the fast path) and by our own (the careful path) give
the same located values and, for a broken file, the same problem at the same place."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest

from bot.engine import yamlfile
from bot.engine.yamlfile import MAX_BYTES, LocatedDict, LocatedList, YamlProblem, parse_yaml
from bot.safety.rules import RULES_MAX_BYTES
from tests.paths import ROOT

SHIPPED = sorted(ROOT.glob("dialogs/**/*.yaml")) + [ROOT / "flows.yaml"]
RULES = ROOT / "dialogs" / "safety" / "rules.yaml"


def limit(path: Path) -> int:
    """The largest file its reader accepts: the crisis rules may grow past a flow file."""
    return RULES_MAX_BYTES if path == RULES else MAX_BYTES

BROKEN_FILES = sorted((ROOT / "tests" / "invalid").rglob("*.yaml"))
ALIASES = "".join(f"k{i}: *a\n" for i in range(101))
BROKEN = {
    "syntax": "a: [b\nc: d\n",
    "colon in text": "say: Note: this\n  next: x\n",
    "duplicate key": "a: 1\nb:\n  c: 2\n  c: 3\n",
    "recursive alias": "a: &a [*a]\n",
    "recursive mapping": "a: &a\n  b: *a\n",
    "101 aliases": "x: &a 1\n" + ALIASES,
    "undefined alias": "a: *nowhere\n",
    "duplicate anchor": "a: &x 1\nb: &x 2\n",
    "list as key": "? [a, b]\n: c\n",
    "null key": "~: a\n",
    "unknown tag": "a: !thing b\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "true and 1 as keys": "1: a\ntrue: b\n",
    "tab": "a:\n\tb: 1\n",
    "backtick": "say: `hi`\n",
    "bad indentation": "a:\n  b: 1\n c: 2\n",
}
FINE = {
    "empty": "",
    "comments only": "# nothing yet\n",
    "scalars": "a: 010\nb: -1.5\nc: .5\nd: True\ne: No\nf: 8:30\ng: 2024-01-01\nh: ~\ni: null\n"
    "j: !!str 12\nk: !!int 7\nl: !!float 1\nm: !!bool true\nn: !!null x\no: 'quoted: yes'\n",
    "aliases shared": "x: &a {k: [1, 2]}\ny: *a\nz: [*a, *a]\n",
    "100 aliases": "x: &a 1\n" + "".join(f"k{i}: *a\n" for i in range(100)),
    "anchored scalar key": "a: &k key\n*k : value\n",
    "nested lists": "- - - a\n  - b\n- c\n",
    "flow styles": "{a: [1, {b: c}], d: 'e'}",
    "merge key as text": "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
    "explicit merge": "base: &b {x: 1}\nother:\n  !!merge <<: *b\n",
    "block scalars": "a: |\n  one\n  two\nb: >-\n  folded\n  text\n",
}


def same(a: Any, b: Any, pairs: dict[int, int]) -> bool:
    """Equal values and places, and the same sharing (an alias gives one object twice)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (LocatedDict, LocatedList)):
        if pairs.setdefault(id(a), id(b)) != id(b):
            return False
        if isinstance(a, LocatedDict):
            return (
                (a.pos, a.key_pos, a.value_pos, list(a)) == (b.pos, b.key_pos, b.value_pos, list(b))
                and all(type(k) is type(j) for k, j in zip(a, b, strict=True))
                and all(same(a[k], b[k], pairs) for k in a)
            )
        return (a.pos, a.item_pos, len(a)) == (b.pos, b.item_pos, len(b)) and all(
            same(x, y, pairs) for x, y in zip(a, b, strict=True)
        )
    return bool(a == b)


def read_both(
    source: bytes | str, monkeypatch: pytest.MonkeyPatch, max_bytes: int = MAX_BYTES
) -> tuple[Any, Any]:
    def read() -> Any:
        monkeypatch.setattr(yamlfile, "_PARSED", OrderedDict())  # read afresh, not kept values
        try:
            return parse_yaml(source, "dialogs/x.yaml", max_bytes=max_bytes)
        except YamlProblem as err:
            return str(err.problem)

    fast = read()
    with monkeypatch.context() as patch:
        patch.setattr(yamlfile, "_FAST", None)
        careful = read()
    return fast, careful


def test_there_is_a_fast_path():
    """Without libyaml the careful path alone would give the same, only slower."""
    assert yamlfile._FAST is not None


@pytest.mark.parametrize("path", SHIPPED + BROKEN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_both_paths_read_a_file_alike(path: Path, monkeypatch):
    fast, careful = read_both(path.read_bytes(), monkeypatch, limit(path))
    assert same(fast, careful, {}), (fast, careful)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_both_paths_report_a_broken_text_alike(name: str, monkeypatch):
    fast, careful = read_both(BROKEN[name], monkeypatch)
    assert isinstance(careful, str) and "dialogs/x.yaml:" in careful, careful
    assert fast == careful


@pytest.mark.parametrize("name", sorted(FINE))
def test_both_paths_read_a_text_alike(name: str, monkeypatch):
    fast, careful = read_both(FINE[name], monkeypatch)
    assert not isinstance(careful, str), careful
    assert same(fast, careful, {}), (fast, careful)


def test_an_alias_is_one_value_used_twice_and_placed_at_its_anchor(monkeypatch):
    fast, careful = read_both(FINE["aliases shared"], monkeypatch)
    for data in (fast, careful):
        assert data["x"] is data["y"] is data["z"][0] is data["z"][1]
        assert data.where_value("y") == data["z"].where(1) == (1, 4)
        assert data.where("y") == (2, 1)


def test_a_file_read_again_is_the_value_kept_and_reading_changes_none(monkeypatch):
    """parse_yaml keeps the values of the files read last, shared by everyone who reads the
    same bytes: so checking the content (flows, words, personas, helplines, the reply's words)
    must change none of them. (The crisis rules come from the start-up cache here, as checking
    them afresh costs seconds; bot/safety/rules.py only reads its file's values too.)"""
    from copy import deepcopy

    from bot.engine import check_registry
    from bot.partner.hook import problems as partner_problems
    from bot.safety import DEFAULT_PATHS, SafetyConfig
    from bot.wiring import words_problems

    monkeypatch.setattr(yamlfile, "_PARSED", OrderedDict())
    first = {path: parse_yaml(path.read_bytes(), str(path), max_bytes=limit(path)) for path in SHIPPED}
    before = deepcopy(first)
    registry = str(ROOT / "flows.yaml")
    flowset, problems = check_registry(registry)  # not from the start-up cache: every file read
    assert flowset is not None and not [p for p in problems if p.is_error]
    assert not partner_problems(registry, flowset) + words_problems(registry, flowset)
    SafetyConfig.load(DEFAULT_PATHS.rules, DEFAULT_PATHS.resources, DEFAULT_PATHS.messages,
                      cached=True)
    for path, value in first.items():
        assert parse_yaml(path.read_bytes(), "elsewhere.yaml", max_bytes=limit(path)) is value, path
        assert same(value, before[path], {}), path
