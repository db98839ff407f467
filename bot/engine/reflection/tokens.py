"""Messages as tokens: words and punctuation, each remembering whether a space came before it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r"\d+(?:[.:/,]\d+)+\w*|[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+)*|[.!?]+|…+|\S")
QUOTES = {'"', "“", "”", "‘", "’", "«", "»"}
ENDS = {".", "!", "?", "…", ";", "\n"}


@dataclass(slots=True)
class Token:
    text: str
    space: bool  # a space before it in the message
    key: str = ""  # lower case with straight apostrophes; "" for punctuation
    quoted: bool = False  # inside quotation marks: someone else's words, left as they are

    @property
    def is_word(self) -> bool:
        return bool(self.key)


def word(text: str, space: bool = True, quoted: bool = False) -> Token:
    return Token(text, space, text.lower().replace("’", "'"), quoted)


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return (
        code >= 0x1F000
        or 0x2600 <= code <= 0x27BF
        or code in (0xFE0F, 0x200D, 0x2B50)
        or unicodedata.category(char) in ("So", "Sk", "Cs")
    )


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text``; emoji are dropped, line breaks end a sentence."""
    out: list[Token] = []
    quoted = False
    for line in text.splitlines():
        line_start = len(out)
        for match in _TOKEN.finditer(line):
            piece = match.group(0)
            space = match.start() > 0 and line[match.start() - 1].isspace()
            if len(piece) == 1 and _is_emoji(piece):
                continue
            if piece in QUOTES and not (piece == "’" and not space):
                quoted = not quoted
                out.append(Token(piece, space))
                continue
            if piece[0].isalnum():
                out.append(word(piece, space, quoted))
            else:
                out.append(Token(piece, space))
        if len(out) > line_start and out[-1].text not in ENDS:
            out.append(Token("\n", False))
        quoted = False
    return out


def render(tokens: list[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        if token.text == "\n":
            continue
        if parts and (token.space or (token.is_word and parts[-1][-1:] in ".!?;,")):
            parts.append(" ")
        parts.append(token.text)
    text = "".join(parts).strip()
    text = re.sub(r"\s+([,.!?;:])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    return text


def words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.is_word]


def sentences(tokens: list[Token]) -> list[list[Token]]:
    """Split at sentence ends (the end mark stays with its sentence)."""
    out, current = [], []
    for token in tokens:
        current.append(token)
        if token.text in ENDS or token.text[:1] in "!?." and not token.is_word:
            if any(t.is_word for t in current):
                out.append(current)
            current = []
    if any(t.is_word for t in current):
        out.append(current)
    return out
