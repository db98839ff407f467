"""A child process for the crash and concurrency tests: real turns against a real database.

    python -m tests.persistence.worker crash URL KEY USER
        resume from the stored counter, then forever: one turn per update id (state + two
        outbox messages), printing the counter only after the turn's commit returned.
    python -m tests.persistence.worker hammer URL KEY NAME USERS SEQS
        after a line on stdin (the start signal), for seq 1..SEQS and each of USERS users
        (shuffled per round):
        one turn with update id user*100000+seq that appends seq to the state; prints a JSON
        summary at the end.
"""
from __future__ import annotations

import asyncio
import json
import random
import sys

from persistence import Store


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


async def hammer(url: str, key: str, name: str, users: int, seqs: int) -> None:
    store = await Store.open(url, data_key=key or None, retry_for=30)
    sys.stdin.readline()
    committed = duplicates = 0
    rng = random.Random(name)
    order = list(range(users))
    for seq in range(1, seqs + 1):
        rng.shuffle(order)  # the workers meet on the same user at different moments
        for u in order:
            async with store.turn(f"tg:{u}", u * 100000 + seq) as t:
                if t.duplicate:
                    duplicates += 1
                    continue
                got = (t.conversation or {}).get("seqs", [])
                await asyncio.sleep(random.random() * 0.001)  # widen the window for interleaving
                t.set_conversation({"seqs": got + [seq]}, "hammer", "v1")
                t.enqueue([{"seq": seq, "by": name}])
            committed += 1
    await store.close()
    print(json.dumps({"name": name, "committed": committed, "duplicates": duplicates}), flush=True)


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    if mode == "crash":
        asyncio.run(crash(*args))
    else:
        url, key, name, users, seqs = args
        asyncio.run(hammer(url, key, name, int(users), int(seqs)))
