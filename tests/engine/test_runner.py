"""The engine driven event by event, asserting on what a client would see."""
from __future__ import annotations

import json

import pytest

from bot.engine import Ask, Command, Conversation, End, EngineError, Note, Pick, Say, Text, Timer, Wait

from .helpers import engine_for

URGE = """
start: rate
states:
  rate:
    say:
      - text: Let's check in.
        tag: information
        note: Sets expectations.
      - text: How strong is the urge, 0 to 10?
        tag: question.closed
        note: A scale gives a baseline.
    ask: scale
    save_as: urge
    next:
      - if: urge >= 7
        to: high
      - to: low
  high:
    say: "{urge} is strong. Let's breathe together for a moment."
    after: 90s
    next: again
  low:
    set:
      level: "{urge}"
    say: "A {level} — thanks for noticing it."
    next: pick
  again:
    say: Bigger, same or smaller?
    ask: choice
    choices:
      - label: Bigger
        next: pick
      - label: Same
        next: pick
      - label: Smaller
        flow: other
  pick:
    say: "Which of these helps? Pick any."
    ask: multi
    choices: [Walk, Music, Water]
    save_as: helps
    next: summary
  summary:
    say: "You picked {helps|list}. Your urge was {urge}."
    end: true
"""
OTHER = """
start: hello
states:
  hello:
    say: What time suits you?
    ask: time
    save_as: at
    next: sure
  sure:
    say: "{at}? Is that right?"
    ask: yesno
    save_as: ok
    next:
      - if: ok == 'yes'
        to: how_many
      - to: hello
  how_many:
    say: How many days, 1 to 7?
    ask: number
    range: [1, 7]
    save_as: days
    next: back
  back:
    say: "{days} days at {at}."
    resume: true
"""
CONTEXT = {"training": False, "role": "client"}


@pytest.fixture
def engine(tmp_path):
    return engine_for(tmp_path, {"urge": URGE, "other": OTHER},
                      commands={"stop": {"help": "Stop", "action": "stop"},
                                "help": {"help": "Help", "say": "I'm a bot."},
                                "other": {"help": "Other", "flow": "other"}})


def texts(outputs):
    return [o.text for o in outputs if isinstance(o, (Say, Ask, Note))]


def test_scale_condition_timer_and_multi(engine):
    turn = engine.start("urge", CONTEXT)
    assert texts(turn.outputs) == ["Let's check in.", "How strong is the urge, 0 to 10?"]
    ask = turn.outputs[-1]
    assert [b.label for b in ask.buttons] == [str(n) for n in range(11)]
    turn = engine.step(turn.conversation, Pick("8", ask.rev), CONTEXT)
    assert texts(turn.outputs) == ["8 is strong. Let's breathe together for a moment."]
    wait = turn.outputs[-1]
    assert isinstance(wait, Wait) and wait.seconds == 90
    conv = turn.conversation
    assert conv.waiting and conv.state == "high"
    assert texts(engine.step(conv, Text("hello?"), CONTEXT).outputs) == ["<waiting>"]
    assert engine.step(conv, Timer(wait.rev - 1), CONTEXT).outputs == []  # an old timer does nothing
    turn = engine.step(conv, Timer(wait.rev), CONTEXT)
    assert texts(turn.outputs) == ["Bigger, same or smaller?"]
    turn = engine.step(turn.conversation, Text("same"), CONTEXT)
    assert texts(turn.outputs) == ["Which of these helps? Pick any."]
    ask = turn.outputs[-1]
    assert [b.label for b in ask.buttons] == ["Walk", "Music", "Water", "<multi_done>"]
    turn = engine.step(turn.conversation, Pick("_done", ask.rev), CONTEXT)
    assert texts(turn.outputs) == ["<multi_empty>", "Which of these helps? Pick any."]
    turn = engine.step(turn.conversation, Pick("walk", ask.rev), CONTEXT)
    ask = turn.outputs[-1]
    assert [b.label for b in ask.buttons][:3] == ["<chosen_prefix>Walk", "Music", "Water"]
    turn = engine.step(turn.conversation, Pick("water", ask.rev), CONTEXT)
    ask = turn.outputs[-1]
    turn = engine.step(turn.conversation, Pick("_done", ask.rev), CONTEXT)
    assert texts(turn.outputs) == ["You picked Walk and Water. Your urge was 8."]
    assert isinstance(turn.outputs[-1], End) and turn.conversation.ended


