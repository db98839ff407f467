"""Plan versions by sitting (bot/plans.py): ``amend`` rewrites the newest version in place, on
SQLite and PostgreSQL; a plan's other substances and earlier versions are untouched."""
from __future__ import annotations

from persistence import Store


async def test_amend_rewrites_the_newest_version_only(store: Store, clock) -> None:
    async with store.turn("cli:sittings") as t:
        assert await t.save_plan("alcohol", {"goal": "two dry days"}) == 1
        slow = {"goal": "two dry days", "pace": "slow"}
        assert await t.save_plan("alcohol", slow, amend=True) == 1
        # nothing to amend: a first version
        assert await t.save_plan("cannabis", {"goal": "weekends"}, amend=True) == 1
    clock.advance(days=1)
    async with store.turn("cli:sittings") as t:
        assert await t.save_plan("alcohol", {"goal": "three dry days", "pace": "slow"}) == 2
        water = {"goal": "three dry days", "pace": "water"}
        assert await t.save_plan("alcohol", water, amend=True) == 2
        current = await t.current_plan("alcohol")
        assert current is not None and current["sections"] == water
        assert current["created_at"] == clock.now
    clock.advance(minutes=5)
    async with store.turn("cli:sittings") as t:  # a later turn of the sitting: the stored one
        water = {"goal": "three dry days", "pace": "water", "people": "Sam"}
        assert await t.save_plan("alcohol", water, amend=True) == 2
    data = await store.export_user("cli:sittings") or {}
    alcohol = sorted((p["version"], p["sections"]) for p in data["plans"]
                     if p["substance"] == "alcohol")
    assert alcohol == [(1, {"goal": "two dry days", "pace": "slow"}),
                       (2, {"goal": "three dry days", "pace": "water", "people": "Sam"})]
