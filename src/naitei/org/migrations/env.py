"""Alembic environment of organisation mode: naitei.org.schema passes an open connection; the
version table is naitei_org_version, apart from the local store's alembic_version."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("organisation migrations run through naitei.org.schema (no offline mode)")

context.configure(connection=connection, target_metadata=None, version_table="naitei_org_version")
with context.begin_transaction():
    context.run_migrations()