def test_typed_answers_are_parsed_or_kindly_refused(engine):
    turn = engine.start("urge", CONTEXT)
    conv = turn.conversation
    for bad, message in (("eleven", "<invalid_scale>"), ("", "<empty>"), ("\x00\x07", "<empty>"),
                         ("x" * 5000, "<too_long>"), ("7 and a half metres", "<invalid_scale>")):
        again = engine.step(conv, Text(bad), CONTEXT)
        assert texts(again.outputs) == [message, "How strong is the urge, 0 to 10?"]
        assert again.conversation == conv  # nothing changed, nothing lost
    turn = engine.step(conv, Text("three"), CONTEXT)
    assert texts(turn.outputs) == ["A 3 — thanks for noticing it.", "Which of these helps? Pick any."]
    turn = engine.step(turn.conversation, Text("music, dancing"), CONTEXT)
    assert texts(turn.outputs)[0] == "<not_understood>"
    turn = engine.step(turn.conversation, Text("Music, walk"), CONTEXT)
    assert texts(turn.outputs) == ["You picked Music and Walk. Your urge was 3."]


def test_stale_button_is_answered_and_the_step_shown_again(engine):
    turn = engine.start("urge", CONTEXT)
    old = turn.outputs[-1]
    turn = engine.step(turn.conversation, Pick("2", old.rev), CONTEXT)
    stale = engine.step(turn.conversation, Pick("9", old.rev), CONTEXT)
    assert texts(stale.outputs) == ["<expired>", "Which of these helps? Pick any."]
    assert stale.conversation == turn.conversation


def test_text_where_a_button_is_expected_shows_the_buttons_again(engine):
    turn = engine.start("urge", CONTEXT)
    turn = engine.step(turn.conversation, Text("9"), CONTEXT)
    turn = engine.step(turn.conversation, Timer(turn.outputs[-1].rev), CONTEXT)
    again = engine.step(turn.conversation, Text("I don't know, it's weird 😵‍💫"), CONTEXT)
    assert texts(again.outputs) == ["<not_understood>", "Bigger, same or smaller?"]
    assert [b.label for b in again.outputs[-1].buttons] == ["Bigger", "Same", "Smaller"]


def test_flow_jump_time_yesno_number_and_resume(engine):
    turn = engine.start("urge", CONTEXT)
    turn = engine.step(turn.conversation, Text("9"), CONTEXT)
    turn = engine.step(turn.conversation, Timer(turn.outputs[-1].rev), CONTEXT)
    turn = engine.step(turn.conversation, Text("Smaller"), CONTEXT)
    assert turn.conversation.flow == "other"
    assert texts(turn.outputs) == ["What time suits you?"]
    conv = turn.conversation
    assert texts(engine.step(conv, Text("25:00"), CONTEXT).outputs)[0] == "<invalid_time>"
    turn = engine.step(conv, Text("8.30pm"), CONTEXT)
    assert texts(turn.outputs) == ["20:30? Is that right?"]
    turn = engine.step(turn.conversation, Text("nope"), CONTEXT)
    assert texts(turn.outputs) == ["What time suits you?"]
    turn = engine.step(turn.conversation, Text("noon"), CONTEXT)
    turn = engine.step(turn.conversation, Pick("yes", turn.outputs[-1].rev), CONTEXT)
    assert texts(engine.step(turn.conversation, Text("9"), CONTEXT).outputs)[0] == "<invalid_number>"
    turn = engine.step(turn.conversation, Text("3"), CONTEXT)
    # no paused conversation to resume: the home flow starts
    assert texts(turn.outputs)[0] == "3 days at 12:00."
    assert turn.conversation.flow == "urge"


def test_interrupt_pauses_and_resume_shows_the_step_again(engine):
    turn = engine.start("urge", CONTEXT)
    turn = engine.step(turn.conversation, Text("2"), CONTEXT)
    paused_at = turn.conversation
    turn = engine.interrupt(paused_at, "other", CONTEXT)
    assert turn.conversation.paused == paused_at
    for answer in ("7am", "yes", "2"):
        turn = engine.step(turn.conversation, Text(answer), CONTEXT)
    assert texts(turn.outputs) == ["2 days at 07:00.", "Which of these helps? Pick any."]
    assert turn.conversation.flow == "urge" and turn.conversation.state == "pick"
    assert turn.conversation.rev > paused_at.rev  # buttons from before the interruption are stale


