"""/menu in the middle of a practice asks first, keeps the place, and the menu leads back to it
(a timed step's clock starting again); what is known travels with the client."""
from __future__ import annotations

from bot.engine import Ask, Command, Pick, Say, Text, Timer, Wait

from .helpers import engine_for

MENU = """
start: pick
states:
  pick:
    say: What now?
    ask: menu
"""
SURF = """
start: rate
states:
  rate:
    say: How strong is the urge, 0 to 10?
    ask: scale
    save_as: urge
    next: watch
  watch:
    say: "Watch it for a while."
    after: 90s
    next: again
  again:
    say: Bigger, same or smaller?
    ask: choice
    choices: [Bigger, Same, Smaller]
    save_as: now
    next: done
  done:
    do:
      - remember: {substance: alcohol}
    say: "From {urge} to {now}."
    end: true
"""
CONTEXT = {"training": False, "role": "client"}


def engine(tmp_path):
    return engine_for(tmp_path, {"menu": MENU, "surf": SURF}, menu=["surf"],
                      commands={"menu": {"help": "Menu", "flow": "menu"}})


def ask(turn) -> Ask:
    return next(o for o in reversed(turn.outputs) if isinstance(o, Ask))


def press(e, turn, label: str):
    a = ask(turn)
    data = next(b.data for b in a.buttons if b.label == label)
    return e.step(turn.conversation, Pick(data, a.rev), CONTEXT)


def test_menu_mid_practice_asks_first_and_the_menu_leads_back(tmp_path) -> None:
    e = engine(tmp_path)
    turn = e.start("surf", CONTEXT)
    turn = e.step(turn.conversation, Text("6"), CONTEXT)  # now watching: a timed step
    watching = turn.conversation
    assert watching.waiting

    turn = e.step(watching, Command("menu"), CONTEXT)
    assert ask(turn).text == "<confirm_leave>" and turn.conversation.flow == "surf"
    stale = Timer(watching.rev)
    assert e.step(turn.conversation, stale, CONTEXT).outputs == []  # the old clock is gone

    turn = press(e, turn, "<confirm_no>")  # carry on: the step again, and its clock
    waits = [o for o in turn.outputs if isinstance(o, Wait)]
    assert [o.text for o in turn.outputs if isinstance(o, Say)] == ["Watch it for a while."]
    assert len(waits) == 1 and waits[0].rev == turn.conversation.rev

    turn = e.step(turn.conversation, Command("menu"), CONTEXT)
    turn = press(e, turn, "<confirm_yes>")
    assert turn.conversation.flow == "menu"
    assert [b.label for b in ask(turn).buttons] == ["<resume_practice>", "Surf"]

    turn = press(e, turn, "<resume_practice>")  # back where it was, the clock running again
    assert turn.conversation.flow == "surf" and turn.conversation.vars["urge"] == 6
    wait = next(o for o in turn.outputs if isinstance(o, Wait))
    turn = e.step(turn.conversation, Timer(wait.rev), CONTEXT)
    turn = press(e, turn, "Smaller")
    assert [o.text for o in turn.outputs if isinstance(o, Say)] == ["From 6 to Smaller."]
    assert turn.conversation.known == {"substance": "alcohol"}
    later = e.start("menu", CONTEXT, previous=turn.conversation)
    assert later.conversation.known == {"substance": "alcohol"}


def test_menu_before_anything_was_answered_just_goes(tmp_path) -> None:
    e = engine(tmp_path)
    turn = e.start("surf", CONTEXT)
    turn = e.step(turn.conversation, Command("menu"), CONTEXT)
    assert turn.conversation.flow == "menu"
    assert [b.label for b in ask(turn).buttons] == ["Surf"]
