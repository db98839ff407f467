"""Real processes: SIGKILL at random moments, and two workers hammering the same users."""
from __future__ import annotations

import json
import os
import random
import signal
from collections.abc import Iterator
from typing import Any

import pytest

from tests.forks import fork_server

from .helpers import raw, scalar
from .worker import forked


@pytest.fixture(scope="session")
def forks() -> Iterator[Any]:
    """The children are forked from one process per test process that has imported the store
    and tests/persistence/worker.py (tests/forks.py): a child starts in milliseconds instead of
    the 0.7 s of CPU a new Python process takes to import SQLAlchemy and the store. Each is
    still a process of its own, with its own store and connections, killed with SIGKILL."""
    yield from fork_server()


class Child:
    """A worker process, forked, used like subprocess.Popen: ``stdout`` and ``stderr`` read its
    output, ``stdin`` (when asked for, else the child reads an empty stdin) writes to it."""

    def __init__(self, forks: Any, *args: str, stdin: bool = False) -> None:
        (in_r, in_w), (out_r, out_w), (err_r, err_w) = (forks.Pipe(duplex=False) for _ in range(3))
        self.process = forks.Process(target=forked, args=(list(args), in_r, out_w, err_w),
                                     daemon=True)
        self.process.start()
        self.pid = self.process.pid
        for end in (in_r, out_w, err_w):  # the child's ends: its output ends when it does
            end.close()
        self.stdout = open(os.dup(out_r.fileno()), encoding="utf-8")
        self.stderr = open(os.dup(err_r.fileno()), encoding="utf-8")
        self.stdin = open(os.dup(in_w.fileno()), "w", encoding="utf-8") if stdin else None
        for end in (out_r, err_r, in_w):
            end.close()

    @property
    def returncode(self) -> int | None:
        return self.process.exitcode

    def wait(self, timeout: float | None = 120) -> int | None:
        self.process.join(timeout)
        return self.returncode

    def __del__(self) -> None:
        for stream in (self.stdout, self.stderr, self.stdin):
            if stream is not None:
                stream.close()

    def communicate(self, timeout: float | None = None) -> tuple[str, str]:
        out, err = self.stdout.read(), self.stderr.read()
        self.wait(timeout)
        return out, err


def _spawn(forks: Any, *args: str, stdin: bool = False) -> Child:
    return Child(forks, *args, stdin=stdin)


KILLS = 6


async def test_sigkill_never_loses_a_committed_turn_nor_leaves_half_of_one(db, store, forks) -> None:
    await store.close()  # the children own the database now (and on SQLite made the key file)
    rng = random.Random(os.getpid())
    key = db.key or ""
    committed = 0  # highest counter a child printed after its commit returned
    for round_ in range(KILLS):
        child = _spawn(forks, "crash", db.url, key, "tg:crash")
        ready = child.stdout.readline().split()
        assert ready and ready[0] == "ready", child.stderr.read()
        resumed = int(ready[1])
        # every turn whose commit returned is there (at most one more may have landed unprinted)
        assert committed <= resumed <= committed + 1, (round_, committed, resumed)
        # kill after a random number of committed turns: the kill lands anywhere in the loop
        # (a few dozen turns are enough for that; each waits for a disk flush)
        target = rng.randint(1, 40)
        seen = resumed
        for _ in range(target):
            line = child.stdout.readline()
            if not line:
                break
            seen = int(line)
        os.kill(child.pid, signal.SIGKILL)
        rest = child.stdout.read()  # lines already in the pipe were committed too
        child.wait()
        for line in rest.split():
            seen = int(line)
        assert child.returncode == -signal.SIGKILL
        committed = max(committed, seen)

    s = await db.open()
    try:
        async with s.turn("tg:crash") as t:
            final = t.conversation["n"]
        assert committed <= final <= committed + 1
        items = await s.outbox_pending(limit=100000, lease=0)
        assert [(i.payload["n"], i.payload["part"]) for i in items] == [
            (n, part) for n in range(1, final + 1) for part in (1, 2)
        ], "an outbox message of a committed turn is missing, or one of an uncommitted turn is there"
        assert await scalar(db, "SELECT count(*) FROM processed_updates") == final
        if db.kind == "sqlite":
            assert (await raw(db, "PRAGMA integrity_check")) == [("ok",)]
    finally:
        await s.close()


