"""Organisation mode's schema with Alembic (its own version table, naitei_org_version), run
by `naitei org init` and checked by the readiness endpoint."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, text

from naitei.org.db import log

HEAD = "o006"
_LOCK = 0x6F7267696E6974  # two inits at once must not race


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not connection.dialect.has_table(connection, "naitei_org_version"):
            return None
        value = connection.execute(text("SELECT version_num FROM naitei_org_version")).scalar()
        return str(value) if value is not None else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    folder = resources.files("naitei.org").joinpath("migrations")
    with resources.as_file(folder) as path, engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
        config = Config()
        config.set_main_option("script_location", str(Path(path)))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    log.info("org schema at %s", revision)
