"""The store contract: the same tests on SQLite and PostgreSQL (see conftest)."""
from __future__ import annotations

import asyncio
import json
from datetime import timedelta

import pytest

from bot import words
from persistence import (
    DataKeyError,
    PROFILE_FIELDS,
    Store,
    TurnError,
    generate_key,
    render_export_text,
)
from persistence.models import GLOBAL_TABLES, Base

from .helpers import raw, scalar, user_id

STATE = {"v": 1, "flow": "talk", "version": "h1", "state": "reflect_1", "vars": {"feeling": "stuck"}, "rev": 1}


async def test_first_turn_creates_profile_and_round_trips(store: Store, db, clock) -> None:
    async with store.turn("tg:1", 1) as t:
        assert not t.duplicate
        assert t.conversation is None and t.flow_id is None and t.rev == 0
        assert t.profile["user_key"] == "tg:1"
        assert t.profile["role"] == "client" and t.profile["active"] is True
        assert t.profile["consent"] is None and t.profile["training_notes"] is False
        assert set(PROFILE_FIELDS) <= set(t.profile)
        t.set_conversation(STATE, "talk", "h1")
        t.update_profile(consent=True, locale="en", country="GB", timezone="Europe/London", role="trainee",
                         training_notes=True, reminders={"checkin": "20:00"})
        t.enqueue([{"kind": "say", "text": "hello"}])

    clock.advance(minutes=5)
    async with store.turn("tg:1", 2) as t:
        assert t.conversation == STATE
        assert (t.flow_id, t.flow_version, t.rev) == ("talk", "h1", 1)
        p = t.profile
        assert p["consent"] is True and p["consent_at"] == clock.now - timedelta(minutes=5)
        assert (p["locale"], p["country"], p["timezone"], p["role"]) == ("en", "GB", "Europe/London", "trainee")
        assert p["training_notes"] is True and p["reminders"] == {"checkin": "20:00"}
        new = dict(STATE, state="reflect_2", rev=2)
        t.set_conversation(new, "talk", "h1")

    clock.advance(hours=2)  # seen_at is refreshed now, in the same write as everything else
    async with store.turn("tg:1", 3) as t:
        assert t.conversation["state"] == "reflect_2" and t.rev == 2
        t.set_conversation(dict(STATE, state="reflect_3"), "talk", "h1")
        t.enqueue([{"kind": "say", "text": "again"}], priority=1)
    seen = await scalar(db, "SELECT seen_at FROM users WHERE user_key = ?", "tg:1")
    assert str(seen).startswith(clock.now.strftime("%Y-%m-%d %H:%M"))
    async with store.turn("tg:1", 4) as t:
        assert t.conversation["state"] == "reflect_3" and t.rev == 3
    async with store.turn("tg:1") as t:  # no update id (terminal chat)
        assert t.conversation["state"] == "reflect_3"
    assert await scalar(db, "SELECT count(*) FROM users") == 1
    assert await scalar(db, "SELECT count(*) FROM processed_updates") == 4
    assert [i.payload["text"] for i in await store.outbox_pending()] == ["hello", "again"]


async def test_profile_rejects_unknown_fields_and_roles(store: Store) -> None:
    async with store.turn("tg:1", 1) as t:
        with pytest.raises(TypeError, match="unknown profile field"):
            t.update_profile(favourite_colour="blue")
        with pytest.raises(ValueError, match="role"):
            t.update_profile(role="admin")
        with pytest.raises(ValueError, match="category"):
            t.safety_event("I want to hurt myself")  # text must never be stored here
        t.safety_event("self_harm")


async def test_duplicate_update_is_a_no_op(store: Store, db) -> None:
    async with store.turn("tg:1", 10) as t:
        t.set_conversation(STATE, "talk", "h1")
        t.enqueue([{"kind": "say", "text": "one"}])
    async with store.turn("tg:1", 10) as t:
        assert t.duplicate
        with pytest.raises(TurnError, match="already processed"):
            t.set_conversation({"v": 2}, "talk", "h1")
        with pytest.raises(TurnError):
            t.enqueue([{"kind": "say", "text": "again"}])
    async with store.turn("tg:1", 11) as t:
        assert t.conversation == STATE and t.rev == 1
    assert await scalar(db, "SELECT count(*) FROM outbox") == 1
    assert await scalar(db, "SELECT count(*) FROM processed_updates") == 2


