"""URL handling and the sealing format (no database needed)."""
from __future__ import annotations

import pytest

from persistence import DataKeyError, Store, StoreError, generate_key
from persistence.crypto import Cipher, parse_key
from persistence.db import describe, normalise_url


@pytest.mark.parametrize(
    "given, driver",
    [
        ("postgres://u:pw@db.example.com:5432/app", "postgresql+asyncpg"),
        ("postgresql://u:pw@db.example.com/app", "postgresql+asyncpg"),
        ("postgresql+asyncpg://u@h/app", "postgresql+asyncpg"),
        ("sqlite+aiosqlite:///between.db", "sqlite+pysqlite"),
        ("sqlite:///between.db", "sqlite+pysqlite"),
    ],
)
def test_urls_are_normalised(given: str, driver: str) -> None:
    assert normalise_url(given).drivername == driver


def test_sslmode_becomes_asyncpg_ssl_and_descriptions_hide_passwords() -> None:
    u = normalise_url("postgres://user:hunter2@db.example.com:6543/app?sslmode=require")
    assert u.query == {"ssl": "require"}
    d = describe(u)
    assert "db.example.com:6543" in d and "app" in d and "hunter2" not in d


def test_unknown_databases_are_refused_clearly() -> None:
    with pytest.raises(StoreError, match="unsupported database 'mysql'"):
        normalise_url("mysql://u@h/db")
    with pytest.raises(StoreError, match="not a database URL") as e:
        normalise_url("::not a url with secret hunter2::")
    assert "hunter2" not in str(e.value)


def test_sealed_values_detect_wrong_keys_and_moved_blobs() -> None:
    a, b = Cipher(parse_key(generate_key())), Cipher(parse_key(generate_key()))
    blob = a.seal(b"I drank again", b"conversation|1")
    assert a.open(blob, b"conversation|1") == b"I drank again"
    with pytest.raises(DataKeyError, match="does not match"):
        b.open(blob, b"conversation|1")
    with pytest.raises(DataKeyError, match="moved to another row"):
        a.open(blob, b"conversation|2")  # another user's row
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(DataKeyError):
        a.open(tampered, b"conversation|1")
    assert a.seal(b"x", b"p") != a.seal(b"x", b"p")  # fresh nonce every time
    assert a.index("Alcohol ") == a.index("alcohol") != b.index("alcohol")


async def test_postgresql_without_a_key_is_refused_before_connecting() -> None:
    with pytest.raises(DataKeyError, match="BETWEEN_DATA_KEY is not set"):
        await Store.open("postgres://nobody@127.0.0.1:1/nothing")


async def test_in_memory_sqlite_works_with_a_throwaway_key() -> None:
    store = await Store.open("sqlite://")
    async with store.turn("cli:alice") as t:
        t.set_conversation({"step": 1}, "talk", "h")
    async with store.turn("cli:alice") as t:
        assert t.conversation == {"step": 1}
    await store.close()
