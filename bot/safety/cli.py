"""`between screen`: one JSON verdict per line of input, for staff testing their rules.

    $ printf "he won't wake up\nthis workout is killing me\n" | between screen
    {"category": "overdose_medical", "rule": "will_not_wake", "negated": false,
     "categories": ["overdose_medical"], "layer": "both", "tier": "full"}
    {"category": null, "rule": null, "negated": false, "categories": [], "layer": null,
     "tier": null}

"layer": which layer fired (rules, model or both); "tier": "full" (the crisis reply at once)
or "ask" ("Are you safe right now?" first). Only the verdict is written, never stored.

Until the command is wired into `between`, the same runs as `python -m bot.safety.cli`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from bot.engine.problems import ContentError

from . import DEFAULT_PATHS, SafetyConfig

_NONE: dict[str, object] = {
    "category": None,
    "rule": None,
    "negated": False,
    "categories": [],
    "layer": None,
    "tier": None,
}


def run_screen(
    config: SafetyConfig, stdin: TextIO, stdout: TextIO, *, show_text: bool = False
) -> int:
    """Screen each line of ``stdin``; write one JSON object per line to ``stdout``.

    Every input line gets exactly one output line, empty lines included, so outputs line up
    with inputs. ``show_text`` adds the input line as "text" (handy when reading a long file).
    Returns the number of lines that matched.
    """
    hits = 0
    for raw in stdin:
        line = raw.rstrip("\r\n")
        verdict = config.screen(line)
        result = verdict.to_json() if verdict else dict(_NONE)
        if verdict:
            hits += 1
        if show_text:
            result["text"] = line
        stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        stdout.flush()
    return hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.safety.cli",
        description="Screen each input line; print one JSON verdict a line.",
    )
    parser.add_argument("--rules", default=str(DEFAULT_PATHS.rules))
    parser.add_argument("--resources", default=str(DEFAULT_PATHS.resources))
    parser.add_argument("--messages", default=str(DEFAULT_PATHS.messages))
    parser.add_argument(
        "--show-text", action="store_true", help="repeat each input line in the output"
    )
    args = parser.parse_args(argv)
    try:
        config = SafetyConfig.load(args.rules, args.resources, args.messages)
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    run_screen(config, sys.stdin, sys.stdout, show_text=args.show_text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
