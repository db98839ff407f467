"""Files a client takes away: a trainee's role-play transcript (plain UTF-8 text: opens on
every phone and computer, forwards cleanly, prints as it is). The Optimal Use Plan's file is a
PDF: bot/plans.py."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo


def render_transcript(lines: Iterable[Mapping[str, Any]], tz: ZoneInfo) -> str:
    """A trainee's role-play transcript for supervision."""
    out = ["Between Sessions: role-play transcript (training, not client data)", ""]
    who = {"user": "Trainee (as client)", "bot": "Bot", "note": "  Training note"}
    day = None
    for line in lines:
        at = line.get("at")
        if isinstance(at, str):
            at = datetime.fromisoformat(at)
        if isinstance(at, datetime):
            local = at.astimezone(tz)
            if local.date() != day:
                day = local.date()
                out += ["", f"— {local.strftime('%A %d %B %Y')} —"]
            stamp = local.strftime("%H:%M") + " "
        else:
            stamp = ""
        text = str(line.get("text", "")).replace("\n", "\n    ")
        role = str(line.get("role"))
        out.append(f"{stamp}{who.get(role, role)}: {text}")
    if len(out) == 2:
        out.append("Nothing kept yet.")
    return "\n".join(out) + "\n"
