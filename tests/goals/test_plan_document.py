"""The plan a therapist gets: one version a sitting, the plan's order, the client's voice, and
a PDF whose text reads back (pypdf) — through the shipped flows and the real store."""
from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf

from bot import plans, words
from bot.app import Companion, Reply, ask_of
from bot.engine import Command, Pick, Text, load_registry
from bot.engine.runner import DONE
from persistence import Store, generate_key, render_export_text

ROOT = Path(__file__).resolve().parents[2]
LONDON = ZoneInfo("Europe/London")
USER = "cli:plan-document"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_reads_back_in_the_plans_order_and_the_clients_voice() -> None:
    saved = datetime(2030, 1, 15, 12, tzinfo=UTC)
    plan = {"substance": "alcohol", "version": 2, "created_at": saved,
            "sections": {"review": "on Friday 25 January", "support": "my sister — “Jo”",
                         "goal": "two dry days a week", "goal_status": "active",
                         "pace": "water in between"}}
    data = plans.render_pdf(plan, LONDON, datetime(2030, 1, 16, 9, tzinfo=UTC))
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert "My Optimal Use Plan: alcohol" in text and "Version 2, saved 15 January 2030" in text
    order = [text.index(h) for h in ("My goal", "Where the goal stands", "How I'll pace it",
                                      "Who supports me", "When I'll look at this plan again")]
    assert order == sorted(order)
    assert "under way" in text and "my sister — “Jo”" in text
    assert "1 earlier version is kept" in text
    assert "Your " not in text  # one voice: the client's


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2030, 1, 15, 18, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def test_a_sitting_is_one_version_and_plan_sends_the_pdf(tmp_path: Path) -> None:
    clock = Clock()
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'p.db'}", data_key=generate_key(),
                             clock=clock)
    try:
        companion = Companion(load_registry(ROOT / "flows.yaml"), store)
        async with store.turn(USER) as t:
            t.update_profile(consent=True, timezone="Europe/London", country="GB")

        async def press(last: Reply, label: str) -> Reply:
            ask = ask_of(last.messages)
            assert ask is not None
            data = next(b.data for b in ask.buttons if b.label == label)
            return await companion.handle(USER, Pick(data, ask.rev))

        r = await companion.begin(USER, "plan")
        r = await press(r, "Build my plan, step by step")
        r = await press(r, "Alcohol")
        r = await press(r, "No, I'll write it here")
        for answer in ("fewer drinks", "my mornings", "3 pints", "Fridays", "with friends",
                       "not alone"):
            r = await companion.handle(USER, Text(answer))
        r = await press(r, "Keep going")
        r = await press(r, "When driving")
        r = await companion.handle(USER, Pick(DONE, ask_of(r.messages).rev))
        labels = [b.label for b in ask_of(r.messages).buttons]
        assert "Alcohol" not in labels and "Opioids" in labels  # not "mix alcohol with alcohol"
        r = await press(r, "Opioids")
        r = await companion.handle(USER, Pick(DONE, ask_of(r.messages).rev))
        r = await press(r, "Eat first")
        r = await companion.handle(USER, Pick(DONE, ask_of(r.messages).rev))
        labels = [b.label for b in ask_of(r.messages).buttons]
        assert "Test my supply" not in labels and "No driving" in labels
        r = await press(r, "No driving")
        r = await companion.handle(USER, Pick(DONE, ask_of(r.messages).rev))
        r = await press(r, "Take a break")

        reply = await companion.handle(USER, Command("plan"))
        shown = reply.messages[0].text
        assert shown.startswith("My Optimal Use Plan: alcohol (saved 15 January 2030)")
        assert "version" not in shown.lower() and "Not finished yet" in shown
        files = await companion.after_commit(USER, reply)
        # ten saves in one sitting, one version
        assert [f.name for f in files] == ["optimal-use-plan-alcohol-v1.pdf"]
        assert "What I won't mix it with\nopioids" in pdf_text(files[0].data)

        clock.now += timedelta(days=1)  # the next day's change is a new version
        r = await companion.begin(USER, "plan")
        r = await press(r, "Something else")
        r = await press(r, "Change one part")
        r = await press(r, "Alcohol")
        r = await press(r, "Amount per occasion")
        r = await companion.handle(USER, Text("2 pints"))
        async with store.turn(USER) as t:
            plan = await t.current_plan("alcohol")
        assert plan is not None and plan["version"] == 2
        assert plan["sections"]["amount_per_occasion"] == "2 pints"

        export = render_export_text(await store.export_user(USER) or {}, words.shipped())
        plans_part = export[export.index("Plans ("):].split("\n\n")[0]
        assert "alcohol - current version 2" in plans_part
        assert "1 earlier version in the JSON file" in plans_part
        assert "3 pints" not in plans_part  # the earlier version is counted, not printed
    finally:
        await store.close()
