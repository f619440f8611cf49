"""The send ledger of `naitei decline --send`: one row per (decline file, company, recipient),
claimed under a unique constraint before the message is handed to the SMTP server."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "sends",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("decline", sa.String(length=64), nullable=False),
        sa.Column("company_key", sa.String(length=64), nullable=False),
        sa.Column("recipient_key", sa.String(length=64), nullable=False),
        sa.Column("company_index", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("state IN ('handing', 'sent')", name=op.f("ck_sends_state")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sends")),
        sa.UniqueConstraint(
            "decline", "company_key", "recipient_key", name=op.f("uq_sends_decline")
        ),
    )


def downgrade() -> None:
    op.drop_table("sends")