async def test_exception_rolls_back_everything(store: Store, db) -> None:
    with pytest.raises(RuntimeError):
        async with store.turn("tg:new", 5) as t:
            t.set_conversation(STATE, "talk", "h1")
            t.enqueue([{"kind": "say", "text": "x"}])
            await t.save_plan("alcohol", {"goal": "x"})  # already executed in the transaction
            raise RuntimeError("engine bug")
    for table in ("users", "conversations", "outbox", "plans", "processed_updates"):
        assert await scalar(db, f"SELECT count(*) FROM {table}") == 0, table

    async with store.turn("tg:1", 6) as t:
        t.set_conversation(STATE, "talk", "h1")
    with pytest.raises(KeyError):
        async with store.turn("tg:1", 7) as t:
            t.set_conversation({"v": 9}, "talk", "h2")
            t.update_profile(locale="de")
            t.log_urge(intensity=7, note="x")
            raise KeyError("boom")
    async with store.turn("tg:1", 7) as t:  # the failed update was not recorded: it runs again
        assert not t.duplicate
        assert t.conversation == STATE and t.profile["locale"] is None
    assert await scalar(db, "SELECT count(*) FROM urge_log") == 0


async def test_outbox_order_priority_and_leases(store: Store, clock) -> None:
    async with store.turn("tg:a", 1) as t:
        t.enqueue([{"n": "a1"}, {"n": "a2"}])
    async with store.turn("tg:b", 2) as t:
        t.enqueue([{"n": "b-reminder"}], priority=1, chat_id="-100")
    async with store.turn("tg:c", 3) as t:
        t.enqueue([{"n": "c-reminder"}], priority=1)
    async with store.turn("tg:c", 4) as t:
        t.enqueue([{"n": "c-reply"}])  # queued after c's reminder: c's reminder must go first
    async with store.turn("tg:a", 5) as t:
        t.enqueue([{"n": "a3"}])

    items = await store.outbox_pending()
    assert [i.payload["n"] for i in items] == ["a1", "a2", "c-reminder", "c-reply", "a3", "b-reminder"]
    b = items[-1]
    assert (b.user_key, b.chat_id, b.priority, b.attempts) == ("tg:b", "-100", 1, 0)
    assert await store.outbox_pending() == []  # leased

    by = {i.payload["n"]: i for i in items}
    await store.mark_sent([by["a1"].id, by["c-reminder"].id, by["c-reply"].id])
    await store.mark_failed(by["a2"].id, clock.now + timedelta(seconds=90))
    clock.advance(seconds=61)  # leases end; a2 waits until its retry time...
    await store.mark_failed(by["b-reminder"].id, clock.now + timedelta(seconds=5))
    async with store.turn("tg:a", 6) as t:
        t.enqueue([{"n": "a4"}])
    assert await store.outbox_pending(lease=0) == []  # ...holding back a3 and a4; b waits too
    clock.advance(seconds=31)
    items = await store.outbox_pending(limit=2, lease=0)
    assert [(i.payload["n"], i.attempts) for i in items] == [("a2", 1), ("a3", 0)]
    items = await store.outbox_pending(lease=0)
    assert [i.payload["n"] for i in items] == ["a2", "a3", "a4", "b-reminder"]

    await store.mark_failed(by["a2"].id, None)  # permanent failure: dropped
    assert [i.payload["n"] for i in await store.outbox_pending(lease=0)] == ["a3", "a4", "b-reminder"]
    assert await store.set_active("tg:a", False) == 2  # blocked the bot: their queue is dropped
    assert [i.payload["n"] for i in await store.outbox_pending(lease=0)] == ["b-reminder"]
    async with store.turn("tg:a", 7) as t:
        assert t.profile["active"] is False
        t.update_profile(active=True)
        t.enqueue([{"n": "a5"}])
    assert [i.payload["n"] for i in await store.outbox_pending(lease=0)] == ["a5", "b-reminder"]


async def test_enqueue_accepts_engine_outputs(store: Store) -> None:
    from bot.engine.outputs import Ask, Button, Say, output_from_json

    outs = [Say("Welcome back.", tag="affirmation"), Ask("How strong is it?", "scale", (Button("5", "5"),), rev=3)]
    async with store.turn("tg:1", 1) as t:
        t.enqueue(outs)
    items = await store.outbox_pending()
    assert [output_from_json(i.payload) for i in items] == outs


