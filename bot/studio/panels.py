"""Try-it panels: the command-line tools that take one message at a time, on the page.

Each panel is a name, the words the page shows, and a function from one message to a JSON
answer: exactly what its `between` command prints for a line. Another tool joins by adding
a ``Panel`` to ``panels()`` (its import kept inside, so a missing part only hides its panel).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Answer = dict[str, Any]


@dataclass(frozen=True)
class Panel:
    name: str  # the `between` command it mirrors
    title: str
    hint: str  # what to type
    run: Callable[[str], Answer]

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "title": self.title, "hint": self.hint}


def _reflect(message: str) -> Answer:
    from bot.engine.reflection import reflect, shape, summary, voice

    return {
        "text": reflect(message),
        "shape": shape(message),
        "voice": voice(message),
        "summary": summary(message),
    }


def _screen(safety: Any) -> Callable[[str], Answer]:
    def run(message: str) -> Answer:
        verdict = safety.screen(message) if message.strip() else None
        if verdict is None:
            return {
                "category": None,
                "rule": None,
                "negated": False,
                "categories": [],
                "layer": None,
                "tier": None,
            }
        answer: Answer = verdict.to_json()
        return answer

    return run


def _optional(module: str, attribute: str) -> Callable[[str], Answer] | None:
    """A panel whose tool may not be there (yet): its function, or None."""
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError):
        return None


def panels(safety: Any) -> list[Panel]:
    found = [
        Panel(
            "reflect",
            "What would the bot give back?",
            "a client's message, e.g. I feel I can't stop",
            _reflect,
        )
    ]
    if safety is not None:
        found.append(
            Panel(
                "screen",
                "What does the crisis screen make of it?",
                "a message to screen (never stored)",
                _screen(safety),
            )
        )
    for name, title, hint, where in OPTIONAL:
        run = _optional(*where.split(":"))
        if run is not None:
            found.append(Panel(name, title, hint, run))
    return found


# Panels for tools that other parts provide, as "module:function" taking one message and
# returning its JSON answer; a panel shows only when its function exists.
OPTIONAL: tuple[tuple[str, str, str, str], ...] = (
    (
        "code",
        "How would a MITI coder code this line?",
        "a line of a conversation",
        "bot.partner.code:code_line",
    ),
)
