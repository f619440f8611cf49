"""Cases and the timeline of their events."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

STATUSES = "'preparing', 'contacting', 'awaiting', 'accepted', 'refused', 'declined'"
KINDS = "'called', 'emailed', 'visited', 'letter_sent', 'answered', 'note'"


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("batch_id", sa.String(length=32), nullable=True),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("due_step", sa.String(length=32), nullable=True),
        sa.Column("due_title", sa.String(length=400), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f("ck_cases_status")),
        sa.CheckConstraint("purpose IN ('withdraw', 'decline')", name=op.f("ck_cases_purpose")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
    )
    with op.batch_alter_table("cases") as batch:
        batch.create_index(batch.f("ix_cases_batch_id"), ["batch_id"], unique=False)
        batch.create_index(batch.f("ix_cases_due_at"), ["due_at"], unique=False)
    op.create_table(
        "events",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("with_whom", sa.String(length=200), nullable=True),
        sa.Column("said", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(f"kind IN ({KINDS})", name=op.f("ck_events_kind")),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_events_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events") as batch:
        batch.create_index(batch.f("ix_events_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_index(batch.f("ix_events_case_id"))
    op.drop_table("events")
    with op.batch_alter_table("cases") as batch:
        batch.drop_index(batch.f("ix_cases_due_at"))
        batch.drop_index(batch.f("ix_cases_batch_id"))
    op.drop_table("cases")
