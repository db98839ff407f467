"""Golden transcripts: conversations written down by staff, replayed through the real pipeline.

A transcript (``*.chat``) reads like the chat itself::

    # A client corrects the bot's guess.
    @flow talk              start in this flow (optional; otherwise /start)
    @training on            trainee notes on (also: @role trainee, @country GB)

    < What's on your mind about your use today?
    > I drink too much after work
    < So you drink too much after work.
    < /What.*like for you\\?/       a /regular expression/ instead of the exact words
    [Yes, that's it] [Not quite]   the buttons of the message above
    ~ Complex reflection: ...      a trainee note
    > [Not quite]                  press a button (or type its words)
    ...                            any number of bot messages
    @restart                       leave and come back (as a new session would)
    @wait                          let a timed step's wait run out

Lines of a bot message after the first are indented by two spaces. Each `>` must be answered
by exactly the bot messages written under it (unless `...` says "and maybe more").
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from bot.app import Companion, ask_of
from bot.chat_input import parse_input  # the terminal chat reads input the same way
from bot.delivery import Delivery
from bot.effects import Attachment
from bot.engine import Ask, Command, Event, FlowSet, Note, Say, Timer, Wait
from bot.engine.outputs import Output
from bot.wiring import load_content


@dataclass
class Expect:
    kind: str  # "say" (bot message), "note", "buttons", "any"
    text: str
    line: int

    def matches(self, actual: str) -> bool:
        if len(self.text) > 1 and self.text.startswith("/") and self.text.endswith("/"):
            return re.fullmatch(self.text[1:-1], actual, re.DOTALL) is not None
        return actual == self.text


@dataclass
class Step:
    kind: str  # "input", "restart", "wait", "start"
    text: str
    line: int
    expect: list[Expect] = field(default_factory=list)


@dataclass
class Script:
    path: str
    settings: dict[str, str]
    steps: list[Step]


class TranscriptSyntaxError(ValueError):
    pass


def parse_transcript(text: str, path: str) -> Script:
    settings: dict[str, str] = {}
    steps = [Step("start", "", 0)]
    last_say: Expect | None = None
    blank_lines = 0  # empty lines inside a message (editors may strip their indentation)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if last_say is not None and not line:
            blank_lines += 1
            continue
        if raw.startswith("  ") and last_say is not None:
            last_say.text += "\n" * (blank_lines + 1) + raw[2:].rstrip()
            blank_lines = 0
            continue
        last_say, blank_lines = None, 0
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            word, _, value = line[1:].partition(" ")
            if word in ("restart", "wait"):
                steps.append(Step(word, "", number))
            elif (
                word in ("flow", "training", "role", "country", "user")
                and len(steps) == 1
                and not steps[0].expect
            ):
                settings[word] = value.strip()
            else:
                raise TranscriptSyntaxError(
                    f"{path}:{number}: unknown or misplaced directive @{word}"
                )
        elif line.startswith(">"):
            steps.append(Step("input", line[1:].strip(), number))
        elif line.startswith("<"):
            last_say = Expect("say", line[1:].strip(), number)
            steps[-1].expect.append(last_say)
        elif line.startswith("~"):
            steps[-1].expect.append(Expect("note", line[1:].strip(), number))
        elif line.startswith("["):
            steps[-1].expect.append(Expect("buttons", line.strip(), number))
        elif line.strip() == "...":
            steps[-1].expect.append(Expect("any", "", number))
        else:
            raise TranscriptSyntaxError(
                f"{path}:{number}: a line must start with <, >, ~, [, @, # or be ... "
                f"(got {line[:30]!r})"
            )
    return Script(path, settings, steps)


def _actual(outputs: list[Output]) -> list[tuple[str, str]]:
    """The bot's messages as the transcript shows them: text, then buttons, then notes."""
    out = []
    for output in outputs:
        if isinstance(output, (Say, Ask)):
            out.append(("say", output.text))
            if isinstance(output, Ask) and output.buttons:
                out.append(("buttons", " ".join(f"[{b.label}]" for b in output.buttons)))
        elif isinstance(output, Note):
            out.append(("note", output.text))
    return out


