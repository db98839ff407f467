"""The terminal chat: the same pipeline as Telegram, in a terminal or a pipe.

At a terminal it is interactive. With a pipe on stdin it reads one input a line and prints
each bot message with its buttons numbered (``[1] Yes``); an input may be the button's number
or its label. ``--json`` prints one JSON object per bot message instead.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import IO

from bot import words
from bot.app import Companion, Reply
from bot.chat_input import parse_input
from bot.delivery import Delivery
from bot.effects import Attachment
from bot.engine import (
    Ask,
    Command,
    Conversation,
    End,
    Event,
    Note,
    Pick,
    Say,
    Timer,
)
from bot.engine.outputs import Output
from bot.transcripts import transcript_lines
from persistence import ERASE_JOB

TERMINAL = 0  # the one chat of a terminal


def format_output(output: Output, note_prefix: str) -> str | None:
    if isinstance(output, Ask):
        buttons = "  ".join(f"[{i}] {b.label}" for i, b in enumerate(output.buttons, 1))
        return f"{output.text}\n{buttons}" if buttons else output.text
    if isinstance(output, Say):
        return output.text
    if isinstance(output, Note):
        return f"  {note_prefix}{output.text}"  # indented: apart from the conversation
    return None


class TerminalChat:
    """One person's chat in the terminal, kept in the store under ``cli:NAME``."""

    def __init__(
        self,
        companion: Companion,
        user: str,
        out: IO[str],
        *,
        json_mode: bool = False,
        flow: str | None = None,
        transcript: bool = False,
    ):
        self.companion = companion
        self.user_key = f"cli:{user}"
        self.out = out
        self.json_mode = json_mode
        self.transcript = transcript  # print in the golden transcript format (tests/transcripts)
        self.flow = flow
        self.ask: Ask | None = None
        self.conversation: Conversation | None = None
        self.delivery = Delivery(companion, _TerminalSender(self))

    async def open(self) -> None:
        """Finish an erasure or deliver anything a crash left unsent, then show where the chat
        stands."""
        if await self.finish_erasure():
            return
        if await self.delivery.flush(self.user_key):
            return
        if self.flow:
            reply = await self.companion.begin(self.user_key, self.flow)
            self.conversation = reply.conversation
            await self.delivery.deliver(self.user_key, TERMINAL, reply)
            return
        reply = await self.companion.current(self.user_key)
        if reply.conversation is None or reply.conversation.ended:
            await self.say(Command("start"))
        else:
            self.conversation = reply.conversation
            self.show(reply.outputs)

    async def send_line(self, line: str) -> Reply:
        event = parse_input(line, self.ask)
        if self.transcript:
            label = (
                next((b.label for b in self.ask.buttons if b.data == event.choice), None)
                if isinstance(event, Pick) and self.ask
                else None
            )
            print(f"> [{label}]" if label else f"> {line.rstrip()}", file=self.out)
        return await self.say(event)

    async def say(self, event: Event) -> Reply:
        reply = await self.companion.handle(self.user_key, event)
        self.conversation = reply.conversation
        await self.delivery.finish_turn(self.user_key, TERMINAL, reply)
        if reply.erasing:  # erased, goodbye said: nothing of the chat is left
            self.conversation = self.ask = None
        return reply

    def take_file(self, file: Attachment) -> None:
        export = words.for_flowset(self.companion.flowset).say("file_export")
        if file.name == export + ".txt":  # /export: the readable copy, right here
            print(file.data.decode(), file=self.out)
        elif not file.name.endswith(".json"):
            self.save(file)

    def save(self, file: Attachment) -> None:
        """A chart or document: written to the current folder (the terminal can't show it)."""
        path = Path.cwd() / file.name
        path.write_bytes(file.data)
        if self.transcript or self.json_mode:
            return
        print(f"[{file.kind} saved to {path}]", file=self.out)
        if file.caption:
            print(file.caption, file=self.out)

    async def skip_waits(self, reply: Reply) -> Reply:
        """In a pipe, timed steps go on at once (their durable job later finds the step left)."""
        while reply.timers:
            if self.transcript:
                print("@wait", file=self.out)
            reply = await self.say(Timer(reply.timers[-1].rev))
        return reply

    async def run_due_jobs(self) -> None:
        """At a terminal, timed steps go on when their durable job is due, even after a restart."""
        await self.companion.run_due_jobs(self._deliver, user_key=self.user_key)

    async def finish_erasure(self) -> bool:
        """A confirmed /delete: erase (one transaction), then say goodbye. The same after a
        restart that interrupted it. True if there was one."""
        return bool(
            await self.companion.run_due_jobs(self._deliver, user_key=self.user_key, kind=ERASE_JOB)
        )

    async def _deliver(self, user_key: str, reply: Reply) -> None:
        """What a job's turn said (or an erasure's goodbye, after which nothing is left)."""
        self.conversation = reply.conversation or self.conversation
        await self.delivery.deliver(user_key, TERMINAL, reply)
        if reply.farewell is not None:
            self.conversation = self.ask = None

    def show(self, outputs: list[Output]) -> None:
        for output in outputs:
            if isinstance(output, Ask):
                self.ask = output
            if isinstance(output, End):
                self.ask = None
            if self.json_mode:
                record = self._json(output)
                if record is not None:
                    print(json.dumps(record, ensure_ascii=False), file=self.out)
            elif self.transcript:
                for line in transcript_lines([output]):
                    print(line, file=self.out)
            else:
                prefix = self.companion.flowset.messages["note_prefix"].render({})
                text = format_output(output, prefix)
                if text is not None:
                    print(text, file=self.out)
        self.out.flush()

    def _json(self, output: Output) -> dict | None:
        if isinstance(output, (Say, Ask, Note)):
            conv = self.conversation
            return {
                "kind": output.kind,
                "text": output.text,
                "buttons": [b.label for b in output.buttons] if isinstance(output, Ask) else [],
                "tag": getattr(output, "tag", None),
                "flow": conv.flow if conv else None,
                "state": conv.state if conv else None,
            }
        return None


