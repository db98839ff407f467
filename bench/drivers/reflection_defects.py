"""Counting what makes a reflection read badly (issue 13's defect kinds), for the corpus tests
and bench/reflect_bench.py. The corpora are test data in tests/engine/reflection/, read by path."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.engine.reflection import reflect, shape
from bot.engine.reflection.words import SAY

HERE = Path(__file__).resolve().parents[2] / "tests" / "engine" / "reflection"
# Stems the flows use, so that doubled stems and sentence starts are checked in place.
STEMS = ("So", "You're noticing that", "So it matters because", "You're having an urge to",
         "So on one occasion:", "In your words, then:")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|(?<!\w)'[^']*'(?!\w)")
_FIRST = re.compile(r"\b(I|me|my|mine|myself|I'm|I've|I'd|I'll)\b")
_SECOND = re.compile(r"\b(you|your|yours|yourself|you're|you've|you'd|you'll|u|ur|ya)\b", re.I)
_AGREEMENT = re.compile(
    r"(?<!if )\bI (are|were|weren't)\b|\byou (am|was|wasn't|is)\b|\b(was|wasn't|am) you\b"
    r"|\b(are|were) I\b|\bit (am|are)\b|\byou's\b|\bI's\b")
_FILLER = re.compile(r"\b(um+|uh+|erm|tbh|ngl|lol|lmao|kinda|sorta|you guess|you mean|I mean"
                     r"|I guess|you know,)\b|^(so|well|yeah|ok|okay)\b", re.I)
MAX_WORDS = 20


def load(name: str) -> list[tuple[str, str, str | None]]:
    rows = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    return [(row[0], row[1], row[2] if len(row) > 2 else None) for row in rows]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def defects(message: str) -> list[str]:
    """The defect kinds found in what the bot gives back for ``message`` (plain and stems)."""
    found: list[str] = []
    kind = shape(message)
    plain = reflect(message)
    if kind == "vague":
        if plain or reflect(message, "So") != SAY["vague"]:
            found.append("vague reflected")
        return found
    said = _QUOTED.sub("", plain)
    asked = len(_SECOND.findall(_QUOTED.sub("", message)))
    if len(_FIRST.findall(said)) > asked:
        found.append("first person left")
    if _AGREEMENT.search(said):
        found.append("agreement")
    if _FILLER.search(plain):
        found.append("filler kept")
    body = plain
    if kind == "question":
        body = body[len(SAY["question"]):]
    if len(words(body)) > MAX_WORDS:
        found.append("over 20 words")
    for stem in STEMS:
        text = reflect(message, stem)
        if _doubled(text):
            found.append("doubled")
        if not text[:1].isupper() or re.search(r"[.!?]\s+[a-z]", text):
            found.append("lower-case start")
    if not plain.strip():
        found.append("empty")
    return sorted(set(found))


def _doubled(text: str) -> bool:
    ws = [w.lower() for w in words(text)]
    for n in (1, 2, 3, 4):
        for i in range(len(ws) - 2 * n + 1):
            if ws[i:i + n] == ws[i + n:i + 2 * n] and ws[i] not in ("had", "that", "very"):
                return True
    return False
