"""`make bench`: every benchmark in one run, then all figures as `name: value unit` lines.

    python bench/run.py [--quick]

Each benchmark measures its own comparison (the floor it is judged against) in the same
process, so the ratios hold on a noisy shared machine even when the absolute numbers move.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["engine_bench.py", "screen_bench.py", "store_bench.py", "telegram_bench.py", "burst_bench.py"]


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU") \
        if Path("/proc/cpuinfo").exists() else platform.processor()
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    print(f"machine: {machine()}")
    failed = 0
    for name in BENCHES:
        path = HERE / name
        if not path.exists():
            continue
        print(f"# {name}", flush=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(path)] + (["--quick"] if quick else []),
                                capture_output=True, text=True)
        print(result.stdout, end="")
        if result.returncode:
            failed += 1
            print(f"{name} failed:\n{result.stderr[-2000:]}", file=sys.stderr)
        print(f"# {name} took {time.perf_counter() - start:.1f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
