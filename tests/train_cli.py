"""The command line the seeded trainers share (tests/safety/train_screen.py,
tests/safety/train_reader.py, tests/partner/train_coder.py): write the model file, or `--check`
that the shipped one is what the data in the repository gives."""

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
    describe: Callable[[bytes, dict[str, Any]], str] | None = None,
) -> int:
    """``what`` names the model in messages ("model", "coder", "reader"); ``target`` retrains
    it; ``same(shipped, trained)`` says whether the shipped bytes are what training gave;
    ``describe(data, header)`` reads the written file back and says what it holds."""
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
    print(f"wrote {out}: {len(data):,} bytes, {(describe or _learned_layer)(data, header)}")
    return 0


def _learned_layer(data: bytes, header: dict[str, Any]) -> str:
    read_model(data)  # reads back
    return f"{header['buckets']:,} buckets; cross-validated: {header['cv']}"
