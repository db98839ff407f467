"""Themes and risks: what an answer is about (selective reflection) and risky mixes (care)."""
from __future__ import annotations

import pytest

from bot.engine.expr import parse_condition
from bot.engine.reflection import risk, theme, topic
from bot.engine.template import parse_template


@pytest.mark.parametrize("text, expected", [
    ("I just want to not get sick from it. Like my liver numbers were bad", "health"),
    ("couldn't remember driving home", "health"),
    ("I'm not sure I'm ready to cut down", "ambivalence"),
    ("I want to cut down but I don't think I can", "ambivalence"),
    ("part of me wants to stop", "change"),
    ("drank the whole bottle of vodka after the funeral. feel like shit", "loss"),
    ("my nan passed away in may", "loss"),
    ("my partner has started to worry", "people"),
    ("I want to cut down", "change"),
    ("being honest with myself matters more than anything", "values"),
    ("lonely, I don't know anyone here", "feeling"),
    ("I drink more than I want to after work", ""),
    ("my drinking has crept up since the new job", ""),
    ("idk", ""),
    ("not sure", ""),   # a hesitation with nothing to change is vague, not ambivalent
])
def test_theme(text: str, expected: str) -> None:
    assert theme(text) == expected


def test_a_long_message_is_about_its_telling_part() -> None:
    text = ("so yeah i drank again last night. my wife found the bottles and she was like so "
            "angry. i feel like such a failure honestly and i dont know how to tell my kids. "
            "sorry this is long lol")
    assert topic(text, "people") == "your kids"


@pytest.mark.parametrize("text, kind, expected", [
    ("my partner has started to worry", "people", "your partner"),
    ("Like my liver numbers were bad", "health", "your liver"),
    ("her kids", "people", "her kids"),
    ("I'm fine", "people", ""),
])
def test_topic(text: str, kind: str, expected: str) -> None:
    assert topic(text, kind) == expected


@pytest.mark.parametrize("text, expected", [
    ("coke, most of a gram… plus maybe 8 drinks", "stimulants"),
    ("a few beers and then my sleeping pills", "depressants"),
    ("xanax and heroin", "depressants"),
    ("wine, and a couple of valium to sleep", "depressants"),
    ("got it from a new dealer, not sure what's in it", "supply"),
    ("fent", "supply"),
    ("I was using alone in my room", "alone"),
    ("drinking by myself most nights", "alone"),
    ("I feel so alone", ""),
    ("just the usual three pints", ""),
    ("weed, like always", ""),
])
def test_risk(text: str, expected: str) -> None:
    assert risk(text) == expected


def test_flows_branch_on_them() -> None:
    values = {"note": "drank the whole bottle after the funeral",
              "said": "a gram of coke and 6 beers"}
    assert parse_condition("theme(note) == 'loss'")(values)
    assert parse_condition("risk(said) == 'stimulants'")(values)
    assert parse_condition("risk(note) == ''")(values)
    rendered = parse_template("what happens with {x|topic:people|default:them}").render
    assert rendered({"x": "my mum keeps asking"}) == "what happens with your mum"
    assert rendered({"x": "nothing"}) == "what happens with them"
