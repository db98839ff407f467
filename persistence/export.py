"""A readable text version of ``Store.export_user`` data (what /export and
`between user export` show)."""

from __future__ import annotations

import json
from typing import Any


def _when(iso: str | None) -> str:
    if not iso:
        return "-"
    return iso.replace("T", " ")[:16] + " UTC"


def _consent(u: dict[str, Any]) -> str:
    if u.get("consent"):
        return "given " + _when(u.get("consent_at"))
    return "declined" if u.get("consent") is False else "not asked yet"


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


def render_export_text(data: dict[str, Any]) -> str:
    """Everything in an export, as plain text a person can read."""
    out: list[str] = ["Your data in Between Sessions", "=============================", ""]
    u = data.get("user") or {}
    out += [
        "About you",
        f"  account: {u.get('user_key')}",
        f"  since: {_when(u.get('created_at'))}",
        f"  consent: {_consent(u)}",
        f"  language: {u.get('locale') or '-'}   country: {u.get('country') or '-'}   "
        f"time zone: {u.get('timezone') or '-'}",
        f"  role: {u.get('role')}   training notes: {'on' if u.get('training_notes') else 'off'}   "
        f"keep transcript: {'yes' if u.get('keep_transcript') else 'no'}",
    ]
    if u.get("reminders"):
        out.append(f"  reminders: {_value(u['reminders'])}")
    if u.get("preferences"):
        out.append(f"  what helps you (your ratings): {_value(u['preferences'])}")
    out.append("")

    conv = data.get("conversation")
    out.append("Conversation in progress")
    if conv:
        out.append(f"  flow: {conv.get('flow_id')}   last change: {_when(conv.get('updated_at'))}")
        state = conv.get("state") or {}
        if state.get("state"):
            out.append(f"  step: {state['state']}")
        if state.get("vars"):
            out.append("  what you wrote:")
            out.extend(_fields(state["vars"], "    "))
    else:
        out.append("  none")
    out.append("")

    plans = data.get("plans") or []
    newest: dict[str, dict[str, Any]] = {}  # the current plan per substance; earlier ones counted
    for p in plans:
        key = str(p.get("substance"))
        if key not in newest or (p.get("version") or 0) > (newest[key].get("version") or 0):
            newest[key] = p
    out.append(f"Plans ({len(newest)})")
    for p in newest.values():
        earlier = sum(1 for q in plans if str(q.get("substance")) == str(p.get("substance"))) - 1
        saved = _when(p.get("created_at"))
        line = f"  {p.get('substance')} - current version {p.get('version')} ({saved})"
        if earlier:
            line += f", {earlier} earlier version{'s' if earlier != 1 else ''} in the JSON file"
        out.append(line)
        out.extend(_fields(p.get("sections") or {}, "    "))
    if not plans:
        out.append("  none")
    out.append("")

    for title, key, num in (
        ("Urges logged", "urges", "intensity"),
        ("Check-ins", "checkins", "score"),
    ):
        items = data.get(key) or []
        out.append(f"{title} ({len(items)})")
        for it in items:
            n = it.get(num)
            extra = "; ".join(f"{k}: {_value(v)}" for k, v in (it.get("details") or {}).items())
            out.append(
                f"  {_when(it.get('at'))}"
                + (f"  {num} {n}/10" if n is not None else "")
                + (f"  {extra}" if extra else "")
            )
        out.append("")

    ev = data.get("safety_events") or []
    out.append(
        f"Safety checks that showed support resources ({len(ev)}; only the kind and time are kept)"
    )
    out.extend(f"  {_when(e.get('at'))}  {e.get('category')}" for e in ev)
    out.append("")

    tr = data.get("transcript") or []
    out.append(f"Transcript ({len(tr)} lines)")
    out.extend(f"  [{_when(t.get('at'))}] {t.get('role')}: {t.get('text')}" for t in tr)
    out.append("")

    pending = data.get("pending_messages") or []
    if pending:
        out.append(f"Messages waiting to be sent ({len(pending)})")
        for p in pending:
            payload = p.get("payload") or {}
            out.append(f"  {_when(p.get('created_at'))}  {payload.get('text', _value(payload))}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
