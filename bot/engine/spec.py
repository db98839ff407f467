"""The validated flow model: what the loader builds and the runner serves."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .expr import Condition
from .template import Template

ASK_KINDS = ("text", "choice", "multi", "scale", "number", "yesno", "time", "menu")
TAGS = (
    "reflection.simple",
    "reflection.complex",
    "reflection.double",
    "question.open",
    "question.closed",
    "affirmation",
    "summary",
    "information",
)
# Words the engine and its host say (kind answers to unexpected input ...); flows.yaml `messages:`.
MESSAGE_KEYS = (
    "not_understood",
    "invalid_number",
    "invalid_scale",
    "invalid_time",
    "invalid_yesno",
    "empty",
    "too_long",
    "expired",
    "waiting",
    "ended",
    "unknown_command",
    "stopped",
    "multi_done",
    "multi_empty",
    "yes",
    "no",
    "training_on",
    "training_off",
    "training_client",
    "no_plan",
    # kind answers to what Telegram can send besides text and button presses
    # typed answers (docs/answers.md): several buttons fit; a typed command, confirmed first
    "ambiguous",
    "confirm_stop",
    "confirm_menu",
    "confirm_help",
    "confirm_yes",
    "confirm_no",
    # /menu in the middle of a practice: asked first, and the menu has a way back to it
    "confirm_leave",
    "resume_practice",
    "sticker",
    "photo",
    "voice",
    "video",
    "document",
    "location",
    "contact",
    "poll",
    "edited",
    "forwarded",
    "private_only",
    "error",
    # how a chat shows a training note, and the answer chosen under a question
    "note_prefix",
    "chosen_prefix",
    # one practice of the menu in `{practices}`: with its one-line summary, and without one
    "practice_line",
    "practice_line_short",
)
# message -> the variables it may use besides the context's (each practice's own)
MESSAGE_VARS = {"practice_line": ("summary",)}
# Files the registry names for the host: the crisis screen's, and the bot's words outside flows
SAFETY_FILES = ("rules", "resources", "messages")
WORDS_FILES = ("bot", "plan", "partner", "personas")  # personas: a pattern (*.yaml)
MAX_TEXT = 4096  # Telegram's limit for one message
MAX_ANSWER = 4096  # longest free-text answer taken
MAX_CALLBACK_BYTES = 64  # Telegram's limit for a button's data
REV_DIGITS = 7  # room kept in callback data for "rev:"


@dataclass(frozen=True)
class Line:
    text: Template
    tag: str | None = None
    note: Template | None = None
    pos: tuple[int, int] = (0, 0)
    path: str = ""


@dataclass(frozen=True)
class Route:
    """Where to go: a state of this flow (`to`) or another flow's start (`flow`)."""

    to: str | None = None
    flow: str | None = None
    when: Condition | None = None
    pos: tuple[int, int] = (0, 0)
    path: str = ""


@dataclass(frozen=True)
class Choice:
    id: str
    label: Template
    value: Any
    routes: tuple[Route, ...] = ()
    pos: tuple[int, int] = (0, 0)
    other: bool = False  # "Something else": typed words that fit no button are the answer


@dataclass(frozen=True)
class Action:
    name: str
    args: dict[str, Template]
    pos: tuple[int, int] = (0, 0)
    path: str = ""


@dataclass(frozen=True)
class State:
    id: str
    lines: tuple[Line, ...] = ()
    ask: str | None = None
    choices: tuple[Choice, ...] = ()
    range: tuple[float, float] | None = None
    save_as: str | None = None
    routes: tuple[Route, ...] = ()
    after: float | None = None
    end: bool = False
    resume: bool = False
    actions: tuple[Action, ...] = ()
    pos: tuple[int, int] = (0, 0)
    path: str = ""
    sets: tuple[tuple[str, Template], ...] = ()  # variables given a value on entering the state
    sort: str | None = None  # a context mapping (choice id -> score) that orders the buttons

    def routes_for(self, choice: Choice | None) -> tuple[Route, ...]:
        return choice.routes if choice is not None and choice.routes else self.routes


@dataclass(frozen=True)
class Flow:
    id: str
    path: str
    title: str
    start: str
    states: dict[str, State]
    summary: str = ""
    task: tuple[int, ...] = ()
    audience: tuple[str, ...] = ("client", "trainee")
    defaults: dict[str, Any] = field(default_factory=dict)
    reviewed: str = ""  # flows.yaml `reviewed:`: who reviewed it clinically, and when


@dataclass(frozen=True)
class CommandEntry:
    """A command as flows.yaml `commands:` defines it (the typed one is state.Command)."""

    name: str
    help: str
    flow: str | None = None
    action: str | None = None
    say: Template | None = None
    staff: bool = False


# The reminders the host sends that open a flow (flows.yaml `reminders:`; bot/reminder_turns.py).
REMINDER_KINDS = ("checkin", "safety_checkin", "goal_review")


@dataclass(frozen=True)
class Reminder:
    """What a reminder opens: ``flow`` when the client is free; ``late``, a flow whose words go
    first when it comes late; ``busy``, a flow whose words go instead while a practice is under
    way (without one, the first line of ``flow``); ``helplines``: the crisis screen's helplines
    are in its context."""

    kind: str
    flow: str
    late: str | None = None
    busy: str | None = None
    helplines: bool = False


@dataclass(frozen=True)
class FlowSet:
    """Everything loaded from one registry, identified by the hash of its sources."""

    version: str
    registry_path: str
    flows: dict[str, Flow]
    commands: dict[str, CommandEntry]
    menu: tuple[str, ...]
    home: str
    start: str
    crisis: str | None
    messages: dict[str, Template]
    context: dict[str, str]
    safety: dict[str, str]
    sources: dict[str, str]
    reminders: dict[str, Reminder] = field(default_factory=dict)
    # the host's words (`words:`): kind -> file beside the registry, its text in ``sources``
    words: dict[str, str] = field(default_factory=dict)
