"""Typed answers through the engine: commands with one-tap confirmation, ambiguity, Something
else, scales and timed steps (docs/answers.md). The words are the test flow set's `<key>`s."""
from __future__ import annotations

import pytest

from bot.engine import Ask, End, Pick, Say, Text, check_registry

from .helpers import engine_for, write_flowset

FLOW = """
start: ready
states:
  ready:
    say: Ready?
    ask: choice
    choices:
      - label: Yes, let's start
        id: go
        next: feeling
      - label: Not right now
        id: later
        next: bye
  feeling:
    say: What's on your mind?
    ask: text
    save_as: concern
    next: echo
  echo:
    say: "So {concern}."
    next: zone
  zone:
    say: Which time zone?
    ask: choice
    choices: [Eastern Europe, Central Europe, India]
    save_as: zone
    next: drink
  drink:
    say: What is it about?
    ask: choice
    choices:
      - Alcohol
      - label: Something else
        id: other
        next: which
        other: true
    save_as: substance
    next: named
  which:
    say: Which one?
    ask: text
    save_as: substance
    next: named
  named:
    say: "About {substance}."
    next: rate
  rate:
    say: How strong, 0 to 10?
    ask: scale
    save_as: urge
    next: pause
  pause:
    say: Breathe for a minute.
    after: 60s
    next: bye
  bye:
    say: Bye.
    end: true
"""
MENU = """
start: choose
states:
  choose:
    say: Pick one.
    ask: menu
"""
COMMANDS = {"stop": {"help": "Stop", "action": "stop"}, "menu": {"help": "Menu", "flow": "menu"},
            "help": {"help": "Help", "say": "How this works."}}
CONTEXT = {"role": "client"}


@pytest.fixture
def engine(tmp_path):
    return engine_for(tmp_path, {"practice": FLOW, "menu": MENU}, commands=COMMANDS,
                      menu=["practice"], home="menu", start="practice")


def at(engine, state: str):
    turn = engine.start("practice", CONTEXT)
    conv = turn.conversation.evolve(state=state)
    return conv


def words(turn) -> list[str]:
    return [o.text for o in turn.outputs if isinstance(o, (Say, Ask))]


def test_typed_yes_taps_the_yes_button(engine):
    turn = engine.step(at(engine, "ready"), Text("yeah ok"), CONTEXT)
    assert words(turn) == ["What's on your mind?"]


def test_stop_at_a_text_step_asks_first_and_yes_stops(engine):
    turn = engine.step(at(engine, "feeling"), Text("stop"), CONTEXT)
    ask = turn.outputs[-1]
    assert words(turn) == ["<confirm_stop>"]
    assert [b.label for b in ask.buttons] == ["<confirm_yes>", "<confirm_no>"]
    done = engine.step(turn.conversation, Pick(ask.buttons[0].data, ask.rev), CONTEXT)
    assert done.conversation.ended and isinstance(done.outputs[-1], End)
    assert words(done) == ["<stopped>"]


def test_carry_on_keeps_the_typed_words_as_the_answer(engine):
    turn = engine.step(at(engine, "feeling"), Text("I want to stop"), CONTEXT)
    ask = turn.outputs[-1]
    carried = engine.step(turn.conversation, Pick(ask.buttons[1].data, ask.rev), CONTEXT)
    assert words(carried) == ["So I want to stop.", "Which time zone?"]
    assert "_confirm" not in carried.conversation.vars


@pytest.mark.parametrize("typed, expected", [
    ("yes", ["<stopped>"]), ("stop", ["<stopped>"]), ("no carry on", ["So stop.", "Which time zone?"]),
    ("nah", ["So stop.", "Which time zone?"]),
    ("work is getting to me", ["So work is getting to me.", "Which time zone?"]),
])
def test_the_confirmation_can_be_typed_too(engine, typed, expected):
    turn = engine.step(at(engine, "feeling"), Text("stop"), CONTEXT)
    assert words(engine.step(turn.conversation, Text(typed), CONTEXT)) == expected


