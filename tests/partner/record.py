"""Write a golden transcript of the practice partner from a list of trainee inputs.

    python -m tests.partner.record INPUTS > tests/transcripts/practise_NAME.chat

INPUTS has one input a line, as in a transcript (`[Button]` presses a button); lines starting
with `#` become the transcript's header comment. Review what it prints before saving it: a
golden transcript pins what the bot says, so it must be right, not just what happens now.
"""
from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

from bot.chat_input import parse_input
from bot.wiring import load_content
from bot.transcripts import Session, transcript_lines


async def record(inputs: list[str], comments: list[str]) -> list[str]:
    content = load_content("flows.yaml")
    folder = Path(tempfile.mkdtemp(prefix="between-record-"))
    session = Session(content.require(), folder,
                       {"role": "trainee", "flow": "practise", "training": "off"})
    out = [*comments, "@role trainee", "@training off", "@flow practise", ""]
    try:
        await session.open()
        said, _trail = await session.start()
        out += transcript_lines(said)
        for text in inputs:
            said, _trail = await session.send(parse_input(text, session.ask))
            out += [f"> {text}", *transcript_lines(said)]
    finally:
        await session.close()
        shutil.rmtree(folder, ignore_errors=True)
    return out


def main() -> None:
    lines = Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    inputs = [line for line in lines if line.strip() and not line.startswith("#")]
    print("\n".join(asyncio.run(record(inputs, comments))))


if __name__ == "__main__":
    main()
