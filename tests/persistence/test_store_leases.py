"""Outbox leases kept while a sender works (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import timedelta

from persistence import Store


async def test_a_lease_is_extended_only_while_it_is_still_ours(store: Store, clock) -> None:
    async with store.turn("tg:a", 1) as t:
        t.enqueue([{"n": "a1"}, {"n": "a2"}, {"n": "a3"}])
    items = await store.outbox_pending(lease=20)
    assert {i.leased_until for i in items} == {clock.now + timedelta(seconds=20)}

    clock.advance(seconds=15)
    kept = await store.extend_lease(items, 20)
    assert [i.payload["n"] for i in kept] == ["a1", "a2", "a3"]
    assert {i.leased_until for i in kept} == {clock.now + timedelta(seconds=20)}
    clock.advance(seconds=15)  # past the first lease, within the renewed one
    assert await store.outbox_pending(lease=20) == [], "still held: nobody else takes them"

    await store.mark_sent([kept[0].id])
    await store.mark_failed(kept[1].id, clock.now + timedelta(seconds=60))  # a retry: not ours now
    assert [i.payload["n"] for i in await store.extend_lease(kept, 20)] == ["a3"]

    clock.advance(minutes=5)  # our lease ran out and another sender claimed them
    theirs = await store.outbox_pending(lease=20)
    assert [i.payload["n"] for i in theirs] == ["a2", "a3"]
    assert await store.extend_lease(kept, 20) == [], "lost: the sender must not send them"
    assert len(await store.extend_lease(theirs, 20)) == 2


async def test_a_turns_own_messages_are_born_leased_and_can_be_extended(store: Store, clock):
    async with store.turn("tg:b", 1, lease=20.0) as t:
        t.enqueue([{"n": "b1"}, {"n": "b2"}])
    items = t.outbox_items
    assert {i.leased_until for i in items} == {clock.now + timedelta(seconds=20)}
    clock.advance(seconds=10)
    kept = await store.extend_lease(items, 20)
    assert len(kept) == 2 and kept[0].leased_until == clock.now + timedelta(seconds=20)
    clock.advance(seconds=15)  # past the lease it was born with, within the renewed one
    assert await store.outbox_pending(lease=20) == []