def test_an_old_button_during_the_confirmation_is_stale(engine):
    conv = at(engine, "ready")
    old = engine.show(conv, CONTEXT)[-1]
    turn = engine.step(engine.step(conv, Pick("go", old.rev), CONTEXT).conversation, Text("menu"), CONTEXT)
    assert words(turn) == ["<confirm_menu>"]
    stale = engine.step(turn.conversation, Pick("later", turn.outputs[-1].rev - 1), CONTEXT)
    assert stale.stale and words(stale) == ["<expired>", "<confirm_menu>"]
    assert engine.show(turn.conversation, CONTEXT)[-1].text == "<confirm_menu>"
    menu = engine.step(turn.conversation, Pick("_yes", turn.outputs[-1].rev), CONTEXT)
    assert menu.conversation.flow == "menu"


def test_commands_at_button_steps_run_at_once(engine):
    stopped = engine.step(at(engine, "zone"), Text("can we stop"), CONTEXT)
    assert stopped.conversation.ended and words(stopped) == ["<stopped>"]
    helped = engine.step(at(engine, "zone"), Text("help"), CONTEXT)
    assert words(helped) == ["How this works.", "Which time zone?"]
    menu = engine.step(at(engine, "ready"), Text("take me back to the menu"), CONTEXT)
    assert menu.conversation.flow == "menu"


def test_stop_during_a_timed_step_stops(engine):
    conv = at(engine, "pause").evolve(waiting=True)
    assert words(engine.step(conv, Text("i want to stop now"), CONTEXT)) == ["<stopped>"]
    assert words(engine.step(conv, Text("ok"), CONTEXT)) == ["<waiting>"]


def test_ambiguous_words_show_just_the_buttons_that_fit(engine):
    conv = at(engine, "zone")
    turn = engine.step(conv, Text("europe"), CONTEXT)
    ask = turn.outputs[-1]
    assert words(turn) == ["<ambiguous>"]
    assert [b.label for b in ask.buttons] == ["Eastern Europe", "Central Europe"]
    assert turn.conversation == conv  # nothing changed: the step's own buttons still work
    picked = engine.step(turn.conversation, Pick(ask.buttons[1].data, ask.rev), CONTEXT)
    assert picked.conversation.vars["zone"] == "Central Europe"


@pytest.mark.parametrize("typed", ["centrl europe", "the second one", "2", "europe central", "CENTRAL"])
def test_labels_are_matched_loosely(engine, typed):
    turn = engine.step(at(engine, "zone"), Text(typed), CONTEXT)
    assert turn.conversation.vars["zone"] == "Central Europe"


def test_something_else_takes_the_typed_words(engine):
    turn = engine.step(at(engine, "drink"), Text("ketamine"), CONTEXT)
    assert words(turn)[0] == "About ketamine."
    pressed = engine.step(at(engine, "drink"), Pick("other", at(engine, "drink").rev), CONTEXT)
    assert words(pressed) == ["Which one?"]
    assert words(engine.step(at(engine, "drink"), Text("alcohol"), CONTEXT))[0] == "About Alcohol."


def test_a_command_at_a_something_else_step_is_confirmed(engine):
    turn = engine.step(at(engine, "drink"), Text("stop"), CONTEXT)
    assert words(turn) == ["<confirm_stop>"]


@pytest.mark.parametrize("typed, value", [("7", 7), ("seven", 7), ("a 7", 7), ("7/10", 7),
                                          ("about 6", 6), ("10!!", 10)])
def test_scales_read_numbers_as_people_write_them(engine, typed, value):
    turn = engine.step(at(engine, "rate"), Text(typed), CONTEXT)
    assert turn.conversation.vars["urge"] == value


def test_a_hedged_number_asks_which(engine):
    turn = engine.step(at(engine, "rate"), Text("6 or 7"), CONTEXT)
    assert words(turn) == ["<ambiguous>"]
    assert [b.label for b in turn.outputs[-1].buttons] == ["6", "7"]


