"""initial schema: users, conversations, flow versions, dedup, outbox, plans, logs, transcripts

Revision ID: 0001
Revises:
Create Date: 2025-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def user_fk(table: str) -> tuple[sa.Column, sa.ForeignKeyConstraint]:
    return (
        sa.Column("user_id", Id, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=f"fk_{table}_user_id_users", ondelete="CASCADE"
        ),
    )


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_meta"),
    )
    op.create_table(
        "users",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        sa.Column("user_key", sa.String(128), nullable=False),
        ts("created_at"),
        ts("seen_at"),
        sa.Column("consent", sa.Boolean(), nullable=True),
        ts("consent_at", nullable=True),
        sa.Column("locale", sa.String(16), nullable=True),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("timezone", sa.String(64), nullable=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("training_notes", sa.Boolean(), nullable=False),
        sa.Column("keep_transcript", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("reminders", sa.JSON(), nullable=True),
        sa.CheckConstraint("role IN ('client', 'trainee')", name="ck_users_role"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("user_key", name="uq_users_user_key"),
    )
    op.create_table(
        "flow_versions",
        sa.Column("hash", sa.String(128), nullable=False),
        ts("created_at"),
        sa.Column("sources", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("hash", name="pk_flow_versions"),
    )
    op.create_table(
        "conversations",
        sa.Column("user_id", Id, nullable=False),
        sa.Column("flow_id", sa.String(64), nullable=False),
        sa.Column("flow_version", sa.String(128), nullable=False),
        sa.Column("state", sa.LargeBinary(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        ts("updated_at"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_conversations_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name="pk_conversations"),
    )

    op.create_table(
        "processed_updates",
        sa.Column("update_id", Id, autoincrement=False, nullable=False),
        *user_fk("processed_updates"),
        ts("at"),
        sa.PrimaryKeyConstraint("update_id", name="pk_processed_updates"),
    )

    op.create_table(
        "outbox",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        *user_fk("outbox"),
        sa.Column("chat_id", sa.String(64), nullable=True),
        sa.Column("priority", sa.SmallInteger(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        ts("created_at"),
        sa.Column("attempts", sa.Integer(), nullable=False),
        ts("retry_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sqlite_autoincrement=True,
    )

    op.create_table(
        "plans",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        *user_fk("plans"),
        sa.Column("substance_ix", sa.LargeBinary(16), nullable=False),
        sa.Column("substance", sa.LargeBinary(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sections", sa.LargeBinary(), nullable=False),
        ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_plans"),
        sa.UniqueConstraint(
            "user_id", "substance_ix", "version", name="uq_plans_user_substance_version"
        ),
    )

    for table, number in (("urge_log", "intensity"), ("checkins", "score")):
        op.create_table(
            table,
            sa.Column("id", Id, autoincrement=True, nullable=False),
            *user_fk(table),
            ts("at"),
            sa.Column(number, sa.SmallInteger(), nullable=True),
            sa.Column("details", sa.LargeBinary(), nullable=True),
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        )
        op.create_index(f"ix_{table}_user_id", table, ["user_id"])

    op.create_table(
        "safety_events",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        *user_fk("safety_events"),
        ts("at"),
        sa.Column("category", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_safety_events"),
    )
    op.create_index("ix_safety_events_user_id", "safety_events", ["user_id"])

    op.create_table(
        "transcripts",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        *user_fk("transcripts"),
        ts("at"),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("text", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_transcripts"),
    )
    op.create_index("ix_transcripts_user_id", "transcripts", ["user_id"])


def downgrade() -> None:
    for table in (
        "transcripts",
        "safety_events",
        "checkins",
        "urge_log",
        "plans",
        "outbox",
        "processed_updates",
        "conversations",
        "flow_versions",
        "users",
        "meta",
    ):
        op.drop_table(table)