def transcript_lines(outputs: list[Output]) -> list[str]:
    """The bot's messages written as a transcript (what `between chat --transcript` prints)."""
    lines = []
    for kind, text in _actual(outputs):
        if kind == "say":
            first, *rest = text.split("\n")
            lines.append(f"< {first}")
            lines += [f"  {line}" if line else "" for line in rest]
        elif kind == "note":
            lines.append(f"~ {text}")
        else:
            lines.append(text)
    return lines


def compare(expected: list[Expect], actual: list[tuple[str, str]]) -> str | None:
    """None when they match, else what differs (with the transcript's line)."""
    i = 0
    for index, want in enumerate(expected):
        if want.kind == "any":
            rest = expected[index + 1 :]
            for start in range(i, len(actual) + 1):
                if compare(rest, actual[start:]) is None:
                    return None
            return f"line {want.line}: nothing after '...' matches what the bot said"
        if i >= len(actual):
            return (
                f"line {want.line}: expected {want.kind} {want.text!r}, "
                "but the bot said nothing more"
            )
        kind, text = actual[i]
        if kind != want.kind or not want.matches(text):
            return (
                f"line {want.line}: expected {want.kind} {want.text!r}\n"
                f"      but got {kind} {text!r}"
            )
        i += 1
    if i < len(actual):
        extra = "\n".join(f"      {k}: {t!r}" for k, t in actual[i:])
        return f"after line {expected[-1].line if expected else '?'}: the bot also said\n{extra}"
    return None


@dataclass
class Coverage:
    states: set[tuple[str, str]] = field(default_factory=set)
    choices: set[tuple[str, str, str]] = field(default_factory=set)

    def add(self, trail: Trail) -> None:
        for flow, state, choice in trail:
            self.states.add((flow, state))
            if choice is not None:
                self.choices.add((flow, state, choice))

    def missing(self, flowset: FlowSet) -> list[str]:
        gaps = []
        for flow in flowset.flows.values():
            for state in flow.states.values():
                if (flow.id, state.id) not in self.states:
                    gaps.append(
                        f"{flow.path}:{state.pos[0]}: state {flow.id}.{state.id} is never visited"
                    )
                options = [c.id for c in state.choices] if state.ask in ("choice", "multi") else []
                if state.ask == "menu":
                    options = list(flowset.menu)
                for choice in options:
                    if (flow.id, state.id, choice) not in self.choices:
                        gaps.append(
                            f"{flow.path}:{state.pos[0]}: choice '{choice}' "
                            f"of {flow.id}.{state.id} is never taken"
                        )
        return gaps


class Session:
    """A transcript's chat: a fresh store in a temporary folder, the same Companion as the bot."""

    def __init__(self, loaded: tuple, folder: Path, settings: dict[str, str]):
        self.flowset, self.safety = loaded  # read once per run: compiling the crisis rules is slow
        self.folder = folder
        self.settings = settings
        self.user = "tg:1" if settings.get("role") else f"cli:{settings.get('user', 'transcript')}"
        self.companion: Companion | None = None
        self.delivery: Delivery | None = None
        self.said: list[Output] = []  # what the last step sent, in order
        self.ask: Ask | None = None
        self.timers: list = []

    async def open(self) -> None:
        from persistence import Store, generate_key

        self.key = getattr(self, "key", None) or generate_key()  # the same key again after @restart
        # A throwaway store: its commits need not reach the disk (no fsync), which makes a
        # transcript or a preview turn about twice as quick; everything else is as the bot's.
        store = await Store.open(
            f"sqlite+aiosqlite:///{self.folder / 'transcript.db'}",
            data_key=self.key,
            sqlite_synchronous="OFF",
        )
        self.companion = Companion(self.flowset, store, self.safety)
        self.delivery = Delivery(self.companion, _Collect(self))
        await self.companion.prepare()
        profile: dict[str, str | bool] = {}
        if "training" in self.settings:
            profile["training_notes"] = self.settings["training"] in ("on", "yes", "true")
        for key in ("role", "country"):
            if key in self.settings:
                profile[key] = self.settings[key]
        if profile:
            await self.companion.update_profile(self.user, **profile)

    async def close(self) -> None:
        if self.companion is not None:
            await self.companion.close()
            self.companion = None

    async def send(self, event: Event) -> tuple[list[Output], Trail]:
        """One step as the real chat takes it: the turn, then delivery (an erasure included:
        /delete erases, then says goodbye)."""
        assert self.companion is not None and self.delivery is not None, "open() first"
        reply = await self.companion.handle(self.user, event)
        self.said = []
        await self.delivery.finish_turn(self.user, _CHAT, reply)
        self._after(reply.outputs)
        self.timers = reply.timers or self.timers
        return self.said, reply.trail

    async def start(self) -> tuple[list[Output], Trail]:
        flow = self.settings.get("flow")
        if flow:
            assert self.companion is not None and self.delivery is not None, "open() first"
            reply = await self.companion.begin(self.user, flow)
            self.said = []
            await self.delivery.deliver(self.user, _CHAT, reply)
            self._after(reply.outputs)
            return self.said, reply.trail
        return await self.send(Command("start"))

    async def current(self) -> tuple[list[Output], Trail]:
        assert self.companion is not None, "open() first"
        reply = await self.companion.current(self.user)
        self._after(reply.outputs)
        return reply.outputs, []

    def _after(self, outputs: list[Output]) -> None:
        ask = ask_of(outputs)
        if ask is not None:
            self.ask = ask


