"""`between reflect`, the template filters and shape() in conditions, as staff use them."""
from __future__ import annotations

import io
import json
import subprocess
import sys

from bot.engine.expr import ExprSyntaxError, parse_condition
from bot.engine.template import parse_template


def run_reflect(lines: str, *flags: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "bot", "reflect", *flags], input=lines,
                          capture_output=True, text=True, check=True, timeout=60)
    return done.stdout.splitlines()


def test_between_reflect_prints_text_and_shape_per_line():
    out = run_reflect("idk\n\nI'm having an urge to smoke crack\nwas I wrong?\n", "--json")
    rows = [json.loads(line) for line in out]
    assert [r["shape"] for r in rows] == ["vague", "clause", "question"]
    assert rows[1]["text"] == "you're having an urge to smoke crack"
    assert rows[2]["text"] == "you're wondering whether you were wrong"
    assert "idk" not in rows[0]["text"]


def test_between_reflect_as_a_voice_and_a_summary():
    voice = run_reflect("I'm the one who gets you through the week\n", "--as", "voice")
    assert voice == ["it's the one who gets you through the week  [clause]"]
    summary = run_reflect("i just want to be there for Sarah\n", "--as", "summary")
    assert summary == ["You just want to be there for Sarah  [clause]"]


def test_stems_are_never_said_twice():
    urge = parse_template("{u|reflect:You're having an urge to}.")
    assert urge.render({"u": "I'm having an urge to smoke crack"}) == \
        "You're having an urge to smoke crack."
    assert urge.render({"u": "to drink"}) == "You're having an urge to drink."
    why = parse_template("{w|reflect:So it matters because}.")
    assert why.render({"w": "because I scared myself"}) == "So it matters because you scared yourself."
    assert why.render({"w": "my kids"}) == "So it matters because of your kids."
    assert why.render({"w": "Was I wrong to want a drink at my nan's wake?"}) == \
        "You're wondering whether you were wrong to want a drink at your nan's wake."


def test_two_voices_in_one_sentence():
    both = parse_template("On one side, {a|voice:it says}; on the other, {b|voice:it says}.")
    assert both.render({"a": "I'm the one who gets you through the week",
                        "b": "I want you to be healthy"}) == (
        "On one side, it says it's the one who gets you through the week; "
        "on the other, it says it wants you to be healthy.")


def test_shape_in_conditions():
    vague = parse_condition("shape(answer) == 'vague'")
    assert vague.names == {"answer"}
    assert vague({"answer": "idk"}) and vague({"answer": "🤷"}) and vague({})
    assert not vague({"answer": "I drank again"})
    assert parse_condition("shape(answer) == 'question'")({"answer": "am I an addict?"})
    try:
        parse_condition("shap(answer) == 'vague'")
    except ExprSyntaxError as error:
        assert "unknown function 'shap'" in str(error)
    else:
        raise AssertionError("an unknown function is refused")
