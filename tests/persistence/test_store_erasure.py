"""Erasing a user (/delete): one transaction, resumable, then nothing left (SQLite, PostgreSQL)."""
from __future__ import annotations

import pytest

from persistence import ERASE_JOB, JobGone, Store
from persistence.models import Base

from .helpers import scalar, user_id
from .test_store_contract import _populate

GOODBYE = {"goodbye": [{"kind": "say", "text": "Done."}]}


async def _rows(db, uid: int) -> dict[str, int]:
    counts = {"users": await scalar(db, "SELECT count(*) FROM users WHERE id = ?", uid)}
    for table in Base.metadata.sorted_tables:
        if "user_id" in table.c:
            sql = f"SELECT count(*) FROM {table.name} WHERE user_id = ?"
            counts[table.name] = await scalar(db, sql, uid)
    return counts


async def _ask_to_erase(store: Store, key: str, update_id: int) -> int:
    async with store.turn(key, update_id) as t:
        t.schedule(ERASE_JOB, t.now(), GOODBYE)
    [job] = await store.due_jobs(user_key=key, kind=ERASE_JOB)
    return job.id


async def test_erasure_leaves_only_its_job_then_nothing(store: Store, db) -> None:
    await _populate(store, "tg:gone", 1)
    await _populate(store, "tg:stays", 2)
    job = await _ask_to_erase(store, "tg:gone", 3)
    uid, keep = await user_id(db, "tg:gone"), await user_id(db, "tg:stays")

    counts = await store.erase_user("tg:gone", job)
    assert counts["plans"] == counts["urge_log"] == counts["conversations"] == counts["jobs"] == 1
    left = await _rows(db, uid)
    assert left.pop("users") == 1 and left.pop("jobs") == 1, "a blank users row and the erase job"
    assert set(left.values()) == {0}, left
    data = await store.export_user("tg:gone")
    assert data["user"]["consent"] is None and data["user"]["keep_transcript"] is False
    assert [j["kind"] for j in data["scheduled"]] == [ERASE_JOB]

    again = await store.erase_user("tg:gone", job)
    assert sum(again.values()) == 0, "running it again is harmless"
    assert await store.forget_user("tg:gone", job) is True
    assert set((await _rows(db, uid)).values()) == {0}
    async with store.turn("tg:gone", 3) as t:  # the /delete update, sent again by Telegram
        assert t.duplicate, "still a no-op: its id outlives the user, linked to no one"
    assert await store.export_user("tg:gone") is None
    assert (await store.stats())["users"] == 1, "the row keeping those ids is nobody"
    assert sum((await _rows(db, keep)).values()) > 5, "nobody else's rows"
    with pytest.raises(JobGone):
        await store.erase_user("tg:gone", job)


async def test_an_erasure_runs_for_a_user_who_blocked_the_bot(store: Store, db) -> None:
    await _populate(store, "tg:blocked", 1)
    async with store.turn("tg:blocked", 2) as t:
        t.schedule(ERASE_JOB, t.now(), GOODBYE)
    await store.set_active("tg:blocked", False)  # drops their reminders, not the erasure
    [job] = await store.due_jobs(user_key="tg:blocked")
    assert job.kind == ERASE_JOB and job.payload == GOODBYE
    await store.erase_user("tg:blocked", job.id)
    assert await store.forget_user("tg:blocked", job.id) is True
    assert await store.export_user("tg:blocked") is None


async def test_a_user_who_writes_again_before_the_goodbye_keeps_the_new_start(store: Store) -> None:
    await _populate(store, "tg:back", 1)
    job = await _ask_to_erase(store, "tg:back", 2)
    await store.erase_user("tg:back", job)
    async with store.turn("tg:back", 3) as t:  # /start again, before the goodbye went
        t.set_conversation({"v": 1, "state": "welcome"}, "onboarding", "h1")
    assert await store.forget_user("tg:back", job) is False
    data = await store.export_user("tg:back")
    assert data["conversation"]["state"] == {"v": 1, "state": "welcome"} and data["scheduled"] == []
