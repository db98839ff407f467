"""`between code`: the MITI code of each counsellor line read from stdin."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO


def run_code(lines: TextIO, out: TextIO, *, as_json: bool) -> int:
    from bot.partner.coder import shipped  # not loaded for every other `between` command

    coder = shipped()
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        coded = coder.code(line)
        print(
            json.dumps(coded.to_json()) if as_json else f"{coded.code}\t{line}",
            file=out,
            flush=True,
        )
    return 0


def cmd_code(args: argparse.Namespace, _settings: object) -> int:
    return run_code(sys.stdin, sys.stdout, as_json=args.json)


def register(sub: argparse._SubParsersAction) -> None:
    """Adds `between code` to the command line."""
    code = sub.add_parser("code", help="MITI code of each counsellor line on stdin")
    code.add_argument(
        "--json", action="store_true", help='one {"code", "confidence"} object per line'
    )
    code.set_defaults(func=cmd_code)
