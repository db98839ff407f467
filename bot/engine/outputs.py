"""What the engine hands to a transport: transport-neutral outputs and named effects.

Every output turns into plain JSON (``to_json``) so that it can wait in the outbox and be
rebuilt (``output_from_json``) by whichever transport sends it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Button:
    """One choice shown as a button. ``data`` is what comes back when it is pressed."""

    label: str
    data: str


@dataclass(frozen=True)
class Say:
    """A line of the bot. ``tag`` is its technique (reflection.simple, question.open, ...)."""

    text: str
    tag: str | None = None
    kind: str = "say"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "tag": self.tag}


@dataclass(frozen=True)
class Ask:
    """The question the client answers now: its text, buttons (may be empty) and input kind.

    ``rev`` is the conversation revision the buttons belong to; a press stamped with an older
    revision is stale. ``input`` names what a typed answer must be (text, number, scale, time,
    yesno, choice).
    """

    text: str
    input: str
    buttons: tuple[Button, ...] = ()
    rev: int = 0
    tag: str | None = None
    kind: str = "ask"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "input": self.input,
            "buttons": [[b.label, b.data] for b in self.buttons],
            "rev": self.rev,
            "tag": self.tag,
        }


@dataclass(frozen=True)
class Note:
    """A trainee note: why the previous line is there. Shown only with training notes on."""

    text: str
    kind: str = "note"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Wait:
    """A timed step: the host calls back with ``Timer(rev)`` after ``seconds``."""

    seconds: float
    rev: int
    kind: str = "wait"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "seconds": self.seconds, "rev": self.rev}


@dataclass(frozen=True)
class End:
    """The flow has finished."""

    flow: str
    kind: str = "end"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "flow": self.flow}


Output = Say | Ask | Note | Wait | End


def output_from_json(data: dict[str, Any]) -> Output:
    kind = data["kind"]
    if kind == "say":
        return Say(data["text"], data.get("tag"))
    if kind == "ask":
        buttons = tuple(Button(label, value) for label, value in data.get("buttons", ()))
        return Ask(data["text"], data["input"], buttons, data.get("rev", 0), data.get("tag"))
    if kind == "note":
        return Note(data["text"])
    if kind == "wait":
        return Wait(data["seconds"], data["rev"])
    if kind == "end":
        return End(data["flow"])
    raise ValueError(f"unknown output kind {kind!r}")


@dataclass(frozen=True)
class Effect:
    """A named, allow-listed operation for the host to carry out in the turn's transaction."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)
    at: int | None = (
        None  # where among the turn's outputs any words of the effect belong (None: at the end)
    )

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "args": self.args}
