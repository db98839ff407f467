"""The studio's chat preview: the golden transcripts' own session (bot/transcripts.py), so the
same Companion, crisis screen, engine and store answer as for a client, on a throwaway SQLite
store. Every run is written down as a golden transcript as it goes; timed steps go on at once.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.chat_input import parse_input
from bot.engine import Ask, Conversation, End, Note, Pick, Say, Timer
from bot.engine.checks import variables_saved
from bot.engine.outputs import Output
from bot.transcripts import Session as TranscriptSession
from bot.transcripts import transcript_lines

from .workspace import OPENING

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
MAX_PREVIEWS = 20  # a forgotten tab must not keep a store open for ever


class PreviewError(ValueError):
    """Something the page asked for that cannot be done (said to staff as it is)."""


@dataclass
class Preview:
    id: str
    flow: str
    state: str | None
    training: bool
    session: TranscriptSession
    folder: Path
    lines: list[str] = field(default_factory=list)  # the run so far, as a golden transcript
    ended: bool = False

    @property
    def savable(self) -> bool:
        return self.state is None  # a transcript cannot start in the middle of a flow

    def record_outputs(self, outputs: list[Output]) -> None:
        self.lines += transcript_lines(outputs)


def message_json(outputs: list[Output], conversation: Conversation | None) -> list[dict[str, Any]]:
    """The bot's messages for the page, with the flow and state they came from."""
    where = {
        "flow": conversation.flow if conversation else None,
        "state": conversation.state if conversation else None,
    }
    out: list[dict[str, Any]] = []
    for output in outputs:
        if isinstance(output, Ask):
            out.append(
                {
                    "kind": "ask",
                    "text": output.text,
                    "tag": output.tag,
                    "buttons": [b.label for b in output.buttons],
                    **where,
                }
            )
        elif isinstance(output, Say):
            out.append({"kind": "say", "text": output.text, "tag": output.tag, **where})
        elif isinstance(output, Note):
            out.append({"kind": "note", "text": output.text, **where})
        elif isinstance(output, End):
            out.append({"kind": "end", "text": "", **where})
    return out


class Previews:
    """The chat previews of one studio, each on its own store in a temporary folder."""

    def __init__(self) -> None:
        self.runs: dict[str, Preview] = {}

    async def start(
        self,
        loaded: tuple[Any, Any],
        flow: str,
        state: str | None = None,
        *,
        training: bool = False,
    ) -> tuple[Preview, list[dict[str, Any]]]:
        flowset = loaded[0]
        if flow not in flowset.flows:
            raise PreviewError(f"no flow '{flow}'")
        spec = flowset.flows[flow]
        if state is not None and state not in spec.states:
            raise PreviewError(f"flow '{flow}' has no state '{state}'")
        while len(self.runs) >= MAX_PREVIEWS:
            await self.close(next(iter(self.runs)))
        folder = Path(tempfile.mkdtemp(prefix="between-studio-"))
        settings = {"flow": flow, "user": "studio"}
        if training:
            settings["training"] = "on"
        session = TranscriptSession(loaded, folder, settings)
        async with OPENING:
            await session.open()
        run = Preview(secrets.token_hex(8), flow, state, training, session, folder)
        run.lines = [f"@flow {flow}"] + (["@training on"] if training else []) + [""]
        self.runs[run.id] = run
        if state is None or state == spec.start:
            run.state = None
            outputs, _trail = await session.start()
        else:
            outputs = await self._jump(run, flowset, state)
        said = list(outputs)
        run.record_outputs(said)
        said += await self._fast_forward(run)
        return run, await self._messages(run, said)

    async def _jump(self, run: Preview, flowset: Any, state: str) -> list[Output]:
        """Start at ``state``: the variables saved before it stand in as [name]."""
        companion = run.session.companion
        assert companion is not None  # opened in start()
        flow = flowset.flows[run.flow]
        values = {name: f"[{name}]" for name in sorted(variables_saved(flow))}
        conv = Conversation(
            run.flow, flowset.version, state, vars={**flow.defaults, **values}, rev=1
        )
        async with companion.store.turn(run.session.user) as t:
            t.set_conversation(conv.to_json(), conv.flow, conv.version)
        outputs, _trail = await run.session.current()
        return list(outputs)

    async def send(self, run_id: str, text: str) -> list[dict[str, Any]]:
        """What the person typed, or the words of the button they pressed."""
        run = self._get(run_id)
        session = run.session
        event = parse_input(text, session.ask)
        label = None
        if isinstance(event, Pick) and session.ask is not None:
            label = next((b.label for b in session.ask.buttons if b.data == event.choice), None)
        run.lines.append(f"> [{label}]" if label else f"> {text.strip()}")
        said, _trail = await session.send(event)
        run.record_outputs(said)
        said = list(said) + await self._fast_forward(run)
        return await self._messages(run, said)

    async def _fast_forward(self, run: Preview) -> list[Output]:
        """Timed steps go on at once, as `@wait` in the transcript."""
        said: list[Output] = []
        session = run.session
        while session.timers:
            seconds = session.timers[-1].seconds
            run.lines.append("@wait")
            more, _trail = await session.send(Timer(session.timers[-1].rev))
            session.timers = []
            run.record_outputs(more)
            said.append(Say(f"⏱ ({seconds:g} s wait skipped)"))
            said += more
        return said

    async def _messages(self, run: Preview, outputs: list[Output]) -> list[dict[str, Any]]:
        companion = run.session.companion
        conv = (await companion.current(run.session.user)).conversation if companion else None
        out = message_json(outputs, conv)
        if any(m["kind"] == "end" for m in out):
            run.ended = True
        return out

    def transcript(self, run_id: str) -> str:
        run = self._get(run_id)
        return "\n".join(run.lines).rstrip() + "\n"

    def save(self, run_id: str, folder: Path, name: str, comment: str = "") -> Path:
        """Write the run as ``folder/name.chat``; never over an existing file."""
        run = self._get(run_id)
        if not run.savable:
            raise PreviewError(
                "a run started in the middle of a flow cannot be a golden "
                "transcript: start it from the beginning"
            )
        if not NAME.match(name):
            raise PreviewError("name it with small letters, digits, - and _ (e.g. talk_stuck)")
        path = folder / f"{name}.chat"
        if path.exists():
            raise PreviewError(f"{path.name} already exists: choose another name")
        header = "".join(f"# {line}\n" for line in comment.splitlines() if line.strip())
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(header + self.transcript(run_id), encoding="utf-8")
        return path

    async def close(self, run_id: str) -> None:
        run = self.runs.pop(run_id, None)
        if run is not None:
            await run.session.close()
            shutil.rmtree(run.folder, ignore_errors=True)

    async def close_all(self) -> None:
        for run_id in list(self.runs):
            await self.close(run_id)

    def _get(self, run_id: str) -> Preview:
        run = self.runs.get(run_id)
        if run is None:
            raise PreviewError("that preview has ended: start it again")
        return run
