"""Files a client takes away: a trainee's role-play transcript (plain UTF-8 text: opens on
every phone and computer, forwards cleanly, prints as it is). The Optimal Use Plan's file is a
PDF: bot/plans.py. The words are dialogs/words.yaml."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.words import Words, shipped


def render_transcript(
    lines: Iterable[Mapping[str, Any]], tz: ZoneInfo, w: Words | None = None
) -> str:
    """A trainee's role-play transcript for supervision, in ``w`` (by default the shipped
    words)."""
    w = w or shipped()
    say = w.say
    out = [say("transcript_title"), ""]
    who = {
        "user": say("transcript_trainee"),
        "bot": say("transcript_bot"),
        "note": say("transcript_note"),
    }
    day = None
    for line in lines:
        at = line.get("at")
        if isinstance(at, str):
            at = datetime.fromisoformat(at)
        if isinstance(at, datetime):
            local = at.astimezone(tz)
            if local.date() != day:
                day = local.date()
                out += ["", w.date("date_transcript", local)]
            stamp = local.strftime("%H:%M") + " "
        else:
            stamp = ""
        text = str(line.get("text", "")).replace("\n", "\n    ")
        role = str(line.get("role"))
        out.append(f"{stamp}{who.get(role, role)}: {text}")
    if len(out) == 2:
        out.append(say("transcript_empty"))
    return "\n".join(out) + "\n"
