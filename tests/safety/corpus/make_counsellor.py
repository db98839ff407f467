"""Writes tests/safety/corpus/counsellor.txt: ordinary counsellor-style lines for the learned
screen, as negatives.

Trainees type counsellor replies in /practise, and clients quote what others say to them, so the
screen must know second-person talk, questions and information about using as ordinary talk.
The lines come from the practice partner's training corpus (tests/partner/corpus/train.tsv,
column 2). Its held-out files (heldout*.tsv) are never read: they measure the fire rate.

Kept only when clearly not about a crisis: a line is dropped when it says anything a reader
could take for suicide, self-harm, an overdose or a medical emergency, violence or abuse, or
dangerous withdrawal (CRISIS_TOPIC below; deliberately broad, so that a few ordinary lines are
dropped too). Lines that differ only in case, punctuation or a leading filler ("So", "Hmm",
"It sounds like") count once, and each such core at most CAP times.
Seeded: running it again writes the same file.

    python -m tests.safety.corpus.make_counsellor
"""
from __future__ import annotations

import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1] / "partner" / "corpus" / "train.tsv"
OUT = HERE / "counsellor.txt"
SEED = 14
CAP = 2

# Any of these words drops the line. Broad on purpose: a negative must never be a crisis.
CRISIS_TOPIC = re.compile(r"""\b(
    suicid\w* | kill\w* | die | dies | died | dying | dead | death\w* | end\ it | end\ things
  | life | live | living | alive | unbearable | go\ on | going\ on | keep\ going | going\ like
  | hopeless | no\ point | too\ heavy | cope | coping | cry\w* | tears | give\ up | gone
  | goodbye | disappear\w* | hang\w* | rope | bridge
  | harm\w* | hurt\w* | cut\ (yourself|myself|himself|herself|themselves)
  | cutting\ (yourself|myself)
  | self | blood\w* | bleed\w* | knife | knives | blade\w* | razor\w* | burn\w* | scar\w*
  | overdos\w* | od | ods | od'd | too\ (much|many) | all\ (the|your|his|her|my) | lots?\ of
  | enough | stash | lethal | fatal | naloxone | narcan | ambulance | 911 | 999 | emergency
  | a\ and\ e | a&e | breath\w* | unconscious | unresponsive | wake | woke | waking | blue
  | collaps\w* | pass(ed)?\ out | black(ed)?\ out | alone | mix\w* | combin\w* | fent\w*
  | hit\w* | beat\w* | punch\w* | slap\w* | kick\w* | abus\w* | violen\w* | threat\w*
  | weapon\w* | gun\w* | attack\w* | rape\w* | touch\w* | assault\w* | scared | afraid
  | safe | unsafe | danger\w* | fight\w* | angry\ with\ you | shout\w* | police | custody
  | seizure\w* | fit | fits | shak\w* | trembl\w* | tremor\w* | sweat\w* | dts | delirium
  | hallucinat\w* | seeing\ things | hearing\ things | voices | withdraw\w* | detox\w*
  | cold\ turkey | dopesick | sick | rattl\w* | heart | chest | hospital | pain | ill
)\b""", re.IGNORECASE | re.VERBOSE)

FILLER = re.compile(
    r"^(so|and|right|okay|ok|yeah|hmm|mm|well|uh huh|basically|really|for you|at the moment|"
    r"it sounds like|sounds like|it seems like|it seems|i'm guessing|i wonder if|maybe|"
    r"if i'm hearing you right|if i've got this right|what i'm hearing is|you're saying|"
    r"you're telling me)\b[ ,]*",
    re.IGNORECASE)


def core(line: str) -> str:
    """The line without case, punctuation or leading fillers (near-duplicates share it)."""
    text = re.sub(r"[^\w' ]+", " ", line.lower())
    text = re.sub(r"\s+", " ", text).strip()
    while True:
        shorter = FILLER.sub("", text).strip()
        if shorter == text:
            return text
        text = shorter


def lines() -> list[str]:
    rows = [raw.split("\t", 1) for raw in SOURCE.read_text(encoding="utf-8").splitlines()
            if raw.strip() and not raw.startswith("#")]
    texts = [row[1].strip() for row in rows if len(row) == 2]
    kept: list[str] = []
    seen: dict[str, int] = {}
    exact: set[str] = set()
    for text in texts:
        if CRISIS_TOPIC.search(text):
            continue
        key = core(text)
        if not key or text.lower() in exact or seen.get(key, 0) >= CAP:
            continue
        seen[key] = seen.get(key, 0) + 1
        exact.add(text.lower())
        kept.append(text)
    random.Random(SEED).shuffle(kept)
    return kept


def main() -> None:
    kept = lines()
    header = [
        "# Ordinary counsellor-style lines (second person, questions, information about using),",
        "# as negatives for the learned crisis screen. Derived from the practice partner's",
        "# corpus tests/partner/corpus/train.tsv (never its held-out files), crisis topics left",
        "# out. Written by tests/safety/corpus/make_counsellor.py (do not edit by hand).",
    ]
    OUT.write_text("\n".join(header + kept) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(kept)} lines")


if __name__ == "__main__":
    main()