async def test_plans_are_versioned(store: Store) -> None:
    async with store.turn("tg:1", 1) as t:
        assert await t.current_plan() is None
        assert await t.save_plan("alcohol", {"goal": "two drinks", "when": ["fri"]}) == 1
        assert await t.save_plan("alcohol", {"goal": "one drink"}) == 2
    async with store.turn("tg:1", 2) as t:
        assert await t.save_plan("Alcohol ", {"goal": "none on weekdays"}) == 3  # same substance
        assert await t.save_plan("cannabis", {"goal": "evenings only"}) == 1
        assert (await t.current_plan("alcohol"))["sections"] == {"goal": "none on weekdays"}
        latest = await t.current_plan()
        assert (latest["substance"], latest["version"]) == ("cannabis", 1)
    async with store.turn("tg:2", 3) as t:  # plans are per user
        assert await t.current_plan("alcohol") is None
        assert await t.save_plan("alcohol", {"goal": "x"}) == 1


async def test_flow_versions_are_pinned(store: Store) -> None:
    for h in ("v0", "v1", "v2", "v3"):
        assert await store.ensure_flow_version(h, {"dialogs/talk.yaml": f"start: a  # {h}", "flows.yaml": "x"})
    assert not await store.ensure_flow_version("v1", {"ignored": ""})  # already there
    assert await store.load_flow_version("v1") == {"dialogs/talk.yaml": "start: a  # v1", "flows.yaml": "x"}
    assert await store.load_flow_version("nope") is None
    async with store.turn("tg:a", 1) as t:
        t.set_conversation(STATE, "talk", "v1")
    async with store.turn("tg:b", 2) as t:
        t.set_conversation(STATE, "talk", "v2")
    async with store.turn("tg:a", 3) as t:
        assert t.flow_version == "v1"  # a script edit never moves someone mid-flow


async def test_the_daily_purge_prunes_flow_versions_a_day_after_a_newer_one(
        store: Store, clock) -> None:
    source = {"flows.yaml": "x"}
    await store.ensure_flow_version("old", source)
    async with store.turn("tg:a", 1) as t:
        t.set_conversation(STATE, "talk", "old")
    clock.advance(days=3)
    await store.ensure_flow_version("unused", source)
    clock.advance(minutes=1)
    await store.ensure_flow_version("new", source)  # a deploy: workers may still run "unused"
    clock.advance(hours=23)
    await store.purge_stale(None)
    assert await store.load_flow_version("unused") is not None  # the deploy may still roll
    clock.advance(hours=2)
    await store.purge_stale(None)
    assert await store.load_flow_version("unused") is None  # a day on: nobody runs it
    assert await store.load_flow_version("old") is not None  # a conversation is pinned to it
    assert await store.load_flow_version("new") is not None
    async with store.turn("tg:a", 2) as t:
        t.set_conversation(STATE, "talk", "new")  # finished and restarted on the newest
    await store.purge_stale(None)
    assert await store.load_flow_version("old") is None


PHRASE = "Zebra-Quartz phrase nobody else would type"


async def _populate(store: Store, key: str, n: int) -> None:
    async with store.turn(key, n) as t:
        t.update_profile(keep_transcript=True, consent=True)
        t.set_conversation({"v": 1, "state": "s1", "vars": {"why": f"{PHRASE} in state"}}, "talk", "h1")
        t.enqueue([{"kind": "say", "text": f"you said {PHRASE}"}])
        await t.save_plan(f"{PHRASE} substance", {"goal": f"{PHRASE} in plan"})
        t.log_urge(intensity=6, trigger=f"{PHRASE} in urge")
        t.log_checkin(score=4, note=f"{PHRASE} in checkin")
        t.safety_event("crisis")
        t.schedule("checkin", store._now() + timedelta(days=1), {"rev": 1})
        assert t.append_transcript("user", f"{PHRASE} in transcript")
        assert t.append_transcript("bot", "ok")