GROUP_USERS = 12


async def test_sigkill_during_group_commits_loses_no_acknowledged_turn(db, store, forks) -> None:
    """Many clients' turns commit together; a SIGKILL lands at a random moment, often in the
    middle of a flush. Every turn acknowledged (its commit returned) is there, and every turn
    that is there is there whole: its state, both its messages, its update id."""
    await store.close()
    rng = random.Random(os.getpid() + 1)
    key = db.key or ""
    acked = [0] * GROUP_USERS
    largest = 0
    for round_ in range(KILLS):
        child = _spawn(forks, "group", db.url, key, str(GROUP_USERS))
        ready = child.stdout.readline().split()
        assert ready and ready[0] == "ready", child.stderr.read()
        resumed = [int(n) for n in ready[1:]]
        for u in range(GROUP_USERS):  # at most one more than acknowledged may have landed
            assert acked[u] <= resumed[u] <= acked[u] + 1, (round_, u, acked[u], resumed[u])
        acked = resumed
        for _ in range(rng.randint(10, 100)):
            line = child.stdout.readline()
            if not line.endswith("\n"):  # the child died mid-line: not an acknowledgement
                break
            u, n, big = map(int, line.split())
            acked[u], largest = n, max(largest, big)
        os.kill(child.pid, signal.SIGKILL)
        for line in child.stdout.read().splitlines(keepends=True):  # in the pipe: acked too
            if not line.endswith("\n"):
                break
            u, n, big = map(int, line.split())
            acked[u], largest = n, max(largest, big)
        child.wait()
        assert child.returncode == -signal.SIGKILL, child.stderr.read()
    if db.kind == "sqlite":
        assert largest > 1, "no group commit happened"

    s = await db.open()
    try:
        final = []
        for u in range(GROUP_USERS):
            async with s.turn(f"tg:g{u}") as t:
                final.append(t.conversation["n"])
            assert acked[u] <= final[u] <= acked[u] + 1
        items = await s.outbox_pending(limit=100000, lease=0)
        for u in range(GROUP_USERS):
            mine = [(i.payload["n"], i.payload["part"]) for i in items if i.user_key == f"tg:g{u}"]
            assert mine == [(n, part) for n in range(1, final[u] + 1) for part in (1, 2)], u
        assert await scalar(db, "SELECT count(*) FROM processed_updates") == sum(final)
        if db.kind == "sqlite":
            assert (await raw(db, "PRAGMA integrity_check")) == [("ok",)]
    finally:
        await s.close()


USERS, SEQS = 4, 40


async def test_two_workers_keep_each_users_order_and_lose_nothing(db, store, forks) -> None:
    await store.close()
    key = db.key or ""
    workers = [_spawn(forks, "hammer", db.url, key, name, str(USERS), str(SEQS), stdin=True) for name in ("A", "B")]
    for w in workers:  # both have opened their store before either starts
        assert w.stdout.readline().strip() == "ready", w.stderr.read()
    for w in workers:
        w.stdin.write("go\n")
        w.stdin.flush()
    results = []
    for w in workers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert sum(r["committed"] for r in results) == USERS * SEQS
    if db.kind == "postgresql":
        # Both really worked on the same users. (On SQLite one process may be through before
        # the other has started: correct either way; the runs show when they met.)
        assert all(r["committed"] > 0 for r in results), f"no contention happened: {results}"

    s = await db.open()
    try:
        for u in range(USERS):
            async with s.turn(f"tg:{u}") as t:
                assert t.conversation["seqs"] == list(range(1, SEQS + 1)), f"user {u}: order broken or turn lost"
                assert t.rev == SEQS
        items = await s.outbox_pending(limit=100000, lease=0)
        for u in range(USERS):
            mine = [i.payload["seq"] for i in items if i.user_key == f"tg:{u}"]
            assert mine == list(range(1, SEQS + 1))
    finally:
        await s.close()
