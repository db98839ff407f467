"""A child process for the crash and concurrency tests: real turns against a real database.
The tests fork it from a process that has already imported the store (``forked``); as a
command:

    python -m tests.persistence.worker crash URL KEY USER
        resume from the stored counter, then forever: one turn per update id (state + two
        outbox messages), printing the counter only after the turn's commit returned.
    python -m tests.persistence.worker group URL KEY USERS
        USERS clients at once, each doing turns like ``crash``; prints "user counter" after each
        turn's commit returned (and the largest group commit so far).
    python -m tests.persistence.worker hammer URL KEY NAME USERS SEQS
        after a line on stdin (the start signal), for seq 1..SEQS and each of USERS users
        (shuffled per round):
        one turn with update id user*100000+seq that appends seq to the state (run again when
        the other process changed the user meanwhile); prints a JSON summary at the end.
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import sys
from multiprocessing.connection import Connection

from persistence import Store, StoreUnavailable, Turn, TurnConflict


async def crash(url: str, key: str, user: str) -> None:
    store = await Store.open(url, data_key=key or None)
    async with store.turn(user) as t:
        n = (t.conversation or {}).get("n", 0)
    print("ready", n, flush=True)
    pad = "x" * 400
    while True:
        n += 1
        async with store.turn(user, n) as t:
            assert not t.duplicate
            t.set_conversation({"n": n, "pad": pad}, "crash", "v1")
            t.enqueue([{"n": n, "part": 1}, {"n": n, "part": 2}])
        print(n, flush=True)


async def group(url: str, key: str, users: int) -> None:
    """``users`` clients at once, each turn after turn; ``<user> <n>`` is printed only after
    that turn's commit returned. Their turns finish close together: group commits."""
    store = await Store.open(url, data_key=key or None)
    counters = []
    for u in range(users):
        async with store.turn(f"tg:g{u}") as t:
            counters.append((t.conversation or {}).get("n", 0))
    print("ready", " ".join(map(str, counters)), flush=True)
    pad = "y" * 300
    backend = store._backend

    async def client(u: int, n: int) -> None:
        while True:
            n += 1
            async with store.turn(f"tg:g{u}", u * 10_000_000 + n) as t:
                assert not t.duplicate
                t.set_conversation({"n": n, "pad": pad}, "crash", "v1")
                t.enqueue([{"n": n, "part": 1}, {"n": n, "part": 2}])
            print(u, n, getattr(getattr(backend, "stats", None), "largest", 0), flush=True)

    await asyncio.gather(*(client(u, n) for u, n in enumerate(counters)))


async def hammer(url: str, key: str, name: str, users: int, seqs: int) -> None:
    store = await Store.open(url, data_key=key or None, retry_for=30)
    print("ready", flush=True)
    sys.stdin.readline()  # "go": sent once both workers are ready, so that they meet
    committed = duplicates = 0
    rng = random.Random(name)
    order = list(range(users))
    runs = 0

    for seq in range(1, seqs + 1):
        rng.shuffle(order)  # the workers meet on the same user at different moments
        for u in order:
            async def step(t: Turn, seq: int = seq) -> bool:
                nonlocal runs
                runs += 1
                got = (t.conversation or {}).get("seqs", [])
                await asyncio.sleep(random.random() * 0.001)  # widen the window for interleaving
                t.set_conversation({"seqs": got + [seq]}, "hammer", "v1")
                t.enqueue([{"seq": seq, "by": name}])
                return True

            # a turn the other process got in the way of runs again (``TurnConflict``), as
            # Telegram delivers an update again that was not acknowledged
            while True:
                try:
                    async with store.turn(f"tg:{u}", u * 100000 + seq) as t:
                        done = not t.duplicate and await step(t)
                    break
                except StoreUnavailable as e:
                    if not e.transient:
                        raise
                    if not isinstance(e, TurnConflict):
                        await asyncio.sleep(0.05)
            if done:
                committed += 1
            else:
                duplicates += 1
    await store.close()
    print(json.dumps({"name": name, "committed": committed, "duplicates": duplicates,
                      "runs": runs}), flush=True)


def main(argv: list[str]) -> None:
    mode, *args = argv
    if mode == "crash":
        asyncio.run(crash(*args))
    elif mode == "group":
        asyncio.run(group(args[0], args[1], int(args[2])))
    else:
        url, key, name, users, seqs = args
        asyncio.run(hammer(url, key, name, int(users), int(seqs)))


def forked(argv: list[str], stdin: Connection, stdout: Connection, stderr: Connection) -> None:
    """main() in a process forked from one that has imported this module (the tests'
    multiprocessing fork server): its standard streams are the three pipes it was given."""
    for stream, fd in ((stdin, 0), (stdout, 1), (stderr, 2)):
        os.dup2(stream.fileno(), fd)
        stream.close()
    sys.stdin = open(0, encoding="utf-8")
    sys.stdout = open(1, "w", encoding="utf-8", buffering=1)
    sys.stderr = open(2, "w", encoding="utf-8", buffering=1)
    main(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
