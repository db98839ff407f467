"""Pure helpers that turn the engine's words and choices into Telegram messages.

Nothing here talks to Telegram or keeps state; everything is safe to import anywhere.

* **Callback data** is stamped with the conversation revision, so that a press on an old keyboard
  can be recognised: ``encode_callback(7, "yes") == "7:yes"`` and ``parse_callback("7:yes")``
  gives ``CallbackData(rev=7, choice="yes")``. The revision is written in base 36. Data always
  fits Telegram's 64 bytes: a choice too long to fit is sent as a digest (``"7#3f1c..."``) that
  :meth:`CallbackData.resolve` matches against the choices of the current step. Anything else
  (junk, tampered, other bots' formats) parses to ``None``.
* **Plain text**: messages are sent without a parse mode, so nothing a client wrote can turn
  into markup.
* **Length**: :func:`split_text` cuts a text that is too long into parts of at most 4096
  characters (as Telegram counts them: in UTF-16 code units, which is never less than the
  number of code points), on paragraph, then line, then word boundaries.
* **Keyboards**: :func:`build_keyboard` lays out (label, data) pairs in rows of 1-3 buttons,
  depending on how long the labels are.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

__all__ = [
    "MAX_CALLBACK_DATA_BYTES",
    "MAX_MESSAGE_LENGTH",
    "CallbackData",
    "build_keyboard",
    "keyboard_json",
    "encode_callback",
    "keyboard_rows",
    "parse_callback",
    "split_text",
    "text_length",
]

MAX_MESSAGE_LENGTH = 4096
MAX_CALLBACK_DATA_BYTES = 64

_PIECES_RE = re.compile(r"\s|[^\s]+")  # single whitespace characters and words


@dataclass(frozen=True)
class _Token:
    raw: str
    width: int  # length in UTF-16 code units


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(0), _utf16(m.group(0))) for m in _PIECES_RE.finditer(text)]


def _chars(token: _Token) -> list[_Token]:
    """A word split into characters (for a cut inside a word longer than a message)."""
    return [_Token(ch, _utf16(ch)) for ch in token.raw]


def text_length(text: str) -> int:
    """Length as Telegram counts it against the 4096 limit: in UTF-16 code units, surrounding
    whitespace not counted."""
    return _utf16(text.strip())


# --------------------------------------------------------------------------------------------
# Splitting
# --------------------------------------------------------------------------------------------

_PARAGRAPH, _LINE, _WORD = 3, 2, 1


def split_text(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Cut ``text`` into parts that each fit one message (``limit`` characters as Telegram
    counts them, see :func:`text_length`).

    Cuts at the last paragraph break (blank line) in the second half of the allowed length,
    else the last line break there, else the last space, else (a word longer than a message)
    anywhere between two characters. The whitespace at a cut is dropped. Returns ``[]`` when
    there is nothing visible to send; a text that fits comes back unchanged.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    if len(text) <= limit // 2 or _utf16(text) <= limit or text_length(text) <= limit:
        return [text] if text.strip() else []
    tokens = _tokens(text)
    parts: list[str] = []
    start = 0
    n = len(tokens)
    while start < n:
        width = 0
        candidates: list[tuple[int, int, int]] = []  # (priority, width before, index)
        index = start
        cut: int | None = None
        while index < n:
            token = tokens[index]
            if token.raw.isspace() and index > start:
                prio = _WORD
                if token.raw == "\n":
                    prio = _LINE
                    before = tokens[index - 1].raw if index > 0 else ""
                    after = tokens[index + 1].raw if index + 1 < n else ""
                    if before == "\n" or after == "\n":
                        prio = _PARAGRAPH
                if width > 0:
                    candidates.append((prio, width, index))
            if width + token.width > limit:
                if len(token.raw) > 1 and not any(c[1] >= limit / 2 for c in candidates):
                    # a long word where no good break is near: allow a cut inside it
                    tokens[index : index + 1] = _chars(token)
                    n = len(tokens)
                    continue
                cut = _choose(candidates, limit, index)
                break
            width += token.width
            index += 1
        if cut is None:  # the rest fits
            _append(parts, "".join(t.raw for t in tokens[start:]))
            break
        if cut <= start:  # a single character wider than the limit (cannot happen with limit >= 2)
            raise ValueError("cannot split: one character is wider than the limit")
        _append(parts, "".join(t.raw for t in tokens[start:cut]).rstrip())
        start = cut  # the whitespace at the cut is dropped
        while start < n and tokens[start].raw.isspace():
            start += 1
    return parts


def _choose(candidates: list[tuple[int, int, int]], limit: int, index: int) -> int:
    half = limit / 2
    for prio in (_PARAGRAPH, _LINE, _WORD):
        good = [c for c in candidates if c[0] == prio and c[1] >= half]
        if good:
            return good[-1][2]
    if candidates:
        return max(candidates, key=lambda c: (c[1], c[0]))[2]
    return index  # hard cut before the token that does not fit


def _append(parts: list[str], part: str) -> None:
    if text_length(part) > 0:
        parts.append(part)


# --------------------------------------------------------------------------------------------
# Callback data
# --------------------------------------------------------------------------------------------

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_CALLBACK_RE = re.compile(r"^(0|[1-9a-z][0-9a-z]{0,12})(?::(.+)|#([0-9a-f]{16}))$", re.DOTALL)


def _base36(number: int) -> str:
    if number == 0:
        return "0"
    out = []
    while number:
        number, rest = divmod(number, 36)
        out.append(_DIGITS[rest])
    return "".join(reversed(out))


def _digest(choice: str) -> str:
    return hashlib.sha256(choice.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class CallbackData:
    """A parsed button press: the conversation revision it belongs to and the choice.

    ``choice`` is None when the choice was too long to travel and came as a digest: call
    :meth:`resolve` with the current step's choices.
    """

    rev: int
    choice: str | None
    digest: str | None = None

    def resolve(self, choices: Iterable[str]) -> str | None:
        """The choice among ``choices`` this press stands for (None if none)."""
        if self.choice is not None:
            return self.choice if self.choice in set(choices) else None
        for choice in choices:
            if _digest(choice) == self.digest:
                return choice
        return None

    def is_stale(self, current_rev: int) -> bool:
        """True when the button belongs to an older (or other) revision than ``current_rev``."""
        return self.rev != current_rev


def encode_callback(rev: int, choice: str) -> str:
    """``"<rev in base 36>:<choice>"``, or ``"<rev>#<digest>"`` when that would exceed 64
    bytes. Always 1-64 bytes."""
    if isinstance(rev, bool) or not isinstance(rev, int) or rev < 0:
        raise ValueError(f"revision must be a non-negative integer, not {rev!r}")
    if not isinstance(choice, str) or not choice:
        raise ValueError("choice must be a non-empty string")
    head = _base36(rev)
    if len(head) > 13:
        raise ValueError(f"revision {rev} is too large")
    data = f"{head}:{choice}"
    if len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
        return data
    return f"{head}#{_digest(choice)}"


def parse_callback(data: object, choices: Iterable[str] | None = None) -> CallbackData | None:
    """The press encoded by :func:`encode_callback`, or None for anything else.

    With ``choices`` a digest is resolved at once (and a press matching none of them gives a
    ``CallbackData`` whose ``choice`` is None).
    """
    if not isinstance(data, str) or not data:
        return None
    if len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES:
        return None
    match = _CALLBACK_RE.match(data)
    if not match:
        return None
    rev = int(match.group(1), 36)
    if match.group(2) is not None:
        return CallbackData(rev, match.group(2))
    pressed = CallbackData(rev, None, match.group(3))
    if choices is not None:
        return CallbackData(rev, pressed.resolve(choices), pressed.digest)
    return pressed


# --------------------------------------------------------------------------------------------
# Keyboards
# --------------------------------------------------------------------------------------------

ROW_WIDTH = 36  # characters of button text that fit across a phone screen


def _fits(labels: Sequence[str]) -> bool:
    count = len(labels)
    if count == 1:
        return True
    cap = ROW_WIDTH // count - 2  # 2 per row: 16 characters each, 3: 10, 4: 7, 6: 4
    return all(len(label) <= cap for label in labels)


def keyboard_rows(labels: Sequence[str], max_per_row: int = 3) -> list[int]:
    """How many buttons go in each row (pure layout; 1..max_per_row per row).

    As many per row as fit (short labels three to a row, medium two, long ones alone), then
    rows are evened out (four short labels: 2 + 2, not 3 + 1).
    """
    if max_per_row < 1:
        raise ValueError("max_per_row must be at least 1")
    sizes: list[int] = []
    i = 0
    while i < len(labels):
        take = 1
        for k in range(min(max_per_row, len(labels) - i), 1, -1):
            if _fits(labels[i : i + k]):
                take = k
                break
        sizes.append(take)
        i += take
    changed = True
    while changed:
        changed = False
        start = 0
        for r in range(len(sizes) - 1):
            first, second = sizes[r], sizes[r + 1]
            if first - second >= 2:
                moved = labels[start + first - 1 : start + first + second]
                if _fits(moved):
                    sizes[r], sizes[r + 1] = first - 1, second + 1
                    changed = True
                    break
            start += first
    return sizes


def _pair(button: Any) -> tuple[str, str]:
    if isinstance(button, tuple | list):
        label, data = button
    else:  # an engine Button (label, data)
        label, data = button.label, button.data
    return str(label), str(data)


def _layout(
    buttons: Iterable[Any], rev: int | None, max_per_row: int
) -> list[list[dict[str, str]]]:
    """Rows of ``{"text", "callback_data"}`` (see :func:`build_keyboard`); [] without buttons."""
    pairs = [_pair(b) for b in buttons]
    for label, _ in pairs:
        if not label.strip():
            raise ValueError("a button needs a label")
    datas = []
    for _, data in pairs:
        value = encode_callback(rev, data) if rev is not None else data
        if not 1 <= len(value.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
            raise ValueError(f"callback data must be 1-64 bytes: {value!r}")
        datas.append(value)
    rows: list[list[dict[str, str]]] = []
    i = 0
    for size in keyboard_rows([label for label, _ in pairs], max_per_row) if pairs else ():
        rows.append([{"text": pairs[j][0], "callback_data": datas[j]} for j in range(i, i + size)])
        i += size
    return rows


def build_keyboard(
    buttons: Iterable[Any],
    *,
    rev: int | None = None,
    max_per_row: int = 3,
) -> InlineKeyboardMarkup | None:
    """An inline keyboard from (label, data) pairs (or objects with ``label`` and ``data``).

    With ``rev`` each data is stamped (:func:`encode_callback`); without it the data is used as
    given and must be 1-64 bytes. Returns None when there are no buttons.
    """
    rows = _layout(buttons, rev, max_per_row)
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b["text"], callback_data=b["callback_data"]) for b in row]
            for row in rows
        ]
    )


def keyboard_json(
    buttons: Iterable[Any],
    *,
    rev: int | None = None,
    max_per_row: int = 3,
) -> str | None:
    """The same keyboard as the JSON text of a ``reply_markup`` field, as PTB would send it
    (calls.py sends it without building telegram objects). None when there are no buttons."""
    rows = _layout(buttons, rev, max_per_row)
    return json.dumps({"inline_keyboard": rows}) if rows else None
