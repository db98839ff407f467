"""safety_events.category sealed like the rest of what a client disclosed (AES-GCM, bound to the
column and the user: ``safety_events|<user id>``); the rows already stored are sealed here, so
the upgrade needs the data key when there are any (``persistence.migrate.migration_cipher``)

Revision ID: 0005_sealed_safety
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import context, op

from persistence.crypto import Cipher, aad
from persistence.migrate import migration_cipher

revision: str = "0005_sealed_safety"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_events = sa.table("safety_events", sa.column("id"), sa.column("category", sa.LargeBinary()))


def _rows() -> list[tuple[int, int, Any]]:
    return [
        (r[0], r[1], r[2])
        for r in op.get_bind().execute(
            sa.text("SELECT id, user_id, category FROM safety_events ORDER BY id")
        )
    ]


def _cipher() -> Cipher:
    return migration_cipher(op.get_bind(), context.config.attributes.get("data_key"))


def upgrade() -> None:
    rows = _rows()
    cipher = _cipher() if rows else None  # (checked before anything changes)
    with op.batch_alter_table("safety_events") as batch:
        batch.alter_column(
            "category",
            type_=sa.LargeBinary(),
            existing_type=sa.String(64),
            existing_nullable=False,
            postgresql_using="convert_to(category, 'UTF8')",
        )
    conn = op.get_bind()
    for id_, user_id, category in rows:
        binary = isinstance(category, (bytes, memoryview))
        text = bytes(category).decode() if binary else str(category)
        assert cipher is not None
        sealed = cipher.seal(text.encode(), aad("safety_events", user_id))
        conn.execute(_events.update().where(_events.c.id == id_).values(category=sealed))


def downgrade() -> None:
    rows = _rows()
    cipher = _cipher() if rows else None
    opened = [
        (id_, cipher.open_text(bytes(category), aad("safety_events", user_id)))
        for id_, user_id, category in rows
        if cipher is not None
    ]
    conn = op.get_bind()
    for id_, text in opened:  # (still a binary column: the text as bytes, cast below)
        conn.execute(_events.update().where(_events.c.id == id_).values(category=text.encode()))
    with op.batch_alter_table("safety_events") as batch:
        batch.alter_column(
            "category",
            type_=sa.String(64),
            existing_type=sa.LargeBinary(),
            existing_nullable=False,
            postgresql_using="convert_from(category, 'UTF8')",
        )
    if conn.dialect.name == "sqlite":  # (a copied blob stays a blob in a text column)
        conn.execute(sa.text("UPDATE safety_events SET category = CAST(category AS TEXT)"))
