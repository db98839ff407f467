"""state_counts: how many conversations entered each state of a flow, and went on from it, per
week (counts only, no user: where clients drop off, for `between stats` and the studio)

Revision ID: 0007_state_counts
Revises: 0006_user_rev
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_state_counts"
down_revision: str | Sequence[str] | None = "0006_user_rev"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "state_counts",
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("flow_id", sa.String(64), nullable=False),
        sa.Column("state_id", sa.String(64), nullable=False),
        sa.Column("entered", sa.Integer(), nullable=False),
        sa.Column("moved_on", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("week", "flow_id", "state_id", name="pk_state_counts"),
    )


def downgrade() -> None:
    op.drop_table("state_counts")
