"""The practice on scripted trainee runs: the persona's answers, the hint, the feedback, the
transcript, and the whole thing through the real pipeline (SQLite), a restart included."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import Companion, ask_of
from bot.engine import Ask, Pick, Say, Text, load_registry
from bot.partner import practice
from bot.partner.coder import CODES, Coded, shipped
from bot.partner.content import PartnerContent, load
from persistence import Store, generate_key

ROOT = Path(__file__).resolve().parents[2]

# Written for these tests (not in the coder's corpus): what a reflective trainee might say ...
REFLECTIVE = [
    "So you're here because someone else thought you should be.",
    "It sounds like it does a real job for you at the end of the day.",
    "You're a bit fed up with people deciding things for you.",
    "Part of you enjoys it, and part of you is tired of what it costs.",
    "You've been thinking about this more than you let on.",
    "It's your call what happens next.",
    "What would you want to be different, if anything?",
    "You'd like things to feel more in your control.",
    "The people you love matter a great deal to you.",
    "So the nights off felt better than you expected.",
    "You're wondering if a small change would be worth trying.",
    "You want to keep what's good about it and lose the worst of it.",
]
# ... and one who only asks closed questions.
QUESTIONS = [
    "Do you use every day?", "How much do you spend a week?", "Is it worse at weekends?",
    "Have you tried to stop?", "Does your family know?", "Are you working at the moment?",
    "Do you use on your own?", "Did you use yesterday?", "Is your health okay?",
    "Would you see a doctor?", "Do you want to cut down?", "Can you stop for a week?",
]


@pytest.fixture(scope="module")
def content() -> PartnerContent:
    loaded, problems = load(ROOT)
    assert loaded is not None, problems
    return loaded


def run(content: PartnerContent, persona: str, lines: list[str],
        goal: str = "reflections") -> practice.State:
    who = content.personas[persona]
    state = practice.begin(who, goal)
    for line in lines:
        state = practice.reply(state, who, line, shipped())
    return state


@pytest.mark.parametrize("persona", ["dan", "jo", "kai", "alex"])
def test_a_reflective_run_scores_good_and_a_questioning_run_scores_low(
        content: PartnerContent, persona: str) -> None:
    good = practice.Scores.of(run(content, persona, REFLECTIVE)).measures()
    poor = practice.Scores.of(run(content, persona, QUESTIONS)).measures()
    th = content.words.thresholds
    assert good["ratio"] is not None and good["ratio"] >= th["ratio"][1]
    assert good["complex"] is not None and good["complex"] >= th["complex"][0]
    assert poor["ratio"] == 0 and poor["open"] is not None and poor["open"] < th["open"][0]
    text = practice.feedback(run(content, persona, QUESTIONS), content.personas[persona],
                             content.words)
    assert "below fair" in text and "try some next time" in text


def test_the_persona_answers_by_the_code_of_each_reply(content: PartnerContent) -> None:
    dan = content.personas["dan"]
    said = lambda state: state["client"]  # noqa: E731
    complex_ = run(content, "dan",
                   ["You're worried the drinking is starting to cost you more than it gives."])
    assert said(complex_) in [line.say for line in dan.pools["change_talk"]]
    closed = run(content, "dan", ["Do you drink at lunchtime?"])
    assert said(closed) in [line.say for line in dan.pools["question_closed"]]
    advice = run(content, "dan", ["You should stop drinking on work nights."])
    assert said(advice) in [line.say for line in dan.pools["push_back"]]
    asked = run(content, "dan", QUESTIONS[:3])   # a third question in a row
    assert said(asked) in [line.say for line in dan.pools["push_back"]]
    warm = run(content, "dan", ["You've been really honest with me about a hard subject."])
    assert said(warm) in [line.say for line in dan.pools["affirmation"]]


class _Always:
    """Codes every line the same: to walk one kind of answer to its end."""

    def __init__(self, code: str) -> None:
        self.code_name = code

    def code(self, _line: str) -> Coded:
        return Coded(self.code_name, 1.0)


@pytest.mark.parametrize("code", CODES)
def test_fifteen_replies_of_one_kind_never_repeat_a_line(content: PartnerContent,
                                                         code: str) -> None:
    for persona in content.personas.values():
        state = practice.begin(persona, "sustain_talk")
        said = [state["client"]]
        for n in range(15):
            state = practice.reply(state, persona, f"reply {n}", _Always(code))  # type: ignore[arg-type]
            said.append(state["client"])
        assert len(set(said)) == len(said), (persona.id, code)


def test_hint_and_redo_offer_a_stronger_move(content: PartnerContent) -> None:
    dan = content.personas["dan"]
    state = run(content, "dan", ["Do you think you have a problem?"])
    hint = practice.hint(state, dan, content.words)
    assert "closed question" in hint and str(dan.opening.better) in hint
    worked, redo = practice.choose_lines(run(content, "dan", REFLECTIVE[:4] + QUESTIONS[:1]))
    assert len(worked) == 2 and all(t["code"].startswith("reflection") for t in worked)
    assert redo is not None and redo["line"] == QUESTIONS[0]


def test_the_transcript_shows_every_reply_with_its_code(content: PartnerContent) -> None:
    state = run(content, "kai", REFLECTIVE[:3])
    text = practice.transcript(state, content.personas["kai"], content.words)
    for turn in state["turns"]:
        assert f"You [{turn['code']}, " in text and turn["line"] in text
    assert "Kai: " + content.personas["kai"].opening.say in text


async def test_a_practice_through_the_pipeline_survives_a_restart_and_exports(
        tmp_path: Path) -> None:
    flows = load_registry(ROOT / "flows.yaml")
    url = f"sqlite+aiosqlite:///{tmp_path / 'p.db'}"
    key = generate_key()
    store = await Store.open(url, data_key=key)
    companion = Companion(flows, store)
    async with store.turn("cli:t") as t:
        t.update_profile(consent=True, role="trainee")
    reply = await companion.begin("cli:t", "practise")

    async def press(label: str) -> None:
        nonlocal reply
        ask = ask_of(reply.outputs)
        assert ask is not None
        data = next(b.data for b in ask.buttons if b.label.startswith(label))
        reply = await companion.handle("cli:t", Pick(data, ask.rev))

    await press("Jo")
    await press("Reflections")
    for line in REFLECTIVE[:3]:
        reply = await companion.handle("cli:t", Text(line))
    await store.close()
    store = await Store.open(url, data_key=key)   # a restart: only what was committed
    companion = Companion(flows, store)
    reply = await companion.current("cli:t")
    assert reply.messages[0].text.startswith("Jo: ")
    await press("Finish")
    assert "3 replies coded" in reply.messages[0].text
    await press("Send me the transcript")
    files = await companion.after_commit("cli:t", reply)
    name, data = files[0]
    assert name == "practice-jo-transcript.txt"
    assert all(line in data.decode() for line in REFLECTIVE[:3])
    assert "You [reflection." in data.decode()
    await store.close()


async def test_a_reply_that_looks_like_a_command_is_kept_after_carry_on(tmp_path: Path) -> None:
    flows = load_registry(ROOT / "flows.yaml")
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'c.db'}", data_key=generate_key())
    companion = Companion(flows, store)
    async with store.turn("cli:c") as t:
        t.update_profile(consent=True, role="trainee")
    reply = await companion.begin("cli:c", "practise")
    for label in ("Dan", "Reflections"):
        ask = ask_of(reply.outputs)
        assert ask is not None
        data = next(b.data for b in ask.buttons if b.label.startswith(label))
        reply = await companion.handle("cli:c", Pick(data, ask.rev))
    reply = await companion.handle("cli:c", Text("stop"))   # "stop?" asked first
    ask = ask_of(reply.outputs)
    assert ask is not None and ask.text == flows.messages["confirm_stop"].source
    carry_on = next(b.data for b in ask.buttons if b.label.startswith("No"))
    reply = await companion.handle("cli:c", Pick(carry_on, ask.rev))
    first = reply.messages[0]
    assert isinstance(first, (Say, Ask)) and first.text.startswith("Dan: ")
    async with store.turn("cli:c") as t:
        conv, _engine = await companion._load(t)
    assert conv is not None and conv.vars["practice"]["turns"][0]["line"] == "stop"
    await store.close()
