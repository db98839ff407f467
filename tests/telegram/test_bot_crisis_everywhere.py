"""The crisis screen comes first in every waiting state of every flow, through the real
Telegram Application (offline): the conversation is put in each state, a crisis message is sent,
and the client must get the crisis reply and the crisis flow's buttons; "go back" returns them
to the very same step."""
from __future__ import annotations

from bot.engine import Conversation

from .bot_harness import OfflineBot

MESSAGE = "honestly i just want to die tonight"


async def test_crisis_reply_first_in_every_waiting_state(tmp_path, recording_request):
    async with OfflineBot(tmp_path, recording_request) as bot:
        flows = bot.flowset
        crisis = flows.flows[flows.crisis]
        offer = crisis.states["offer"]   # what next, after the full reply
        labels = [c.label.render({}) for c in offer.choices]
        go_back = next(c for c in offer.choices if c.id == "go_on").label.render({})
        reply = bot.companion.safety.crisis_reply(bot.companion.safety.screen(MESSAGE), None)
        waiting = [(f.id, s.id) for f in flows.flows.values() if f.id != flows.crisis
                   for s in f.states.values() if s.ask is not None or s.after is not None]
        failures = []
        for rev, (flow_id, state_id) in enumerate(waiting, 10):
            conv = Conversation(flow_id, flows.version, state_id, {}, rev=rev * 10)
            async with bot.store.turn(f"tg:{bot.user}") as t:
                t.set_conversation(conv.to_json(), flow_id, flows.version)
            calls = await bot.text(MESSAGE)
            texts = bot.texts(calls)
            if texts[: len(reply)] != reply or bot.labels(bot.sent(calls)[-1]) != labels:
                failures.append(f"{flow_id}.{state_id}: no crisis reply first")
                continue
            await bot.press(go_back)
            async with bot.store.turn(f"tg:{bot.user}") as t:
                back = Conversation.from_json(t.conversation)
            if (back.flow, back.state) != (flow_id, state_id):
                failures.append(f"{flow_id}.{state_id}: went back to {back.flow}.{back.state}")
        assert not failures, "\n".join(failures)
        assert len(bot.sql("SELECT category FROM safety_events")) == len(waiting)
