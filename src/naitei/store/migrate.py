"""Alembic migrations, run from inside the package (no alembic.ini at run time).

`ensure_schema` runs on first use of a database: a quick look at the version table, and an
upgrade to HEAD when it is behind. The upgrade runs in one transaction (SQLite and
PostgreSQL both have transactional DDL), so an interrupted upgrade leaves nothing behind.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from naitei.errors import ExternalError
from naitei.store.engine import Store, log

if TYPE_CHECKING:
    from alembic.config import Config

HEAD = "0006"  # the newest revision under migrations/versions (a test keeps them in step)
_PG_LOCK = 0x6E6169746569  # an advisory lock so that two first uses do not race


@contextlib.contextmanager
def _config(connection: Connection) -> Iterator[Config]:
    from alembic.config import Config

    with resources.as_file(resources.files("naitei.store").joinpath("migrations")) as folder:
        config = Config()
        config.set_main_option("script_location", str(Path(folder)))
        config.attributes["connection"] = connection
        yield config


def current_revision(store: Store) -> str | None:
    """The revision the database is at (None when it is empty)."""
    with store.session(write=False) as session:
        connection = session.connection()
        if not connection.dialect.has_table(connection, "alembic_version"):
            return None
        value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return str(value) if value is not None else None


def ensure_schema(store: Store) -> None:
    """Bring the database to HEAD unless it is there already (the fast path)."""
    if current_revision(store) != HEAD:
        upgrade(store)


def upgrade(store: Store, revision: str = "head") -> None:
    _run(store, "upgrade", revision)


def downgrade(store: Store, revision: str = "base") -> None:
    _run(store, "downgrade", revision)


def _run(store: Store, direction: str, revision: str) -> None:
    from alembic import command
    from alembic.util import CommandError

    with store.session(write=True) as session:
        connection = session.connection()
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
        try:
            with _config(connection) as config:
                getattr(command, direction)(config, revision)
        except CommandError:
            raise ExternalError(
                f"データベース（{store.where}）は、この naitei より新しい版で作られているため"
                "扱えません。naitei を新しくしてください。"
            ) from None
    log.info("schema %s to %s", direction, revision)