async def test_export_contains_everything_decrypted(store: Store) -> None:
    await _populate(store, "cli:alice", 1)
    data = await store.export_user("cli:alice")
    json.dumps(data)  # JSON-ready
    assert data["user"]["user_key"] == "cli:alice" and data["user"]["consent"] is True
    assert data["conversation"]["state"]["vars"]["why"] == f"{PHRASE} in state"
    assert data["plans"][0]["substance"] == f"{PHRASE} substance"
    assert data["plans"][0]["sections"] == {"goal": f"{PHRASE} in plan"}
    assert [j["kind"] for j in data["scheduled"]] == ["checkin"]
    assert data["urges"][0]["intensity"] == 6 and data["urges"][0]["details"] == {"trigger": f"{PHRASE} in urge"}
    assert data["checkins"][0]["score"] == 4
    assert [e["category"] for e in data["safety_events"]] == ["crisis"]
    assert [(x["role"], x["text"]) for x in data["transcript"]] == [("user", f"{PHRASE} in transcript"), ("bot", "ok")]
    assert data["pending_messages"][0]["payload"]["text"] == f"you said {PHRASE}"
    assert data["processed_updates"] == 1
    text = render_export_text(data, words.shipped())
    for part in ("in state", "in plan", "in urge", "in checkin", "in transcript", "crisis", "cli:alice"):
        assert f"{PHRASE} {part}" in text or part in text
    assert await store.export_user("cli:nobody") is None


async def test_transcript_only_with_opt_in(store: Store, db) -> None:
    async with store.turn("tg:1", 1) as t:
        assert t.append_transcript("user", "not kept") is False
    assert await scalar(db, "SELECT count(*) FROM transcripts") == 0


