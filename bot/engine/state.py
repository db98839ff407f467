"""A conversation's state between turns (small, versioned JSON) and the inputs a turn takes."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Conversation:
    flow: str
    version: str  # the flow set this conversation is pinned to
    state: str
    vars: dict[str, Any] = field(default_factory=dict)
    rev: int = 0  # bumped on every change; stamped into buttons to spot stale presses
    ended: bool = False
    waiting: bool = False  # a timed step is counting down
    picked: tuple[str, ...] = ()  # choices ticked so far in an `ask: multi`
    paused: Conversation | None = None  # where to go back to after an interruption
    known: dict[str, Any] = field(default_factory=dict)  # carried across flows (engine/known.py)

    def evolve(self, **changes: Any) -> Conversation:
        # A copy with ``changes``, as dataclasses.replace makes it but without its generic
        # field walk (several times a turn). No __post_init__ to run; unknown names refused.
        if not _FIELDS.issuperset(changes):
            return replace(self, **changes)  # raises its TypeError for the unknown name
        new = object.__new__(type(self))
        fields_ = new.__dict__
        fields_.update(self.__dict__)
        fields_.update(changes)
        return new

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "v": SCHEMA_VERSION,
            "flow": self.flow,
            "version": self.version,
            "state": self.state,
            "vars": self.vars,
            "rev": self.rev,
        }
        if self.ended:
            data["ended"] = True
        if self.waiting:
            data["waiting"] = True
        if self.picked:
            data["picked"] = list(self.picked)
        if self.paused is not None:
            data["paused"] = self.paused.to_json()
        data["known"] = self.known  # even when empty: a missing key means "not gathered yet"
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Conversation:
        if data.get("v") != SCHEMA_VERSION:
            raise ValueError(f"conversation state schema {data.get('v')!r} is not {SCHEMA_VERSION}")
        paused = data.get("paused")
        return cls(
            flow=data["flow"],
            version=data["version"],
            state=data["state"],
            vars=dict(data.get("vars", {})),
            rev=int(data.get("rev", 0)),
            ended=bool(data.get("ended")),
            waiting=bool(data.get("waiting")),
            picked=tuple(data.get("picked", ())),
            paused=cls.from_json(paused) if paused else None,
            known=dict(data.get("known") or {}),
        )


_FIELDS = frozenset(f.name for f in fields(Conversation))


@dataclass(frozen=True)
class Text:
    """Words the client typed."""

    text: str


@dataclass(frozen=True)
class Pick:
    """A button pressed: the choice id and the revision the button was shown at."""

    choice: str
    rev: int


@dataclass(frozen=True)
class Command:
    """A global command such as /menu, with whatever followed it."""

    name: str
    payload: str = ""


@dataclass(frozen=True)
class Timer:
    """A timed step's wait is over (the host scheduled it from a Wait output)."""

    rev: int


Event = Text | Pick | Command | Timer
