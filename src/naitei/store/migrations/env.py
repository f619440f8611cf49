"""Alembic environment: naitei always passes an open connection (see naitei.store.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from naitei.store.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("naitei runs its migrations through naitei.store.migrate (no offline mode)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move instead
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