def test_words_after_the_end_can_be_a_command(engine):
    ended = engine.step(at(engine, "zone"), Text("stop"), CONTEXT).conversation
    assert words(engine.step(ended, Text("help"), CONTEXT)) == ["How this works."]
    assert engine.step(ended, Text("hello"), CONTEXT).conversation.flow == "menu"


@pytest.mark.parametrize("choices, code", [
    ("[{label: A, other: true}, {label: B, other: true}]", "BS105"),
    ("[{label: A, other: 'yes'}, B]", "BS102"),
])
def test_other_is_checked(tmp_path, choices, code):
    flow = f"start: a\nstates:\n  a:\n    say: Q?\n    ask: choice\n    choices: {choices}\n" \
           "    next: b\n  b:\n    say: Bye.\n    end: true\n"
    _, problems = check_registry(write_flowset(tmp_path, {"f": flow}))
    assert code in [p.code for p in problems]


def test_other_needs_the_states_own_next(tmp_path):
    flow = ("start: a\nstates:\n  a:\n    say: Q?\n    ask: choice\n    choices:\n"
            "      - {label: A, next: b}\n      - {label: B, next: b, other: true}\n"
            "  b:\n    say: Bye.\n    end: true\n")
    _, problems = check_registry(write_flowset(tmp_path, {"f": flow}))
    assert "BS103" in [p.code for p in problems]


def test_a_practice_named_after_the_end_starts_it(engine):
    ended = engine.step(at(engine, "zone"), Text("stop"), CONTEXT).conversation
    turn = engine.step(ended, Text("the practice please"), CONTEXT)
    assert turn.conversation.flow == "practice" and words(turn) == ["Ready?"]


def test_two_numbers_at_a_choice_step_ask_which(engine):
    turn = engine.step(at(engine, "zone"), Text("1 or 2"), CONTEXT)
    assert [b.label for b in turn.outputs[-1].buttons] == ["Eastern Europe", "Central Europe"]


@pytest.mark.parametrize("typed, command", [
    ("stop", "stop"), ("I want to stop", "stop"), ("can we stop", "stop"), ("STOP!!", "stop"),
    ("i wanna quit this", "stop"), ("im done", "stop"), ("menu", "menu"),
    ("take me back to the menu", "menu"), ("can we go back to the main menu please", "menu"),
    ("help", "help"), ("how does this work?", "help"),
    ("I want to stop drinking", None), ("stop judging me", None), ("i want to end it", None),
    ("the menu at the pub", None), ("help me stop", None), ("I can't stop", None),
])
def test_typed_commands_are_only_whole_requests(typed, command):
    from bot.engine.matching import command_of

    assert command_of(typed) == command


@pytest.mark.parametrize("typed, value", [
    ("7", 7.0), ("seven", 7.0), ("about 6", 6.0), ("7,5", 7.5), ("-3", -3.0), ("12.25", 12.25),
    ("6 or 7", None), ("6-7", None), ("lots", None), ("1e9", None), ("nan", None),
])
def test_numbers_are_read_as_written(typed, value):
    from bot.engine.answers import parse_number

    assert parse_number(typed) == value


@pytest.mark.parametrize("labels, typed, picked", [
    (("I agree", "No thanks"), "ok", 0), (("I agree", "No thanks"), "nah", 1),
    (("I'm 18 or older", "I'm under 18"), "yes", 0), (("I'm 18 or older", "I'm under 18"), "no", 1),
    (("Doing okay", "Not great"), "not really", 1),
    (("Keep going", "Take a break"), "yes", None),  # neither is a yes: ask again
    (("Chart", "Words only"), "yes", None),
])
def test_yes_and_no_buttons_are_read_from_any_labels(labels, typed, picked):
    from bot.engine.matching import match

    reading = match(typed, labels)
    assert reading.picked == (() if picked is None else (picked,))
