"""The SQLite database and its -wal and -shm files are private to the bot's user (0600), like
the data key: they hold who used the bot and when, whatever the umask."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from persistence import Store
from persistence.migrate import SCHEMA_REVISION

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0o022)  # the usual default: files readable by everyone
    yield
    os.umask(old)


async def test_the_store_creates_its_files_0600(tmp_path, open_umask):
    db = tmp_path / "between.db"
    store = await Store.open(f"sqlite:///{db}")
    try:
        async with store.turn("tg:1", 1) as t:
            t.enqueue([{"text": "hello"}])
        files = [db, *(tmp_path / f"between.db{end}" for end in ("-wal", "-shm", ".key"))]
        assert {f.name: oct(mode(f)) for f in files} == {f.name: "0o600" for f in files}
    finally:
        await store.close()
    assert mode(db) == 0o600


async def test_an_existing_database_readable_by_others_is_made_private(
        tmp_path, open_umask, caplog):
    db = tmp_path / "between.db"
    store = await Store.open(f"sqlite:///{db}")
    await store.close()
    db.chmod(0o644)
    store = await Store.open(f"sqlite:///{db}")
    try:
        async with store.turn("tg:1", 1) as t:
            t.enqueue([{"text": "hello"}])
        assert mode(db) == 0o600
        assert mode(tmp_path / "between.db-wal") == 0o600
    finally:
        await store.close()
    assert "0600" in caplog.text


def test_between_db_upgrade_creates_the_database_0600(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'between.db'}"}
    program = ("import os, sys; os.umask(0o022); sys.argv = ['between', 'db', 'upgrade']; "
               "from bot.cli import main; sys.exit(main())")
    subprocess.run([sys.executable, "-c", program], env=env, cwd=ROOT, check=True,
                   capture_output=True, timeout=120)
    assert mode(tmp_path / "between.db") == 0o600


async def test_a_new_database_has_the_schema_the_migrations_give_an_empty_file(tmp_path):
    """A new database starts as a copy of the migrated schema (made once per process); an
    empty file is migrated step by step. Both must hold the same tables, indexes and revision."""
    import sqlite3

    seeded, migrated = tmp_path / "new.db", tmp_path / "empty.db"
    migrated.touch()
    for db in (seeded, migrated):
        store = await Store.open(f"sqlite:///{db}")
        async with store.turn("tg:1", 1) as t:
            t.enqueue([{"text": "hello"}])
        await store.close()

    def schema(db: Path) -> tuple[list[tuple[str, str, str]], list[str]]:
        with sqlite3.connect(db) as conn:
            objects = conn.execute(
                "SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
            revision = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
        return objects, revision

    assert schema(seeded) == schema(migrated)
    assert schema(seeded)[1] == [SCHEMA_REVISION]
    assert mode(seeded) == 0o600
