"""A broken rules file gives precise problems: code, line, column, hint; all of them at once."""
from __future__ import annotations

import textwrap

import pytest

from bot.engine.problems import ContentError
from bot.safety.rules import build_rules, load_rules
from bot.safety.screen import screen

GOOD = """\
lists:
  someone: [him, her, "my (friend|mate)"]
categories:
  overdose_medical:
    - id: od
      description: overdose
      patterns:
        - "overdos*"
  suicide_selfharm:
    - id: kill_self
      description: killing oneself
      patterns:
        - "(kill|end) myself"
  violence_abuse:
    - id: hurt_other
      description: hurting someone
      patterns:
        - "hurt {someone}"
  severe_withdrawal:
    - id: seizure
      description: seizures
      patterns:
        - "seizure*"
"""


def build(text: str):
    return build_rules(textwrap.dedent(text), "rules.yaml")


def codes(problems):
    return [(p.code, p.line, p.col) for p in problems]


def test_a_small_good_file_works():
    rules, problems = build(GOOD)
    assert problems == []
    assert screen("I want to KILL myself", rules).rule == "kill_self"
    assert screen("gonna hurt my mate", rules).category == "violence_abuse"
    assert screen("all fine", rules) is None


@pytest.mark.parametrize("pattern, message, col", [
    ('"(kill|end myself"', "'(' is never closed", 12),
    ('"kill myself)"', "')' closes nothing", 23),
    ('"(kill||end) myself"', "empty choice", 12),
    ('"... kill myself"', "'...' at the start or end", 12),
    ('"kill myself ..."', "'...' at the start or end", 24),
    ('"[kill]"', "can match nothing", 12),
    ('"kill {nobody}"', "no list called {nobody}", 17),
    ('"kill myself!"', "'!' cannot be used", 23),
    ('"kill | end"', "'|' outside brackets", 17),
    ('"#pills"', "'#' must stand alone", 12),
])
def test_pattern_mistakes_are_bs601_at_the_right_place(pattern, message, col):
    text = GOOD.replace('"(kill|end) myself"', pattern)
    rules, problems = build(text)
    assert rules is None
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.code == "BS601"
    assert message in problem.message
    assert (problem.line, problem.col) == (13, col), problem
    assert problem.hint


def test_a_mistake_in_a_list_is_reported_at_the_list_entry():
    text = GOOD.replace('"my (friend|mate)"', '"my (friend|mate"')
    rules, problems = build(text)
    assert rules is None
    assert codes(problems) == [("BS601", 2, 27)]
    assert "list {someone}" in problems[0].message


def test_every_problem_is_reported_at_once():
    text = GOOD.replace('"overdos*"', '"(overdos*"').replace('"seizure*"', '"seizure* ..."')
    text = text.replace("      description: killing oneself\n", "")
    text = text.replace("    - id: hurt_other", "    - id: od")
    rules, problems = build(text)
    assert rules is None
    assert sorted(p.code for p in problems) == ["BS103", "BS104", "BS601", "BS601"]


def test_unknown_and_missing_categories_and_keys():
    text = GOOD.replace("  severe_withdrawal:", "  severe_withdrawl:")
    text = text.replace("      description: overdose", "      description: overdose\n      patern: x")
    rules, problems = build(text)
    found = {p.code: p for p in problems}
    assert set(found) == {"BS101", "BS103"}
    unknown = [p for p in problems if p.code == "BS101"]
    assert any("did you mean 'severe_withdrawal'" in p.hint for p in unknown)
    assert any("did you mean 'patterns'" in p.hint for p in unknown)
    assert "severe_withdrawal" in found["BS103"].message


def test_wrong_types():
    text = GOOD.replace('      patterns:\n        - "overdos*"', '      patterns: overdos*')
    rules, problems = build(text)
    assert codes(problems) == [("BS102", 7, 17)]


def test_examples_are_checked():
    text = GOOD.replace('        - "overdos*"', '        - "overdos*"\n      examples: [he overdosed, he passed out]')
    rules, problems = build(text)
    assert rules is None
    assert codes(problems) == [("BS601", 9, 32)]
    assert "'he passed out' is not caught by rule 'od'" in problems[0].message


