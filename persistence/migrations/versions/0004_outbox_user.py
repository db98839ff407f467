"""outbox: indexes on (user_id, id), read by every turn (are older messages still waiting?), and on
(priority, id), the order in which the sender picks whom to serve next

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_outbox_user_id", "outbox", ["user_id", "id"])
    op.create_index("ix_outbox_priority", "outbox", ["priority", "id"])


def downgrade() -> None:
    op.drop_index("ix_outbox_priority", table_name="outbox")
    op.drop_index("ix_outbox_user_id", table_name="outbox")
