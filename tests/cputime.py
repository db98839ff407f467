"""Where the suite's CPU goes, per file and per test (docs/testing.md).

    CPUTIME_DIR=/tmp/cpu .venv/bin/python -m pytest -p tests.cputime   # a JSON line per test
    .venv/bin/python -m tests.cputime /tmp/cpu [N]    # per file, then the N slowest

A test's CPU is that of its own process (setup, call and teardown) and of the subprocesses it
waited for, from os.times(); a process nobody waits for (a fork server, a browser closed at the
end) counts only in the whole run's `/usr/bin/time -v`.
"""

from __future__ import annotations

import collections
import glob
import json
import os
import sys
import time
from collections.abc import Iterator
from typing import IO, Any

import pytest

_out: IO[str] | None = None


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: Any) -> Iterator[None]:
    global _out
    folder = os.environ.get("CPUTIME_DIR")
    if folder and _out is None:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        _out = open(os.path.join(folder, f"cpu-{worker}.jsonl"), "a", encoding="utf-8")
    cpu, wall = _cpu(), time.monotonic()
    yield
    if _out is not None:
        row = {"id": item.nodeid, "cpu": _cpu() - cpu, "wall": time.monotonic() - wall}
        _out.write(json.dumps(row) + "\n")
        _out.flush()


def main(folder: str, slowest: int = 20) -> None:
    rows = [json.loads(line) for name in glob.glob(os.path.join(folder, "cpu-*.jsonl"))
            for line in open(name, encoding="utf-8")]
    files: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0])
    for row in rows:
        total = files[row["id"].split("::", 1)[0]]
        total[0] += row["cpu"]
        total[1] += row["wall"]
        total[2] += 1
    print(f"{len(rows)} tests, {sum(r['cpu'] for r in rows):.1f} s of CPU\n\n"
          "  CPU s  wall s  tests  file")
    for name, (cpu, wall, count) in sorted(files.items(), key=lambda kv: -kv[1][0])[:25]:
        print(f"{cpu:7.1f} {wall:7.1f} {count:6d}  {name}")
    print("\n  CPU s  wall s  test")
    for row in sorted(rows, key=lambda r: -r["cpu"])[:slowest]:
        print(f"{row['cpu']:7.1f} {row['wall']:7.1f}  {row['id']}")


if __name__ == "__main__":
    main(sys.argv[1], *(int(n) for n in sys.argv[2:3]))