class _TerminalSender:
    """Delivery's sender for the terminal: each output printed as it goes, files kept here."""

    def __init__(self, chat: TerminalChat) -> None:
        self.chat = chat

    def address(self, user_key: str, chat_id: str | None) -> int | None:
        return TERMINAL if user_key == self.chat.user_key else None

    async def send(self, chat: int, output: Output) -> None:
        self.chat.show([output])

    async def send_file(self, chat: int, file: Attachment) -> None:
        self.chat.take_file(file)


async def run_chat(
    companion: Companion,
    user: str,
    stdin: IO[str],
    out: IO[str],
    *,
    json_mode: bool = False,
    flow: str | None = None,
    transcript: bool = False,
) -> None:
    interactive = stdin.isatty()
    chat = TerminalChat(companion, user, out, json_mode=json_mode, flow=flow, transcript=transcript)
    if transcript and flow:
        print(f"@flow {flow}", file=out)
    if interactive and not (json_mode or transcript):
        print(
            "Between Sessions — terminal chat. Type your answer or a button's number; "
            "/help for commands, Ctrl-D to leave (you can come back where you were).\n",
            file=out,
        )
    await chat.open()
    loop = asyncio.get_running_loop()
    if interactive:
        await chat.run_due_jobs()  # a timed step that came due while the chat was closed
    while True:
        if interactive:
            print("> ", end="", file=out, flush=True)
        reading = loop.run_in_executor(None, stdin.readline)
        while interactive and not reading.done():  # timed steps go on while the person is quiet
            await asyncio.wait([reading], timeout=1.0)
            if not reading.done():
                await chat.run_due_jobs()
        line = await reading
        if not line:
            break
        if not interactive and not (json_mode or transcript):
            print(f"> {line.rstrip()}", file=out)
        reply = await chat.send_line(line)
        if not interactive:
            await chat.skip_waits(reply)
