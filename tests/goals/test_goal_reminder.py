"""A goal's review day, end to end on the shipped flows: the client names a day ("friday"), it
is read in their time zone, they opt in, and the durable job reminds them on that day at their
check-in time and opens the check-in on that goal (store's fake clock, moved, never slept on)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import Companion, Reply, ask_of
from bot.engine import Pick, Text, load_registry
from bot.engine.runner import DONE
from persistence import Store, generate_key

ROOT = Path(__file__).resolve().parents[2]
USER = "cli:goal-reminder"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)  # Tuesday, 07:00 in New York

    def __call__(self) -> datetime:
        return self.now


def texts(reply: Reply) -> list[str]:
    return [getattr(o, "text", "") for o in reply.messages]


async def press(companion: Companion, last: Reply, label: str) -> Reply:
    ask = ask_of(last.messages)
    assert ask is not None, texts(last)
    data = next(b.data for b in ask.buttons if b.label == label)
    return await companion.handle(USER, Pick(data, ask.rev))


async def say(companion: Companion, words: str) -> Reply:
    return await companion.handle(USER, Text(words))


async def test_the_review_day_comes_as_a_reminder_that_opens_the_goal(tmp_path: Path) -> None:
    clock = Clock()
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'g.db'}", data_key=generate_key(),
                             clock=clock)
    try:
        companion = Companion(load_registry(ROOT / "flows.yaml"), store)
        await companion.prepare()
        async with store.turn(USER) as t:
            t.update_profile(consent=True, timezone="America/New_York")
        r = await companion.begin(USER, "goals")
        r = await press(companion, r, "Set a new goal")
        r = await press(companion, r, "Alcohol")
        r = await press(companion, r, "Less often")
        r = await companion.handle(USER, Pick(DONE, ask_of(r.messages).rev))
        r = await say(companion, "two days off")
        r = await say(companion, "friday")
        assert "So you'll look at how “two days off” went on Friday 4 January." in texts(r)
        for answer in ("money left over", "6", "my mornings", "7", "my partner is with me"):
            r = await say(companion, answer)
        assert texts(r)[-1].startswith("Your goal, as I have it: “two days off”")
        r = await press(companion, r, "Yes, that's it")
        r = await press(companion, r, "Yes, remind me")
        assert "Done: I'll send you a reminder on Friday 4 January." in texts(r)

        sent: list[list[str]] = []

        async def deliver(user_key: str, reply: Reply) -> None:
            sent.append(texts(reply))

        clock.now = datetime(2030, 1, 4, 23, 59, tzinfo=UTC)  # 18:59 in New York
        assert await companion.run_due_jobs(deliver) == 0
        clock.now += timedelta(minutes=2)  # 19:01 on Friday, their check-in time
        assert await companion.run_due_jobs(deliver) == 1
        assert sent[0][0] == "Today is the day you chose to look at how “two days off” has gone."
        assert await companion.run_due_jobs(deliver) == 0  # once only

        last = Reply(outputs=list((await companion.current(USER)).messages))
        r = await press(companion, last, "Yes, let's look")
        said = texts(r)
        assert said[0] == "Here's what's saved for alcohol:"
        assert any("two days off" in line for line in said)
        assert said[-1] == "How is it going with your goal?"
    finally:
        await store.close()
