"""Files a client takes away: the Optimal Use Plan for their therapist, a trainee's transcript.

Plain UTF-8 text: opens on every phone and computer, forwards cleanly, prints as it is.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Mapping
from zoneinfo import ZoneInfo

# Section ids the plan flow saves, in the order of the plan (CONTENT.md); others follow.
PLAN_ORDER = (
    "goal", "why_it_matters", "amount_per_occasion", "how_often", "setting", "avoid", "not_at_all",
    "no_mixing", "pace", "safety", "triggers", "warning_signs", "going_over", "support", "review",
)


def plan_filename(plan: Mapping[str, Any]) -> str:
    return f"optimal-use-plan-v{plan.get('version', 1)}.txt"


def render_plan_document(plan: Mapping[str, Any], tz: ZoneInfo, now: datetime) -> str:
    """The plan as a clean document to forward to a therapist."""
    substance = plan.get("substance") or "my use"
    title = f"My Optimal Use Plan: {substance}"
    saved = plan.get("created_at")
    when = saved.astimezone(tz).strftime("%d %B %Y") if isinstance(saved, datetime) else ""
    lines = [title, "=" * len(title), f"Version {plan.get('version', 1)}" + (f", saved {when}" if when else ""), ""]
    sections = dict(plan.get("sections") or {})
    ordered = [k for k in PLAN_ORDER if k in sections] + [k for k in sections if k not in PLAN_ORDER]
    for key in ordered:
        heading = key.replace("_", " ").capitalize()
        lines += [heading, "-" * len(heading), str(sections[key]).strip(), ""]
    lines += [
        "",
        f"Made with Between Sessions on {now.astimezone(tz).strftime('%d %B %Y')}, a practice companion for",
        "Integrative Harm Reduction Psychotherapy. For talking through with my therapist.",
    ]
    return "\n".join(lines) + "\n"


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
        out.append(f"{stamp}{who.get(line.get('role'), line.get('role'))}: {text}")
    if len(out) == 2:
        out.append("Nothing kept yet.")
    return "\n".join(out) + "\n"
