"""The crisis screen runs before the flow in every state of every flow, through the terminal chat.

For each state that waits for the client (a question or a timed pause), the conversation is put
there, a crisis message is typed, and the client must get the crisis reply and the choice of what
next; "Go back" must return them to the very same step.
"""
from __future__ import annotations

import io

import pytest

from bot.console import TerminalChat
from bot.engine import Ask, Conversation, Engine, Text
from bot.partner import hook as practice_hook
from bot.wiring import build_companion
from persistence import Store, generate_key
from tests.content import content_of

CONTENT = content_of()
FLOWS = CONTENT.require()[0]
WAITING_STATES = [
    (flow.id, state.id)
    for flow in FLOWS.flows.values() if flow.id != FLOWS.crisis
    for state in flow.states.values() if state.ask is not None or state.after is not None
]
MESSAGES = {
    "overdose_medical": "my friend took too many pills and isnt breathing",
    "suicide_selfharm": "honestly i just want to die tonight",
}


@pytest.fixture
async def chat(tmp_path):
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'crisis.db'}",
                             data_key=generate_key(), sqlite_synchronous="OFF")  # throwaway
    companion = build_companion(CONTENT, store)
    await companion.prepare()
    out = io.StringIO()
    yield TerminalChat(companion, "crisis", out), out
    await store.close()


def test_every_flow_has_waiting_states():
    asking = {f.id for f in FLOWS.flows.values() if any(s.ask is not None or s.after is not None for s in f.states.values())}
    message_only = {"checkin_late", "checkin_nudge", "checkin_safety_offer"}  # a line or two, no question
    assert asking - {FLOWS.crisis} == set(FLOWS.flows) - {FLOWS.crisis} - message_only
    assert len({flow for flow, _ in WAITING_STATES}) == len(FLOWS.flows) - 1 - len(message_only)


@pytest.mark.parametrize("category", sorted(MESSAGES))
async def test_crisis_reply_comes_first_in_every_state_and_going_back_resumes(chat, category):
    terminal, out = chat
    companion = terminal.companion
    engine = Engine(FLOWS)
    offer = FLOWS.flows[FLOWS.crisis].states["offer"].lines[-1].text.source
    first_words = {"overdose_medical": "medical emergency", "suicide_selfharm": "a lot of pain"}[category]
    failures = []
    for flow_id, state_id in WAITING_STATES:
        conv = Conversation(flow_id, FLOWS.version, state_id, {}, rev=10)
        async with companion.store.turn(terminal.user_key) as t:
            t.set_conversation(conv.to_json(), flow_id, FLOWS.version)
        expected = next((o.text for o in engine.show(conv, {"role": "client"}) if isinstance(o, Ask)), None)
        reply = await terminal.send_line(MESSAGES[category])
        texts = [getattr(o, "text", "") for o in reply.messages]
        if not texts or first_words not in texts[0] or texts[-1] != offer:
            failures.append(f"{flow_id}.{state_id}: no crisis reply first ({texts[:1]})")
            continue
        back = await terminal.send_line("1")  # "Go back to what we were doing"
        if back.conversation.flow != flow_id or back.conversation.state != state_id:
            failures.append(f"{flow_id}.{state_id}: went back to {back.conversation.flow}.{back.conversation.state}")
        elif expected is not None and expected not in [getattr(o, "text", "") for o in back.messages]:
            failures.append(f"{flow_id}.{state_id}: the step's question was not shown again")
    assert not failures, "\n".join(failures)
    events = (await companion.store.export_user(terminal.user_key))["safety_events"]
    assert len(events) == len(WAITING_STATES)
    assert all(set(e) == {"at", "category"} and e["category"] == category for e in events)  # never the text


ASK_FIRST = {
    "negated": "I'm not suicidal but I drink every night",
}


async def test_an_unsure_verdict_asks_first_in_every_state_and_safe_goes_back(chat):
    """A negated match (and a message only the learned layer caught) gets "Are you safe right
    now?" first in every waiting state, not the crisis reply; "Yes, I'm safe" gets a kind line
    and the helplines a tap away, and "Go back" hands the held words to the very same step:
    the flow goes on exactly as if the screen had not fired."""
    terminal, out = chat
    companion = terminal.companion
    engine = Engine(FLOWS)
    crisis = FLOWS.flows[FLOWS.crisis]
    question = crisis.states["ask_safe"].lines[-1].text.source
    words = ASK_FIRST["negated"]
    assert companion.safety.screen(words).tier == "ask"
    failures = []
    for flow_id, state_id in WAITING_STATES:
        conv = Conversation(flow_id, FLOWS.version, state_id, {}, rev=10)
        async with companion.store.turn(terminal.user_key) as t:
            t.set_conversation(conv.to_json(), flow_id, FLOWS.version)
        unscreened = practice_hook.step(engine, conv, Text(words), {"role": "client"})
        expected = unscreened.conversation
        reply = await terminal.send_line(words)
        texts = [getattr(o, "text", "") for o in reply.messages]
        if texts != [question]:
            failures.append(f"{flow_id}.{state_id}: did not ask first ({texts[:1]})")
            continue
        safe = await terminal.send_line("1")  # "Yes, I'm safe"
        if "glad" not in safe.messages[0].text:
            failures.append(f"{flow_id}.{state_id}: no kind line after 'safe'")
        back = await terminal.send_line("1")  # "Go back to what we were doing"
        went = (back.conversation.flow, back.conversation.state)
        if went != (expected.flow, expected.state):
            failures.append(f"{flow_id}.{state_id}: went to {went}, not {expected.state}")
        elif expected.vars != back.conversation.vars:
            failures.append(f"{flow_id}.{state_id}: the held words were not the step's answer")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("answer", ["2", "3"])   # "No", "I'm not sure"
async def test_not_safe_or_not_sure_brings_the_full_reply(chat, answer):
    terminal, out = chat
    await terminal.companion.begin(terminal.user_key, "talk")
    asked = await terminal.send_line(ASK_FIRST["negated"])
    assert [o.text for o in asked.messages] == [
        FLOWS.flows[FLOWS.crisis].states["ask_safe"].lines[-1].text.source]
    full = await terminal.send_line(answer)
    texts = [getattr(o, "text", "") for o in full.messages]
    assert "a lot of pain" in texts[0] and "findahelpline.com" in texts[0]
    assert texts[-1] == FLOWS.flows[FLOWS.crisis].states["offer"].lines[-1].text.source
    back = await terminal.send_line("1")
    assert (back.conversation.flow, back.conversation.state) == ("talk", "welcome")


async def test_a_crisis_only_the_reader_reads_is_asked_about_then_answered(chat):
    """Wording no rule holds and the n-gram layer only leans towards: the reader screens it,
    through the screening thread, with the question first; "No" brings the full reply."""
    terminal, out = chat
    words = "no more fighting it. going down to the place by the river tonight, the deep bit"
    verdict = terminal.companion.safety.screen(words)
    assert (verdict.rule, verdict.tier) == ("reader", "ask")
    await terminal.companion.begin(terminal.user_key, "talk")
    asked = await terminal.send_line(words)
    assert [o.text for o in asked.messages] == [
        FLOWS.flows[FLOWS.crisis].states["ask_safe"].lines[-1].text.source]
    full = await terminal.send_line("2")  # "No"
    assert "a lot of pain" in full.messages[0].text
