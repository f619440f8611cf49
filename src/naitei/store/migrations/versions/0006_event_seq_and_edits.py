"""Events in a sequence, and the history of edits (issue 16).

- events.seq: a per-case counter given when an event is logged, so two events logged in the
  same second keep the order they were logged in (the timeline is (at, seq), never a random
  id); existing events are numbered in their former order (at, created_at, id);
- case_edits: what an edit of a saved case changed (field, before, after), in order."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
    _number_events()
    with op.batch_alter_table("events") as batch:
        batch.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch.drop_index("ix_events_timeline")
        batch.create_index("ix_events_timeline", ["case_id", "at", "seq"])
        batch.create_unique_constraint(op.f("uq_events_case_id"), ["case_id", "seq"])
    op.create_table(
        "case_edits",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_edits_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_edits")),
        sa.UniqueConstraint("case_id", "seq", name=op.f("uq_case_edits_case_id")),
    )


def _number_events() -> None:
    """1, 2, 3 … per case, in the order the timeline used to be read."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, case_id FROM events ORDER BY case_id, at, created_at, id")
    ).all()
    numbers: dict[str, int] = {}
    updates = []
    for event_id, case_id in rows:
        numbers[case_id] = numbers.get(case_id, 0) + 1
        updates.append({"id": event_id, "seq": numbers[case_id]})
    if updates:
        bind.execute(sa.text("UPDATE events SET seq = :seq WHERE id = :id"), updates)


def downgrade() -> None:
    op.drop_table("case_edits")
    with op.batch_alter_table("events") as batch:
        batch.drop_constraint(op.f("uq_events_case_id"), type_="unique")
        batch.drop_index("ix_events_timeline")
        batch.create_index("ix_events_timeline", ["case_id", "at", "created_at", "id"])
        batch.drop_column("seq")
