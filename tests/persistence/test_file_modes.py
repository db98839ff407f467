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
