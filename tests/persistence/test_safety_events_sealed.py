"""The crisis category a client's words set off is sealed like what they wrote (it says as much
about them): the database holds no category name, while /stats and /export still read them."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from sqlalchemy import create_engine

from persistence import Store, crypto
from persistence.migrate import upgrade_connection
from persistence.models import Base

from .helpers import raw

CATEGORIES = ("self_harm_intent", "overdose_medical")


def _files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("between.db*")
            if not p.name.endswith(".key")}


async def test_no_category_name_is_in_the_database_and_stats_still_count_them(
        db, store: Store) -> None:
    for n, category in enumerate((*CATEGORIES, CATEGORIES[0]), start=1):
        async with store.turn(f"tg:{n}", n) as t:
            t.safety_event(category)
    stats = await store.stats(days=7)
    assert stats["safety_self_harm_intent_last_7_days"] == 2
    assert stats["safety_overdose_medical_last_7_days"] == 1
    events = (await store.export_user("tg:2"))["safety_events"]
    assert [e["category"] for e in events] == ["overdose_medical"]
    if db.kind == "sqlite":
        await store.close()  # and checkpointed into the main file
        for name, data in _files(db.tmp).items():
            for category in CATEGORIES:
                assert category.encode() not in data, f"{category} readable in {name}"
    else:
        for table in Base.metadata.sorted_tables:
            for (row,) in await raw(db, f"SELECT t::text FROM {table.name} t"):
                for category in CATEGORIES:
                    assert category not in row and category.encode().hex() not in row, table.name


async def test_the_migration_seals_the_categories_already_stored(tmp_path) -> None:
    """A database written before categories were sealed (schema 0004), opened by this version."""
    path = tmp_path / "between.db"
    key = crypto.create_key_file(tmp_path / "between.db.key")
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        upgrade_connection(conn, "0004")
        conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('key_check', ?)",
                             (crypto.Cipher(key).check_value(),))
        at = datetime(2030, 1, 1, tzinfo=timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
        for uid, category in enumerate(CATEGORIES, start=1):
            conn.exec_driver_sql(
                "INSERT INTO users (id, user_key, created_at, seen_at, role, training_notes, "
                "keep_transcript, active) VALUES (?, ?, ?, ?, 'client', 0, 0, 1)",
                (uid, f"tg:{uid}", at, at))
            conn.exec_driver_sql(
                "INSERT INTO safety_events (user_id, at, category) VALUES (?, ?, ?)",
                (uid, at, category))
        conn.commit()
    engine.dispose()
    assert CATEGORIES[0].encode() in b"".join(_files(tmp_path).values())

    store = await Store.open(f"sqlite:///{path}")  # migrates, with the key file beside it
    try:
        for uid, category in enumerate(CATEGORIES, start=1):
            events = (await store.export_user(f"tg:{uid}"))["safety_events"]
            assert [e["category"] for e in events] == [category]
    finally:
        await store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("VACUUM")  # (the old pages' bytes are gone only once overwritten)
    conn.close()
    for name, data in _files(tmp_path).items():
        for category in CATEGORIES:
            assert category.encode() not in data, f"{category} readable in {name}"
