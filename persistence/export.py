"""A readable text version of ``Store.export_user`` data (what /export and
`between user export` show).

Every word comes from the bot's words file (dialogs/words.yaml, the `export_*` keys), passed in
as ``words``: persistence knows the layout, the content knows the words.
"""

from __future__ import annotations

import json
from typing import Any, Protocol


class Says(Protocol):
    """The words to write with (bot.words.Words)."""

    def say(self, key: str, **values: Any) -> str: ...


def _value(v: Any) -> str:
    if isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False)


def _fields(d: dict[str, Any], indent: str = "  ") -> list[str]:
    lines = []
    for k, v in d.items():
        if isinstance(v, dict) and v:
            lines.append(f"{indent}{k}:")
            lines.extend(_fields(v, indent + "  "))
        elif isinstance(v, list) and v and all(isinstance(x, str) for x in v):
            lines.append(f"{indent}{k}:")
            lines.extend(f"{indent}  - {x}" for x in v)
        else:
            lines.append(f"{indent}{k}: {_value(v)}")
    return lines


def render_export_text(data: dict[str, Any], words: Says) -> str:
    """Everything in an export, as plain text a person can read, in ``words``."""
    say = words.say
    blank = say("export_blank")

    def when(iso: str | None) -> str:
        return say("export_time", time=iso.replace("T", " ")[:16]) if iso else blank

    def text(v: Any) -> str:
        return blank if v is None or v == "" else str(v)

    title = say("export_title")
    out: list[str] = [title, "=" * len(title), ""]
    u = data.get("user") or {}
    if u.get("consent"):
        consent = say("export_consent_given", when=when(u.get("consent_at")))
    else:
        consent = say("export_consent_declined" if u.get("consent") is False else "export_unasked")
    out += [
        say("export_about"),
        "  " + say("export_account", account=str(u.get("user_key"))),
        "  " + say("export_since", when=when(u.get("created_at"))),
        "  " + say("export_consent", consent=consent),
        "  "
        + say(
            "export_place",
            language=text(u.get("locale")),
            country=text(u.get("country")),
            zone=text(u.get("timezone")),
        ),
        "  "
        + say(
            "export_role",
            role=str(u.get("role")),
            notes=say("export_on" if u.get("training_notes") else "export_off"),
            keep=say("export_yes" if u.get("keep_transcript") else "export_no"),
        ),
    ]
    if u.get("reminders"):
        out.append("  " + say("export_reminders", reminders=_value(u["reminders"])))
    if u.get("preferences"):
        out.append("  " + say("export_ratings", ratings=_value(u["preferences"])))
    out.append("")

    conv = data.get("conversation")
    out.append(say("export_conversation"))
    if conv:
        updated = when(conv.get("updated_at"))
        out.append("  " + say("export_flow", flow=str(conv.get("flow_id")), when=updated))
        state = conv.get("state") or {}
        if state.get("state"):
            out.append("  " + say("export_step", step=str(state["state"])))
        if state.get("vars"):
            out.append("  " + say("export_wrote"))
            out.extend(_fields(state["vars"], "    "))
    else:
        out.append("  " + say("export_none"))
    out.append("")

    plans = data.get("plans") or []
    newest: dict[str, dict[str, Any]] = {}  # the current plan per substance; earlier ones counted
    for p in plans:
        key = str(p.get("substance"))
        if key not in newest or (p.get("version") or 0) > (newest[key].get("version") or 0):
            newest[key] = p
    out.append(say("export_plans", count=str(len(newest))))
    for p in newest.values():
        earlier = sum(1 for q in plans if str(q.get("substance")) == str(p.get("substance"))) - 1
        plan = {
            "substance": str(p.get("substance")),
            "version": str(p.get("version")),
            "when": when(p.get("created_at")),
            "earlier": str(earlier),
        }
        kind = {0: "export_plan", 1: "export_plan_earlier_one"}.get(earlier, "export_plan_earlier")
        out.append("  " + say(kind, **plan))
        out.extend(_fields(p.get("sections") or {}, "    "))
    if not plans:
        out.append("  " + say("export_none"))
    out.append("")

    for title_key, key, num in (
        ("export_urges", "urges", "export_intensity"),
        ("export_checkins", "checkins", "export_score"),
    ):
        items = data.get(key) or []
        out.append(say(title_key, count=str(len(items))))
        for it in items:
            n = it.get("intensity" if key == "urges" else "score")
            extra = "; ".join(f"{k}: {_value(v)}" for k, v in (it.get("details") or {}).items())
            out.append(
                f"  {when(it.get('at'))}"
                + (f"  {say(num, value=str(n))}" if n is not None else "")
                + (f"  {extra}" if extra else "")
            )
        out.append("")

    ev = data.get("safety_events") or []
    out.append(say("export_safety", count=str(len(ev))))
    out.extend(f"  {when(e.get('at'))}  {e.get('category')}" for e in ev)
    out.append("")

    tr = data.get("transcript") or []
    out.append(say("export_transcript", count=str(len(tr))))
    out.extend(f"  [{when(t.get('at'))}] {t.get('role')}: {t.get('text')}" for t in tr)
    out.append("")

    pending = data.get("pending_messages") or []
    if pending:
        out.append(say("export_pending", count=str(len(pending))))
        for p in pending:
            payload = p.get("payload") or {}
            out.append(f"  {when(p.get('created_at'))}  {payload.get('text', _value(payload))}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
