"""Build the coder's corpus from fragments.py (seeded: the same files every time).

    python -m tests.partner.corpus.make_corpus

Writes train.tsv and heldout.tsv here (`code<TAB>line`). The held-out file uses only the
topics, frames and free lines kept back for it, so the coder never saw its content in
training; heldout_free.tsv (written by hand, in other styles) is a second held-out test.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from tests.partner.corpus import fragments as fr

HERE = Path(__file__).resolve().parent
SEED = 18

# how many lines of each code, in training (held-out gets a quarter as many)
COUNTS = {
    "reflection.simple": 380, "reflection.complex": 380, "question.open": 300,
    "question.closed": 260, "affirmation": 150, "seeking_collaboration": 120,
    "emphasizing_autonomy": 120, "giving_information": 110, "persuade": 170, "confront": 150,
    "other": 110,
}


def split(items: list, held: bool) -> list:
    """The last quarter of a list is held out; the rest is for training."""
    cut = len(items) - max(1, len(items) // 4)
    return items[cut:] if held else items[:cut]


def topics(held: bool) -> list[tuple[str, str, str, str]]:
    return [t for i, t in enumerate(fr.TOPICS) if (i % 5 == 4) == held]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fill(frame: str, rng: random.Random, held: bool) -> str:
    fact, meaning, subject, question = rng.choice(topics(held))
    side_pool = split(fr.SIDES, held)
    p1, p2 = rng.choice(side_pool)
    words = {
        "f": fact, "F": cap(fact), "m": meaning, "M": cap(meaning), "s": subject, "q": question,
        "o": rng.choice([f"worries you about {subject}", f"do you make of {subject}",
                         f"would you change about {subject}", f"does {subject} give you",
                         f"gets in the way when it comes to {subject}"]),
        "p1": p1, "p2": p2, "p1_you": f"you {p1}", "p2_you": f"you {p2}",
        "P1_you": f"You {p1}", "v": rng.choice(fr.VALUES), "g": rng.choice(fr.EFFORTS),
        "a": rng.choice(fr.ACHIEVE), "person": rng.choice(fr.PEOPLE),
        "i": rng.choice(fr.INFO_SUBJECTS), "w": rng.choice(fr.WHATS),
        "w_alt": rng.choice(fr.WHAT_ALT), "x": rng.choice(fr.XS),
        "d": (advice := rng.choice(fr.ADVICE)), "D": cap(advice),
        "feeling": rng.choice(split(fr.FEELINGS, held)),
        "feeling2": rng.choice(split(fr.FEELINGS, held)), "hard": rng.choice(split(fr.HARD, held)),
        "s_cap": cap(subject), "short": (short := rng.choice(split(fr.SHORT_FACTS, held))),
        "short_low": short[:1].lower() + short[1:],
        "short_stem": rng.choice(["So ", "Sounds like ", "You said "]) + short[:1].lower()
        + short[1:], "excuse": rng.choice(fr.EXCUSES), "problem": rng.choice(fr.PROBLEMS),
        "label": rng.choice(fr.LABELS), "bad": rng.choice(fr.BAD_ENDS),
        "quality": rng.choice(split(fr.QUALITIES, held)),
        "together": rng.choice(split(fr.TOGETHER, held)),
        "you_fact": (you_fact := rng.choice(split(fr.YOU_FACTS, held))),
        "You_fact": cap(you_fact),
    }
    return frame.format(**words)


def styled(line: str, rng: random.Random) -> str:
    """Spoken and typed variety: fillers, lower case, no final stop."""
    roll = rng.random()
    if roll < 0.12:
        keep = line.startswith(("I ", "I'"))
        line = rng.choice(["Yeah, ", "Okay, ", "Hmm, ", "Right, ", "Well, ", "And "]) + (
            line if keep else line[:1].lower() + line[1:])
    elif roll < 0.2:
        line = line.lower()
    if rng.random() < 0.15:
        line = line.rstrip(".")
    return line


def generate(held: bool) -> list[tuple[str, str]]:
    rng = random.Random(SEED + (1 if held else 0))
    frames: dict[str, Callable[[], str]] = {
        "reflection.simple": lambda: fill(rng.choice(either(
            fr.SIMPLE, fr.SIMPLE, fr.SHORT_FRAMES, fr.YOU_FRAMES)), rng, held),
        "reflection.complex": lambda: fill(rng.choice(either(
            fr.COMPLEX, fr.DOUBLE, fr.FEEL)), rng, held),
        "question.open": lambda: fill(rng.choice(either(
            fr.OPEN, fr.OPEN_FREE, fr.OPEN_MORE)), rng, held),
        "question.closed": lambda: fill(rng.choice(either(
            fr.CLOSED, fr.CLOSED_FREE, fr.CLOSED_MORE)), rng, held),
        "affirmation": lambda: fill(rng.choice(either(fr.AFFIRM, fr.AFFIRM_MORE)), rng, held),
        "seeking_collaboration": lambda: fill(rng.choice(either(fr.SEEK, fr.SEEK_MORE)),
                                              rng, held),
        "emphasizing_autonomy": lambda: fill(rng.choice(either(fr.AUTONOMY, fr.AUTONOMY_MORE)),
                                             rng, held),
        "giving_information": lambda: rng.choice(split(fr.INFO, held)),
        "persuade": lambda: fill(rng.choice(either(fr.PERSUADE, fr.PERSUADE_MORE)), rng, held),
        "confront": lambda: fill(rng.choice(either(fr.CONFRONT, fr.CONFRONT_MORE)), rng, held),
        "other": lambda: rng.choice(either(fr.OTHER, fr.OTHER_MORE)),
    }
    def either(*lists: list[str]) -> list[str]:
        """One of the frame lists, each as likely (its held-out or training part)."""
        return split(rng.choice(lists), held)

    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for code, count in COUNTS.items():
        want = count // 4 if held else count
        tries = 0
        made = 0
        while made < want and tries < want * 30:
            tries += 1
            line = styled(frames[code](), rng)
            if line.lower() in seen:
                continue
            seen.add(line.lower())
            out.append((code, line))
            made += 1
    return out


def write(path: Path, rows: list[tuple[str, str]]) -> None:
    path.write_text("".join(f"{code}\t{line}\n" for code, line in rows), encoding="utf-8")


def main() -> None:
    written = {line.split("\t", 1)[-1].lower()   # the hand-written held-out lines stay unseen
               for name in ("heldout_free.tsv", "heldout_blind.tsv")
               for line in (HERE / name).read_text(encoding="utf-8").splitlines()}
    train = [(c, line) for c, line in generate(False) if line.lower() not in written]
    held = [(c, line) for c, line in generate(True) if line.lower() not in written]
    train_lines = {line.lower() for _, line in train}
    held = [(c, line) for c, line in held if line.lower() not in train_lines]
    write(HERE / "train.tsv", train)
    write(HERE / "heldout.tsv", held)
    print(f"train.tsv: {len(train)} lines, heldout.tsv: {len(held)} lines")


if __name__ == "__main__":
    main()
