"""Persistence for Between Sessions: durable conversations, outbox, plans and logs.

Nothing is created at import; ``Store.open`` builds the engine. SQLite (default
``sqlite+aiosqlite:///between.db``) or PostgreSQL (``postgres://``, ``postgresql://``).

Interface (what ``bot/app.py``, the CLI and the terminal chat use)::

    store = await Store.open(url, data_key=None, key_file_dir=None)
    await store.close()                         # or: async with await Store.open(url) as store:

    async with store.turn(user_key, update_id=None) as t:    # one update = one transaction
        t.duplicate        # update_id seen before: do nothing (writes raise TurnError)
        t.profile          # dict: user_key, created_at, consent, consent_at, locale, country,
                           #   timezone, role ('client'|'trainee'), training_notes,
                           #   keep_transcript, active, reminders, preferences
        t.conversation     # the engine's state dict, or None; t.flow_id, t.flow_version, t.rev
        t.set_conversation(state, flow_id, flow_version)
        t.update_profile(**fields)
        t.enqueue(payloads, *, priority=0, chat_id=None)     # 0 reply, 1 reminder
        await t.save_plan(substance, sections, amend=False) -> int  # amend: same version
        await t.current_plan(substance=None) -> dict | None
        t.log_urge(*, intensity=None, at=None, **details) ; t.log_checkin(*, score=None, ...)
        t.safety_event(category)                              # category + time only
        t.schedule(kind, due_at, payload) ; t.cancel(kind) ; t.complete_job(job_id)  # durable jobs
        t.append_transcript(role, text) -> bool               # only if keep_transcript
    # leaving the block commits all of it plus the update id; an exception rolls it all back

    await store.outbox_pending(limit=100, *, lease=60.0) -> list[OutboxItem]
    await store.due_jobs(limit=100, *, lease=60.0) -> list[Job] ; await store.next_job_at()
    await store.mark_sent(ids) ; await store.mark_failed(id, retry_at | None)
    await store.set_active(user_key, active)         # blocked: inactive, pending messages dropped
    await store.ensure_flow_version(hash, sources) ; await store.load_flow_version(hash)
    await store.export_user(user_key) -> dict | None ; render_export_text(data, words) -> str
    await store.delete_user(user_key) -> dict[table, rows deleted]
    await store.purge_stale(days | None, *, updates_days=3.0) -> int
    upgrade(url) / await upgrade_async(url)          # `between db upgrade`

Errors: ``StoreError`` (root), ``StoreUnavailable`` (cannot reach the database; ``.transient``),
``DataKeyError`` (missing/wrong/malformed ``BETWEEN_DATA_KEY``), ``SchemaError`` (run
``between db upgrade``), ``TurnError`` (a turn used the wrong way).

Guarantees: one user's turns never interleave (a lock per user: in the process, and on
PostgreSQL an advisory lock on a hash of the user key; a version check at commit against other
processes), different users' turns run side by side (on SQLite their writes share group
commits); a turn is all or nothing; everything a client typed is sealed with AES-GCM
(``persistence.crypto``); logs carry no client text. See ``docs/persistence.md``.
"""

from __future__ import annotations

from .crypto import KEY_ENV, generate_key
from .errors import (
    DataKeyError,
    JobGone,
    SchemaError,
    StoreError,
    StoreUnavailable,
    TurnConflict,
    TurnError,
)
from .export import render_export_text
from .migrate import SCHEMA_REVISION, upgrade, upgrade_async
from .queries import ERASE_JOB, PROFILE_FIELDS
from .store import Job, OutboxItem, Store, Turn

__all__ = [
    "ERASE_JOB",
    "KEY_ENV",
    "PROFILE_FIELDS",
    "SCHEMA_REVISION",
    "DataKeyError",
    "Job",
    "JobGone",
    "OutboxItem",
    "SchemaError",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "Turn",
    "TurnConflict",
    "TurnError",
    "generate_key",
    "render_export_text",
    "upgrade",
    "upgrade_async",
]