def test_bad_rule_ids_and_words():
    text = GOOD.replace("id: od", "id: Over Dose").replace("lists:", "words:\n  can not: cannot\nlists:")
    rules, problems = build(text)
    assert sorted(codes(problems)) == [("BS601", 2, 3), ("BS601", 7, 11)]


def test_yaml_syntax_errors_keep_their_codes():
    rules, problems = build("categories:\n\t- x\n")
    assert [p.code for p in problems] == ["BS005"]
    rules, problems = build("categories: [a, b\n")
    assert [p.code for p in problems] == ["BS001"]


def test_the_rules_file_has_its_own_size_limit():
    # the flows stop at 1 MB (BS003); the rules file, which passed it in the forty-sixth round,
    # at RULES_MAX_BYTES
    padding = "# padding\n" * 150_000  # 1.5 MB
    rules, problems = build(GOOD + padding)
    assert problems == [] and rules is not None
    rules, problems = build(GOOD + padding * 2)
    assert [p.code for p in problems] == ["BS003"]


def test_missing_file_raises_content_error(tmp_path):
    with pytest.raises(ContentError) as err:
        load_rules(tmp_path / "nope.yaml")
    assert [p.code for p in err.value.problems] == ["BS007"]


def test_load_rules_raises_with_every_problem(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(GOOD.replace('"overdos*"', '"(overdos*"').replace('"seizure*"', '"[seizure]"'))
    with pytest.raises(ContentError) as err:
        load_rules(path)
    assert [p.code for p in err.value.problems] == ["BS601", "BS601"]
    assert str(path) in str(err.value)


def test_harmless_phrases_only_cancel_matches_inside_them():
    text = GOOD + 'harmless:\n  - "kill myself laughing"\n'
    rules, problems = build(text)
    assert problems == []
    assert screen("I'd kill myself laughing", rules) is None
    assert screen("I want to kill myself", rules) is not None


WITH = GOOD.replace('''        - "seizure*"
''', '''        - "seizure*"
    - id: shaking_after_stopping
      description: shaking, with stopping alcohol somewhere in the message
      weak: true
      patterns:
        - "shak*"
      with:
        - "(stopped|quit) (drinking|the booze)"
        - "day # (sober|off the booze)"
      examples:
        - stopped drinking on monday, now I'm shaking
''')


def test_with_needs_one_of_its_patterns_anywhere_in_the_message():
    rules, problems = build(WITH)
    assert problems == []
    verdict = screen("day 2 off the booze. the kids are asleep. I am shaking all over", rules)
    assert verdict is not None and verdict.rule == "shaking_after_stopping" and verdict.category == "severe_withdrawal"
    assert screen("I stopped drinking and I'm shaking", rules).rule == "shaking_after_stopping"
    assert screen("I'm shaking with excitement", rules) is None
    assert screen("I stopped drinking and feel great", rules) is None


def test_with_is_checked_like_patterns():
    rules, problems = build(WITH.replace('        - "day # (sober|off the booze)"\n',
                                         '        - "day # (sober|off the booze"\n'))
    assert rules is None
    assert [p.code for p in problems] == ["BS601"]
    assert "never closed" in problems[0].message
    rules, problems = build(WITH.replace("stopped drinking on monday, now", "now"))
    assert rules is None
    assert "none of the 'with:' words" in problems[0].message


def test_a_harmless_phrase_does_not_count_as_the_with_words():
    text = WITH + 'harmless:\n  - "quit drinking coffee"\n'
    rules, problems = build(text)
    assert problems == []
    assert screen("I quit drinking coffee and I'm shaking", rules) is None
    assert screen("I quit drinking and I'm shaking", rules) is not None


def test_an_e_before_a_star_may_be_dropped():
    rules, problems = build(GOOD.replace('"(kill|end) myself"', '"unalive*"'))
    assert problems == []
    for text in ("unalive", "unalived", "unaliving myself"):
        assert screen(text, rules).rule == "kill_self", text
    assert screen("unalike", rules) is None


def test_with_words_must_be_outside_the_match():
    text = WITH.replace('"shak*"', '"shaking (since|after) (i|he) (stopped|quit) drinking"')
    text = text.replace("stopped drinking on monday, now I'm shaking", "quit drinking on monday, shaking since I quit drinking")
    rules, problems = build(text)
    assert problems == [], problems
    # the words of the match itself do not count as the `with:` words
    assert screen("shaking since I stopped drinking", rules) is None
    assert screen("day 3 off the booze, shaking since I stopped drinking", rules) is not None
    rules, problems = build(WITH.replace("stopped drinking on monday, now I'm shaking",
                                         "shaking since I stopped drinking"))
    assert rules is not None
    rules, problems = build(text.replace("quit drinking on monday, shaking since I quit drinking",
                                         "shaking since I quit drinking"))
    assert rules is None and "outside the words its pattern matched" in problems[0].message


def test_long_choices_are_merged_into_a_tree_that_matches_the_same_texts():
    import re

    from bot.safety.patterns import alternation
    options = ["he", "her", "hers", "she", "my friend", "my mum", "my friend s mum", "x (?:to|2)"]
    tree = re.compile(rf"\b{alternation(options)}\b")
    plain = re.compile(r"\b(?:" + "|".join(options) + r")\b")
    for text in ("he", "her", "hers", "she", "my friend", "my mum", "my friend s mum", "x to", "x 2",
                 "h", "my", "hersh", "my friend s", "x"):
        assert bool(tree.fullmatch(text)) == bool(plain.fullmatch(text)), text


def test_a_pattern_is_skipped_when_a_required_part_is_missing():
    rules, problems = build(GOOD.replace('"hurt {someone}"', '"(hurt|punch) {someone} (badly|again)"'))
    assert problems == []
    assert rules.candidates("i will hurt him") == []       # neither "badly" nor "again"
    assert rules.candidates("i will hurt him again") != []
    assert screen("gonna hurt my mate again", rules).category == "violence_abuse"


def test_hints_point_to_a_category_and_an_unknown_one_is_named():
    rules, problems = build(GOOD + 'hints:\n  overdose_medical:\n    - "(alone|by myself)"\n')
    assert not problems
    norm = rules.normaliser.normalise("using by myself tonight")
    assert rules.hinted(norm) == ("overdose_medical",)
    _, problems = build(GOOD + 'hints:\n  overdoses:\n    - "alone"\n')
    assert [p.code for p in problems] == ["BS101"] and "overdoses" in problems[0].message


def test_an_ask_rule_asks_first_alone_and_a_plain_rule_beside_it_answers_at_once():
    """`ask: true` (docs/safety.md, section 3): wording that is a crisis or everyday talk. Alone
    it gets "Are you safe right now?" first; with a plain match beside it, the full reply."""
    text = GOOD.replace(
        "  suicide_selfharm:\n",
        "  suicide_selfharm:\n"
        "    - id: on_a_bridge\n"
        "      description: on a bridge, said plainly\n"
        "      ask: true\n"
        "      patterns:\n"
        '        - "on the bridge"\n',
    )
    rules, problems = build(text)
    assert problems == []
    alone = screen("I'm on the bridge", rules)
    assert (alone.rule, alone.tier) == ("on_a_bridge", "ask")
    beside = screen("I'm on the bridge and I want to end myself", rules)
    assert (beside.category, beside.tier) == ("suicide_selfharm", "full")


def test_an_ask_key_that_is_not_true_or_false_is_refused_at_its_line():
    text = GOOD.replace("      description: overdose\n", "      description: overdose\n      ask: maybe\n")
    rules, problems = build(text)
    assert [(p.code, p.line) for p in problems] == [("BS102", 7)]
    assert "ask: true" in problems[0].hint


def test_marks_of_everyday_talk_take_no_typing_slip_from_a_rule_word():
    """A slip one letter from a rule word is read back to it; a word that only a mark of
    everyday talk uses never makes it ambiguous ("hist" stays "hits", not the mark's "heist"),
    since marks only ever quiet the screen."""
    with_mark = GOOD.replace(
        '        - "(kill|end) myself"',
        '        - "(kill|end) myself"\n    - id: hits_me\n      description: being hit\n'
        '      patterns:\n        - "hits me"',
    ) + 'frames:\n  everyday:\n    - "(heist|caper) film"\n'
    rules, problems = build(with_mark)
    assert not [p for p in problems if p.is_error]
    assert "heist" not in rules.normaliser.vocabulary
    if rules.normaliser.real_words:  # the slips are read only where the word list is installed
        assert rules.normaliser.reads_as("hist") == "hits"
        assert screen("he hist me", rules).rule == "hits_me"
    assert rules.everyday_talk(rules.normaliser.normalise("the heist film was good"))
