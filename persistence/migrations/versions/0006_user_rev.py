"""users.rev: a version every SQLite turn raises, so that a turn loaded without the write lock
commits only if nothing of its user changed meanwhile (another process on the same file)

Revision ID: 0006_user_rev
Revises: 0005_sealed_safety
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_user_rev"
down_revision: str | Sequence[str] | None = "0005_sealed_safety"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("rev", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("rev")
