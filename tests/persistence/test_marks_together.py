"""Messages of many chats marked sent at the same moment share one transaction (SQLite) or one
round trip (PostgreSQL); each caller still gets back its own rows' count, and a chat's rows are
gone when its call returns, also while a group commit holds SQLite's writer."""
from __future__ import annotations

import asyncio

from persistence import Store
from persistence.backend import SqliteBackend

STATE = {"v": 1, "flow": "talk", "version": "h1", "state": "reflect_1", "vars": {}, "rev": 1}


async def _two_messages(store: Store, user: str, update_id: int) -> list[int]:
    async with store.turn(user, update_id) as t:
        t.set_conversation(STATE, "talk", "h1")
        t.enqueue([{"kind": "say", "text": "first"}, {"kind": "say", "text": "second"}])
    return t.outbox_ids


async def _pending_texts(store: Store, user: str) -> list[str]:
    return [m.payload["text"] for m in await store.outbox_pending(user_key=user)]


async def test_chats_marking_at_once_each_get_their_own_count(store: Store) -> None:
    users = [f"tg:{700 + n}" for n in range(12)]
    ids = [await _two_messages(store, user, 9_000 + n) for n, user in enumerate(users)]
    assert await store.mark_sent(ids[0][:1]) == 1
    counts = await asyncio.gather(
        store.mark_sent(ids[0][:1]),  # already gone: none of its own
        *(store.mark_sent(own[:1]) for own in ids[1:]),
        store.mark_sent([]),
    )
    assert counts == [0] + [1] * 11 + [0]
    for user in users:
        assert await _pending_texts(store, user) == ["second"]
    assert await asyncio.gather(*(store.mark_sent(own) for own in ids)) == [1] * 12
    for user in users:
        assert await _pending_texts(store, user) == []


async def test_marks_made_while_a_group_commit_is_writing_wait_for_it(store: Store) -> None:
    users = [f"tg:{800 + n}" for n in range(6)]
    ids = [await _two_messages(store, user, 9_100 + n) for n, user in enumerate(users)]

    async def another_turn() -> None:
        await _two_messages(store, "tg:899", 9_199)

    async def mark(own: list[int]) -> tuple[int, list[str]]:
        await asyncio.sleep(0)  # the turn's commit is on its way by now
        count = await store.mark_sent(own[:1])
        return count, await _pending_texts(store, users[ids.index(own)])

    results = await asyncio.gather(another_turn(), *(mark(own) for own in ids))
    assert results[1:] == [(1, ["second"])] * len(users)
    assert await _pending_texts(store, "tg:899") == ["first", "second"]
    backend = store._backend
    if isinstance(backend, SqliteBackend):
        assert backend.stats.marks > backend.stats.mark_commits  # some went together
