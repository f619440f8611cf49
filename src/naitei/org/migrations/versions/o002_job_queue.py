"""The job queue's tables (Procrastinate's schema, as the installed version ships it)."""

from __future__ import annotations

from alembic import op

revision = "o002"
down_revision = "o001"


def upgrade() -> None:
    from procrastinate.schema import SchemaManager

    # Straight to psycopg without parameters: the schema holds literal % signs, which a
    # parameterised execute would read as placeholders. Same connection, same transaction.
    raw = op.get_bind().connection.driver_connection
    assert raw is not None
    raw.execute(SchemaManager.get_schema())


def downgrade() -> None:
    op.execute("DROP SCHEMA IF EXISTS procrastinate CASCADE")
