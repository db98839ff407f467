"""SQLite's group commit: turns that finish together share one transaction and one flush,
one failing turn does not sink the others, loading waits for no flush, and another process
writing the same user makes a turn run again instead of being overwritten."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from persistence import JobGone, Store, generate_key
from persistence.backend import SqliteBackend
from persistence.errors import TurnConflict

KEY = generate_key()


async def _open(path: Path) -> Store:
    return await Store.open(f"sqlite:///{path / 'g.db'}", data_key=KEY)


def _backend(store: Store) -> SqliteBackend:
    backend = store._backend
    assert isinstance(backend, SqliteBackend)
    return backend


async def _say(store: Store, user: str, update_id: int, n: int) -> list[int]:
    async with store.turn(user, update_id) as t:
        t.set_conversation({"n": n}, "talk", "v1")
        t.enqueue([{"n": n}])
    return t.outbox_ids


async def test_a_lone_turn_commits_at_once_and_turns_that_finish_together_share_a_flush(
        tmp_path: Path) -> None:
    store = await _open(tmp_path)
    stats = _backend(store).stats
    try:
        for n in range(3):  # one at a time: one flush each, nobody waits for company
            await _say(store, "tg:1", n + 1, n)
        assert (stats.flushes, stats.turns, stats.largest) == (3, 3, 1)
        writer = _backend(store)._lock
        await writer.acquire()  # a flush on its way to the disk
        turns = [asyncio.create_task(_say(store, f"tg:{u}", 100 + u, u)) for u in range(10, 18)]
        await asyncio.sleep(0.05)
        assert not any(t.done() for t in turns)  # they wait for the flush in progress...
        writer.release()
        await asyncio.gather(*turns)
        assert (stats.flushes, stats.largest) == (4, 8)  # ...and share the next one
        items = await store.outbox_pending(limit=100, lease=0)
        assert sorted(i.payload["n"] for i in items) == [0, 1, 2, *range(10, 18)]
    finally:
        await store.close()


class _Leave(Exception):
    pass


async def test_loading_a_turn_does_not_wait_for_the_write_lock(tmp_path: Path) -> None:
    store = await _open(tmp_path)
    writer = _backend(store)._lock
    try:
        await _say(store, "tg:1", 1, 1)
        await writer.acquire()  # a long flush in progress
        with pytest.raises(_Leave):
            async with asyncio.timeout(1), store.turn("tg:1", 2) as t:
                assert not t.duplicate and t.conversation == {"n": 1}
                raise _Leave  # (leaving normally would wait for the flush, to commit)
    finally:
        if writer.locked():
            writer.release()
        await store.close()


async def test_one_failing_turn_does_not_sink_the_others_in_its_flush(tmp_path: Path) -> None:
    store = await _open(tmp_path)
    try:
        async with store.turn("tg:1", 1) as t:
            t.schedule("timer", t.now())
        job = (await store.due_jobs())[0]
        writer = _backend(store)._lock
        await writer.acquire()

        async def handled_twice() -> None:
            async with store.turn("tg:1", 2) as t:
                t.complete_job(job.id)
                t.complete_job(job.id)  # the second delete finds nothing: JobGone
                t.enqueue([{"n": "lost"}])

        good = [asyncio.create_task(_say(store, f"tg:{u}", 10 + u, u)) for u in (2, 3)]
        bad = asyncio.create_task(handled_twice())
        more = asyncio.create_task(_say(store, "tg:4", 14, 4))
        await asyncio.sleep(0.05)
        writer.release()
        await asyncio.gather(*good, more)
        with pytest.raises(JobGone):
            await bad
        assert _backend(store).stats.largest == 4
        items = await store.outbox_pending(limit=100, lease=0)
        assert sorted(i.payload["n"] for i in items) == [2, 3, 4]  # nothing of the failed turn
        async with store.turn("tg:1", 2) as t:  # its update id was not recorded either
            assert not t.duplicate
        data = await store.export_user("tg:1")
        assert data is not None and len(data["scheduled"]) == 1  # the job is still there
    finally:
        await store.close()


async def test_a_turn_another_process_changed_meanwhile_runs_again(tmp_path: Path) -> None:
    store, other = await _open(tmp_path), await _open(tmp_path)
    try:
        await _say(store, "tg:1", 1, 1)
        with pytest.raises(TurnConflict):
            async with store.turn("tg:1", 2) as t:
                got = t.conversation
                await asyncio.create_task(_say(other, "tg:1", 3, 3))  # the other one lands first
                t.set_conversation({"n": got["n"] + 1}, "talk", "v1")
                t.enqueue([{"n": "stale"}])
        async with store.turn("tg:1", 2) as t:  # nothing of it was written: run it again
            assert not t.duplicate and t.conversation == {"n": 3}
        items = await store.outbox_pending(limit=100, lease=0)
        assert [i.payload["n"] for i in items] == [1, 3]  # the stale message is not there
    finally:
        await store.close()
        await other.close()
