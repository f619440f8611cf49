"""Indexes for what the case list sorts and filters on (issue 14: 20,000 cases).

- ix_cases_list (created_at, due_at, company, id): the list's order, read a page at a time;
- ix_cases_due (due_at, created_at, id): what is due, soonest first (replaces ix_cases_due_at);
- ix_cases_purpose_company (purpose, company): the decline cases of a file's companies;
- ix_events_timeline (case_id, at, created_at, id): a case's timeline in order (replaces
  ix_events_case_id)."""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_due_at")
        batch.create_index("ix_cases_list", ["created_at", "due_at", "company", "id"])
        batch.create_index("ix_cases_due", ["due_at", "created_at", "id"])
        batch.create_index("ix_cases_purpose_company", ["purpose", "company"])
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_case_id")
        batch.create_index("ix_events_timeline", ["case_id", "at", "created_at", "id"])


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_timeline")
        batch.create_index("ix_events_case_id", ["case_id"])
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_purpose_company")
        batch.drop_index("ix_cases_due")
        batch.drop_index("ix_cases_list")
        batch.create_index("ix_cases_due_at", ["due_at"])
