"""Replies read from the service's mailbox by the worker (issues 18, 19): one row per reply
handled, keyed by the reply's Message-ID (or, without one, its mailbox, UIDVALIDITY and UID),
written in the same transaction as the reply it records, so that a restarted or a second
worker never records a reply twice. Only replies to the service's own sends get a row; no
other mail is stored. The worker's own table: the app role has no grant on it."""

from __future__ import annotations

from alembic import op

revision = "o004"
down_revision = "o003"


def upgrade() -> None:
    op.execute(
        """
CREATE TABLE service_inbox (
  reply_key text PRIMARY KEY,
  mailbox text NOT NULL,
  uidvalidity bigint NOT NULL,
  uid bigint NOT NULL,
  request_id bigint NOT NULL REFERENCES service_requests ON DELETE CASCADE,
  position integer NOT NULL,
  handled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_inbox_uid ON service_inbox (mailbox, uidvalidity, uid);
"""
    )


def downgrade() -> None:
    op.execute("DROP TABLE service_inbox")