async def test_delete_leaves_zero_rows_in_every_table(store: Store, db) -> None:
    await _populate(store, "tg:gone", 1)
    await _populate(store, "tg:stays", 2)
    async with store.turn("tg:gone", 3) as t:
        t.enqueue([{"kind": "say", "text": "more"}], priority=1)
    uid = await user_id(db, "tg:gone")
    keep = await user_id(db, "tg:stays")

    counts = await store.delete_user("tg:gone")
    assert counts["users"] == 1 and counts["outbox"] == 2 and counts["processed_updates"] == 2
    assert counts["plans"] == counts["urge_log"] == counts["checkins"] == counts["conversations"] == 1
    assert counts["transcripts"] == 2 and counts["safety_events"] == 1 and counts["jobs"] == 1

    if db.kind == "sqlite":
        actual = {r[0] for r in await raw(db, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")}
    else:
        actual = {r[0] for r in await raw(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert actual - {"alembic_version"} == set(Base.metadata.tables), "a table is missing from the models"
    personal = [t for t in Base.metadata.sorted_tables if "user_id" in t.c]
    assert {t.name for t in Base.metadata.sorted_tables} - {t.name for t in personal} - {"users"} == GLOBAL_TABLES
    for table in personal:
        assert await scalar(db, f"SELECT count(*) FROM {table.name} WHERE user_id = ?", uid) == 0, table.name
        if table.name not in ("conversations",):
            assert await scalar(db, f"SELECT count(*) FROM {table.name} WHERE user_id = ?", keep) > 0, table.name
    assert await scalar(db, "SELECT count(*) FROM users WHERE id = ? OR user_key = ?", uid, "tg:gone") == 0
    assert await store.export_user("tg:gone") is None
    assert (await store.delete_user("tg:gone"))["users"] == 0


async def test_purge_stale_conversations(store: Store, db, clock) -> None:
    async with store.turn("tg:old", 1) as t:
        t.set_conversation(STATE, "talk", "h1")
    clock.advance(days=10)
    async with store.turn("tg:new", 2) as t:
        t.set_conversation(STATE, "talk", "h1")
    assert await store.purge_stale(None) == 0  # retention off: only old update ids go
    assert await scalar(db, "SELECT count(*) FROM processed_updates") == 1
    assert await store.purge_stale(7) == 1
    async with store.turn("tg:old", 3) as t:
        assert t.conversation is None
    async with store.turn("tg:new", 4) as t:
        assert t.conversation == STATE


async def test_store_calls_inside_a_turn_are_refused(store: Store) -> None:
    async with store.turn("tg:1", 1) as t:
        with pytest.raises(TurnError):
            await store.outbox_pending()
        with pytest.raises(TurnError):
            async with store.turn("tg:2", 2):
                pass
        t.enqueue([{"n": 1}])
    with pytest.raises(TurnError, match="ended"):
        t.enqueue([{"n": 2}])
    assert len(await store.outbox_pending()) == 1


async def test_one_users_turns_never_interleave(store: Store) -> None:
    async def bump(i: int) -> None:
        async with store.turn("tg:1", 100 + i) as t:
            n = (t.conversation or {"n": 0})["n"]
            await asyncio.sleep(0)  # give the other tasks every chance to interleave
            t.set_conversation({"n": n + 1}, "f", "h")

    await asyncio.gather(*(bump(i) for i in range(20)))
    async with store.turn("tg:1") as t:
        assert t.conversation == {"n": 20} and t.rev == 20


async def test_other_users_run_in_parallel_on_postgresql(store: Store, db) -> None:
    if db.kind == "sqlite":
        pytest.skip("SQLite has one writer at a time by design")
    async with store.turn("tg:slow", 1) as t:
        t.set_conversation({"n": 1}, "f", "h")

        async def other() -> None:
            async with store.turn("tg:fast", 2) as u:
                u.set_conversation({"n": 2}, "f", "h")

        # while tg:slow's turn holds its lock, tg:fast's turn (another task) completes
        await asyncio.wait_for(asyncio.create_task(other()), 5)


# -- keys ---------------------------------------------------------------------------------------

async def test_wrong_key_is_refused(db, store: Store) -> None:
    await _populate(store, "tg:1", 1)
    await store.close()
    with pytest.raises(DataKeyError, match="does not match the key this database was written with"):
        await db.open(data_key=generate_key())
    with pytest.raises(DataKeyError, match="URL-safe base64"):
        await db.open(data_key="hunter2")


async def test_missing_key_is_refused(db, store: Store) -> None:
    await store.close()
    if db.kind == "postgresql":
        with pytest.raises(DataKeyError, match="BETWEEN_DATA_KEY is not set"):
            await Store.open(db.url)
        return
    (db.tmp / "between.db.key").rename(db.tmp / "moved.key")
    with pytest.raises(DataKeyError, match="key file .* does not exist"):
        await Store.open(db.url)
    assert not (db.tmp / "between.db.key").exists()  # no new key was made for old data


async def test_schema_check_and_migrations_match_models(db, store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from persistence.migrate import SCHEMA_REVISION, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_REVISION

    def diff(conn):
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, Base.metadata)

    assert await store._backend.run(diff, write=False) == []
    assert await scalar(db, "SELECT version_num FROM alembic_version") == SCHEMA_REVISION


async def test_a_committed_turn_is_there_for_another_store(db, store: Store) -> None:
    async with store.turn("tg:1", 1) as t:
        t.set_conversation(STATE, "talk", "h1")
        t.enqueue([{"n": 1}, {"n": 2}])
    other = await db.open()  # another process would see exactly this
    try:
        async with other.turn("tg:1", 2) as t:
            assert t.conversation == STATE and t.rev == 1
        assert [i.payload["n"] for i in await other.outbox_pending()] == [1, 2]
    finally:
        await other.close()


async def test_a_turn_knows_its_outbox_ids_after_commit(store: Store) -> None:
    async with store.turn("tg:20", 1) as t:
        t.set_conversation(STATE, "talk", "h1")
        t.enqueue([{"kind": "say", "text": "one"}, {"kind": "say", "text": "two"}, {"kind": "say", "text": "three"}])
    ids = t.outbox_ids
    assert len(ids) == 3 and ids == sorted(ids)
    async with store.turn("tg:21", 2) as other:
        other.enqueue([{"kind": "say", "text": "elsewhere"}])
    async with store.turn("tg:20") as quiet:
        pass
    assert quiet.outbox_ids == []
    mine = await store.outbox_pending(user_key="tg:20")
    assert [m.id for m in mine] == ids and [m.payload["text"] for m in mine] == ["one", "two", "three"]
    await store.mark_sent(ids[:2])
    assert [m.payload["text"] for m in await store.outbox_pending(user_key="tg:21")] == ["elsewhere"]


async def test_preferences_round_trip_and_stats_count_without_text(store: Store) -> None:
    async with store.turn("tg:30", 31) as t:
        t.update_profile(preferences={"alternatives": {"walk": [7.5, 2]}}, role="trainee")
        t.set_conversation(STATE, "talk", "h1")
        t.safety_event("overdose_medical")
    async with store.turn("tg:30", 32) as t:
        assert t.profile["preferences"] == {"alternatives": {"walk": [7.5, 2]}}
    stats = await store.stats()
    assert stats["users"] >= 1 and stats["trainees"] >= 1
    assert stats["conversations_in_talk"] >= 1
    assert stats["safety_overdose_medical_last_7_days"] == 1
    assert all(isinstance(v, int) for v in stats.values())


async def test_jobs_are_durable_replaced_per_kind_and_fire_once(store: Store, clock) -> None:
    from persistence import JobGone

    async with store.turn("tg:40", 41) as t:
        t.schedule("timer", clock.now + timedelta(seconds=90), {"rev": 3})
        t.schedule("checkin", clock.now + timedelta(hours=20))
    async with store.turn("tg:40", 42) as t:
        t.schedule("timer", clock.now + timedelta(seconds=60), {"rev": 4})  # replaces the first timer
    assert await store.due_jobs() == []
    assert await store.next_job_at() == clock.now + timedelta(seconds=60)
    clock.advance(seconds=61)
    [job] = await store.due_jobs(lease=30)
    assert (job.user_key, job.kind, job.payload) == ("tg:40", "timer", {"rev": 4})
    assert await store.due_jobs() == []  # leased: another worker gets nothing
    async with store.turn("tg:40", 43) as t:
        t.complete_job(job.id)
        t.enqueue([{"kind": "say", "text": "Bigger, same or smaller?"}])
    with pytest.raises(JobGone):  # a second handler of the same job rolls back entirely
        async with store.turn("tg:40", 44) as t:
            t.complete_job(job.id)
            t.enqueue([{"kind": "say", "text": "twice"}])
    texts = [i.payload["text"] for i in await store.outbox_pending(user_key="tg:40")]
    assert texts == ["Bigger, same or smaller?"]
    clock.advance(hours=21)
    [checkin] = await store.due_jobs()
    assert checkin.kind == "checkin"
    await store.set_active("tg:40", False)  # blocked the bot: reminders are dropped
    clock.advance(seconds=120)
    assert await store.due_jobs() == [] and await store.next_job_at() is None


async def test_jobs_of_the_kind_asked_first_come_before_earlier_ones(store: Store, clock) -> None:
    for n in range(3):  # check-ins due first, a timed step due last
        async with store.turn(f"tg:7{n}", 70 + n) as t:
            t.schedule("checkin", clock.now + timedelta(seconds=n))
    async with store.turn("tg:79", 79) as t:
        t.schedule("timer", clock.now + timedelta(seconds=90), {"rev": 1})
    clock.advance(seconds=91)
    assert [j.kind for j in await store.due_jobs(limit=2, first="timer")] == ["timer", "checkin"]
    assert [j.user_key for j in await store.due_jobs()] == ["tg:71", "tg:72"]  # the rest, by due time


async def test_history_returns_a_users_urges_and_checkins_of_the_last_days(store: Store, clock) -> None:
    async with store.turn("tg:60", 61) as t:
        t.log_urge(intensity=8, at=clock.now - timedelta(days=20), phase="start")  # too old
        t.log_urge(intensity=7, at=clock.now - timedelta(days=3), phase="start")
        t.log_urge(intensity=3, at=clock.now - timedelta(days=3, minutes=-9), phase="end")
        t.log_checkin(score=6, at=clock.now - timedelta(days=1), urge=4, vs_plan="as planned", note="long walk")
    async with store.turn("tg:62", 63) as t:
        t.log_checkin(score=1, urge=9)  # someone else's
    got = await store.history("tg:60", 14)
    assert [(u["intensity"], u["details"]["phase"]) for u in got["urges"]] == [(7, "start"), (3, "end")]
    [c] = got["checkins"]
    assert c["score"] == 6 and c["details"] == {"urge": 4, "vs_plan": "as planned", "note": "long walk"}
    assert c["at"] == clock.now - timedelta(days=1) and c["at"].tzinfo is not None
    assert len((await store.history("tg:60", 30))["urges"]) == 3
    assert await store.history("tg:nobody", 14) == {"urges": [], "checkins": []}
    async with store.turn("tg:60", 64) as t:  # the same query inside a turn
        assert [u["intensity"] for u in (await t.history(14))["urges"]] == [7, 3]
        assert t.conversation_at is None
        t.set_conversation({"v": 1}, "talk", "h1")
    clock.advance(minutes=5)
    async with store.turn("tg:60", 65) as t:
        assert t.conversation_at == clock.now - timedelta(minutes=5)