_CHAT = 0  # a transcript's one chat
Trail = list[tuple[str, str, str | None]]  # (flow, state, choice) of each step taken


class _Collect:
    """Delivery's sender for a transcript: what is sent is what the transcript compares."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def address(self, user_key: str, chat_id: str | None) -> int | None:
        return _CHAT if user_key == self.session.user else None

    async def send(self, chat: int, output: Output) -> None:
        if not isinstance(output, Wait):
            self.session.said.append(output)

    async def send_file(self, chat: int, file: Attachment) -> None:
        pass  # files are checked in tests/app/test_charts_exports.py, not in transcripts


async def run_script(script: Script, loaded: tuple, coverage: Coverage) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="between-transcript-"))
    session = Session(loaded, folder, script.settings)
    failures = []
    try:
        await session.open()
        for step in script.steps:
            if step.kind == "start":
                outputs, trail = await session.start()
            elif step.kind == "restart":
                await session.close()
                await session.open()
                outputs, trail = await session.current()
            elif step.kind == "wait":
                if not session.timers:
                    failures.append(
                        f"{script.path}:{step.line}: @wait, but no timed step is waiting"
                    )
                    break
                outputs, trail = await session.send(Timer(session.timers[-1].rev))
                session.timers = []
            else:
                outputs, trail = await session.send(parse_input(step.text, session.ask))
            coverage.add(trail)
            problem = compare(step.expect, _actual(outputs))
            if problem:
                where = f"after '> {step.text}'" if step.kind == "input" else f"at @{step.kind}"
                failures.append(f"{script.path}: {where}: {problem}")
                break
    finally:
        await session.close()
        shutil.rmtree(folder, ignore_errors=True)
    return failures


def find_transcripts(paths: list[str]) -> list[Path]:
    found = []
    for path in map(Path, paths):
        found += sorted(path.rglob("*.chat")) if path.is_dir() else [path]
    return found


async def run_transcripts(
    flows_path: str, paths: list[str], *, verbose: bool = False, out: IO[str] | None = None
) -> int:
    out = out or sys.stdout
    files = find_transcripts(paths)
    if not files:
        print(f"no transcripts (*.chat) in {', '.join(paths)}", file=out)
        return 1
    loaded = load_content(flows_path).require()
    flowset = loaded[0]
    coverage = Coverage()
    failed = 0
    for file in files:
        try:
            script = parse_transcript(file.read_text(encoding="utf-8"), str(file))
        except TranscriptSyntaxError as err:
            print(f"FAIL {err}", file=out)
            failed += 1
            continue
        failures = await run_script(script, loaded, coverage)
        if failures:
            failed += 1
            print(f"FAIL {file}", file=out)
            for failure in failures:
                print(f"  {failure}", file=out)
        elif verbose:
            print(f"ok   {file}", file=out)
    gaps = coverage.missing(flowset)
    total_states = sum(len(f.states) for f in flowset.flows.values())
    print(f"coverage: {len(coverage.states)} of {total_states} states visited", file=out)
    for gap in gaps:
        print(f"  not covered: {gap}", file=out)
    print(f"{len(files) - failed} passed, {failed} failed", file=out)
    return 1 if failed else 0
