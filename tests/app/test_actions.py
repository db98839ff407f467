"""Every action a flow may name is carried out by the host: none is silently ignored."""
from __future__ import annotations

from bot.app import Companion
from bot import effects
from bot.effects import AFTER_COMMIT
from bot.engine import Effect, load_registry
from bot.engine.actions import ACTIONS, COMMAND_ACTIONS
from persistence import Store, generate_key
from tests.paths import FLOWS

SAMPLE = {"rating": 6, "section": "amount", "text": "two drinks", "alternative": "walk", "answer": "fine",
          "consent": "yes", "country": "GB", "mood": 5, "urge": 3, "vs_plan": "as planned", "note": "ok",
          "substance": "alcohol", "phase": "start"}


async def test_every_action_has_a_handler(tmp_path):
    flows = load_registry(FLOWS)
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'a.db'}", data_key=generate_key())
    companion = Companion(flows, store)
    await companion.begin("cli:actions", flows.home)
    names = [n for n in list(ACTIONS) + list(COMMAND_ACTIONS)
             if n not in AFTER_COMMIT and n not in (effects.ERASE, "stop")]  # erasing: an erase job
    async with store.turn("cli:actions") as t:
        conv, engine = await companion._load(t)
        context = companion._context(t.profile, None, conv)
        for name in names:
            spec = ACTIONS.get(name)
            args = {k: SAMPLE[k] for k in (spec.args if spec else ()) if k in SAMPLE}
            await effects.apply(effects.Here(t, Effect(name, args, at=0), conv, engine, context, flows.messages, []))
    async with store.turn("cli:actions") as t:
        assert t.profile["country"] == "GB" and t.profile["preferences"]["alternatives"]["walk"] == [6.0, 1]
        assert (await t.current_plan("alcohol"))["sections"] == {"amount": "two drinks"}
    await store.close()


async def test_a_trainees_transcript_keeps_the_words_on_the_button_pressed(tmp_path):
    from bot.app import ask_of
    from bot.engine import Pick

    flows = load_registry(FLOWS)
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 't.db'}", data_key=generate_key())
    companion = Companion(flows, store)
    async with store.turn("cli:trainee") as t:
        t.update_profile(consent=True, country="GB", role="trainee", keep_transcript=True)
    ask = ask_of((await companion.begin("cli:trainee", flows.home)).outputs)
    button = ask.buttons[0]
    await companion.handle("cli:trainee", Pick(button.data, ask.rev))
    lines = (await store.export_user("cli:trainee"))["transcript"]
    assert [line["text"] for line in lines if line["role"] == "user"] == [f"[{button.label}]"]
    await store.close()
