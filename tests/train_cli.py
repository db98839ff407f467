"""The command line the two seeded trainers share (tests/safety/train_screen.py,
tests/partner/train_coder.py): write the model file, or `--check` that the shipped one is
byte for byte what the data in the repository gives (a step of `make test`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.safety.model import read_model


def run(
    argv: list[str] | None,
    *,
    prog: str,
    train: Callable[[], tuple[bytes, dict[str, Any]]],
    default_out: Path,
    what: str,
    target: str,
    same: Callable[[bytes, bytes], bool] = bytes.__eq__,
) -> int:
    """``what`` names the model in messages ("model", "coder"); ``target`` retrains it;
    ``same(shipped, trained)`` says whether the shipped bytes are what training gave."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("--check", action="store_true",
                        help="train in memory and check the shipped model is what training gives")
    parser.add_argument("--out", default=str(default_out))
    args = parser.parse_args(argv)
    data, header = train()
    out = Path(args.out)
    if args.check:
        matches = same(out.read_bytes(), data)
        print(f"the shipped {what} matches its training data" if matches
              else f"the shipped {what} differs from what the data gives: run make {target}")
        return 0 if matches else 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    read_model(data)  # reads back
    print(f"wrote {out}: {len(data):,} bytes, {header['buckets']:,} buckets; "
          f"cross-validated: {header['cv']}")
    return 0
