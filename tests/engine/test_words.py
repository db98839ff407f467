"""Templates, the reflect filter, conditions and the strict YAML reader."""
from __future__ import annotations

import pytest

from bot.engine import wording
from bot.engine.answers import parse_time, parse_yesno
from bot.engine.expr import ExprSyntaxError, parse_condition
from bot.engine.reflect import reflect
from bot.engine.template import TemplateSyntaxError, parse_template
from bot.engine.yamlfile import YamlProblem, parse_yaml


@pytest.mark.parametrize("said, reflected", [
    ("I feel like my drinking is out of control", "you feel like your drinking is out of control"),
    ("I'm tired and I've had enough.", "you're tired and you've had enough"),
    ("I'd like to stop but I'll probably go", "you'd like to stop but you'll probably go"),
    ("I am scared of myself", "you are scared of yourself"),
    ("I was alone, it was late", "you were alone, it was late"),
    ("That bottle is mine", "that bottle is yours"),
    ("My partner worries about me", "your partner worries about you"),
    ("Work was awful", "work was awful"),
    ("NHS staff called me", "NHS staff called you"),
    ("I’m done!!", "you’re done"),
    ("im so tired", "you're so tired"),
    ("Friday night I drank alone", "Friday night you drank alone"),
])
def test_reflect_turns_first_person_to_second(said, reflected):
    assert reflect(said) == reflected


def test_templates_render_values_and_filters():
    template = parse_template("So {words|reflect}. You chose {picked|list}; {missing|default:nothing yet}. {{literal}}")
    words = wording.shipped()  # dialogs/words.yaml: how lists are written
    assert template.render({"words": "I am sad", "picked": ["rest", "music", "a walk"]}, words) == \
        "So you are sad. You chose rest, music, and a walk; nothing yet. {literal}"
    assert parse_template("{a|bullets}").render({"a": ["x", "y"]}, words) == "• x\n• y"
    assert parse_template("{a|list:or}").render({"a": ["x", "y"]}, words) == "x or y"


@pytest.mark.parametrize("source", ["{a.b}", "{a[0]}", "{__class__}", "{a", "a}", "{ }", "{a|}"])
def test_templates_allow_no_code(source):
    with pytest.raises(TemplateSyntaxError):
        parse_template(source)


@pytest.mark.parametrize("source, values, expected", [
    ("urge >= 7", {"urge": 8}, True),
    ("urge >= 7", {"urge": "6"}, False),
    ("urge >= 7", {}, False),
    ("not consent", {"consent": "no"}, True),
    ("choice == 'Rest'", {"choice": "rest"}, True),
    ("'sleep' in wants and mood < 4", {"wants": ["Sleep"], "mood": 2}, True),
    ("x not in y or (a and b)", {"x": 1, "y": [1], "a": True, "b": 0}, False),
    ("n == 2", {"n": " 2.0"}, True),  # numbers compare as numbers, however written
    ("n == '2'", {"n": "٢"}, True),  # (an Arabic-Indic two)
    ("n != 'INF'", {"n": "inf"}, False),
    ("a == 'Yes'", {"a": "yES"}, True),
    ("a == 'yes'", {"a": "yes please"}, False),
])
def test_conditions(source, values, expected):
    assert parse_condition(source)(values) is expected


@pytest.mark.parametrize("source", ["a = 1", "(a", "a and", "__import__('os')", "a.b", "a; b", "1 +"])
def test_conditions_are_not_python(source):
    with pytest.raises(ExprSyntaxError):
        parse_condition(source)


def test_yaml_keeps_yes_no_and_times_as_text_and_knows_positions():
    data = parse_yaml("a: Yes\nb: off\nc: 8:30\nd: 2024-01-02\ne: [1, 2.5, true]\n", "x.yaml")
    assert data == {"a": "Yes", "b": "off", "c": "8:30", "d": "2024-01-02", "e": [1, 2.5, True]}
    assert data.where("c") == (3, 1) and data.where_value("c") == (3, 4) and data["e"].where(2) == (5, 13)


def test_yaml_duplicate_key_names_both_lines():
    with pytest.raises(YamlProblem) as err:
        parse_yaml("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert err.value.problem.code == "BS002" and "line 1" in err.value.problem.message
    assert err.value.problem.line == 3


def test_yaml_refuses_python_tags():
    with pytest.raises(YamlProblem) as err:
        parse_yaml("a: !!python/object/apply:os.system ['true']\n", "x.yaml")
    assert err.value.problem.code == "BS001"


def test_answer_words():
    assert [parse_time(t) for t in ("8", "8pm", "8:30 am", "20.15", "12am", "midnight", "13pm", "7:75")] == \
        ["08:00", "20:00", "08:30", "20:15", "00:00", "00:00", None, None]
    assert [parse_yesno(t) for t in ("Yeah", "nope", "maybe")] == ["yes", "no", None]
