"""Every message of the safety sets with the screen's answer, for a message-by-message
comparison of two versions of the screen (nothing here is a test):

    python -m tests.safety.snapshot > before.json   # with the old code
    python -m tests.safety.snapshot > after.json    # with the new code
    python -m tests.safety.snapshot --compare before.json after.json

A crisis message "loses" when it was caught and no longer is, or had the full reply and now is
asked first; an everyday message "gains" when it fires and did not. A blind batch folder is
left out (in SKIP) while it is being written.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SKIP: set[str] = set()
# the files of messages that must stay quiet: close to a crisis (HARD) or everyday talk
HARD = ("hard_negatives", "hard_hand", "hard_written", "hard_everyday")
QUIET = ("negatives", "ordinary", "ordinary_hand", *HARD, "counsellor", "practice_answers",
         "spoken", "spoken_words", "client_turns")


def _messages() -> dict[str, list[tuple[str, bool]]]:
    """file -> (message, is crisis)."""
    sets: dict[str, list[tuple[str, bool]]] = {}
    for path in sorted(HERE.glob("*/*.txt")):
        if path.parent.name in SKIP or path.name == "README.md":
            continue
        crisis = path.stem not in QUIET
        lines = []
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if "|" in line and path.stem in ("several_categories", "either_category", "negated"):
                line = line.split("|", 1)[1].strip()
            lines.append(line)
        sets[f"{path.parent.name}/{path.name}"] = [(line, crisis) for line in lines]
    for path in sorted((ROOT / "tests" / "partner" / "corpus").glob("heldout*.tsv")):
        rows = (raw.split("\t", 1) for raw in path.read_text(encoding="utf-8").splitlines()
                if raw.strip() and not raw.startswith("#"))
        sets[f"partner/{path.name}"] = [(row[1], False) for row in rows if len(row) == 2]
    return sets


def snapshot() -> dict:
    from bot.safety import DEFAULT_PATHS, SafetyConfig

    config = SafetyConfig.load(DEFAULT_PATHS.rules, DEFAULT_PATHS.resources, DEFAULT_PATHS.messages)
    out = {}
    for name, lines in _messages().items():
        rows = []
        verdicts = config.screen_all([text for text, _ in lines])
        for (text, crisis), verdict in zip(lines, verdicts, strict=True):
            rows.append([text, crisis, verdict.tier if verdict else None,
                         list(verdict.categories) if verdict else []])
        out[name] = rows
    return out


def compare(before: dict, after: dict) -> int:
    lost = gained = won = quiet = 0
    for name, rows in after.items():
        old = {row[0]: row for row in before.get(name, [])}
        for text, crisis, tier, kinds in rows:
            if text not in old:
                continue
            was = old[text][2]
            if crisis:
                if (was and not tier) or (was == "full" and tier != "full"):
                    lost += 1
                    print(f"LOST  {name}: {was} -> {tier}: {text}")
                elif (not was and tier) or (was == "ask" and tier == "full"):
                    won += 1
                    print(f"won   {name}: {was} -> {tier}: {text}")
            else:
                if (not was and tier) or (was == "ask" and tier == "full"):
                    gained += 1
                    print(f"FIRES {name}: {was} -> {tier}: {text}")
                elif (was and not tier) or (was == "full" and tier == "ask"):
                    quiet += 1
                    print(f"quiet {name}: {was} -> {tier}: {text}")
    print(f"crisis messages lost {lost}, won {won}; everyday messages firing more {gained}, "
          f"less {quiet}")
    return 1 if lost else 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--compare"]:
        before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in argv[1:3])
        return compare(before, after)
    json.dump(snapshot(), sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