def test_commands(engine):
    turn = engine.start("urge", CONTEXT)
    conv = turn.conversation
    assert texts(engine.step(conv, Command("nope"), CONTEXT).outputs) == ["<unknown_command>", "Let's check in.", "How strong is the urge, 0 to 10?"]
    assert texts(engine.step(conv, Command("help"), CONTEXT).outputs)[0] == "I'm a bot."
    stopped = engine.step(conv, Command("stop"), CONTEXT)
    assert isinstance(stopped.outputs[-1], End) and stopped.conversation.ended
    restarted = engine.step(stopped.conversation, Text("hi"), CONTEXT)
    assert restarted.conversation.flow == "urge" and not restarted.conversation.ended
    other = engine.step(conv, Command("other"), CONTEXT)
    assert other.conversation.flow == "other" and other.conversation.rev > conv.rev


def test_notes_only_with_training(engine):
    plain = engine.start("urge", CONTEXT)
    assert not [o for o in plain.outputs if isinstance(o, Note)]
    trained = engine.start("urge", {**CONTEXT, "training": True})
    assert [o.text for o in trained.outputs if isinstance(o, Note)] == ["Sets expectations.", "A scale gives a baseline."]


def test_state_round_trips_as_small_versioned_json(engine):
    turn = engine.start("urge", CONTEXT)
    turn = engine.step(turn.conversation, Text("9"), CONTEXT)
    paused = engine.interrupt(turn.conversation, "other", CONTEXT).conversation
    data = json.loads(json.dumps(paused.to_json()))
    assert data["v"] == 1 and Conversation.from_json(data) == paused
    with pytest.raises(ValueError):
        Conversation.from_json({**data, "v": 99})


def test_a_conversation_on_another_version_is_refused(engine):
    conv = engine.start("urge", CONTEXT).conversation.evolve(version="0000")
    with pytest.raises(EngineError):
        engine.step(conv, Text("1"), CONTEXT)


def test_trail_records_states_and_choices(engine):
    turn = engine.start("urge", CONTEXT)
    turn = engine.step(turn.conversation, Text("1"), CONTEXT)
    assert turn.trail == [("urge", "low", None), ("urge", "pick", None)]
    turn = engine.step(turn.conversation, Text("walk"), CONTEXT)
    assert ("urge", "pick", "walk") in turn.trail


SET_AND_WAIT = """
start: first
states:
  first:
    set:
      level: "{payload|default:calm}"
    say: "Starting at {level}."
    next:
      - if: level == 'calm'
        to: pause
      - to: other
  other:
    say: Not calm.
    end: true
  pause:
    say: "Still {level}. Take a minute, or go on now."
    after: 60s
    ask: choice
    choices:
      - label: Go on now
        id: now
    next: after
  after:
    say: "Done, {level}."
    end: true
"""


def test_set_on_a_silent_step_reaches_conditions_and_later_steps(tmp_path):
    engine = engine_for(tmp_path, {"flow": SET_AND_WAIT})
    turn = engine.start("flow", CONTEXT)
    assert texts(turn.outputs) == ["Starting at calm.", "Still calm. Take a minute, or go on now."]
    assert turn.conversation.vars["level"] == "calm"


def test_a_timed_step_with_buttons_waits_and_can_be_left_early(tmp_path):
    engine = engine_for(tmp_path, {"flow": SET_AND_WAIT})
    turn = engine.start("flow", CONTEXT)
    conv = turn.conversation
    assert conv.waiting and [o.seconds for o in turn.outputs if isinstance(o, Wait)] == [60]
    by_timer = engine.step(conv, Timer(conv.rev), CONTEXT)
    assert texts(by_timer.outputs) == ["Done, calm."]
    early = engine.step(conv, Pick("now", turn.outputs[-2].rev), CONTEXT)
    assert texts(early.outputs) == ["Done, calm."]
    assert engine.step(early.conversation, Timer(conv.rev), CONTEXT).outputs == []  # the old timer is spent
