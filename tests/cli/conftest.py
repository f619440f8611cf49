"""Fixtures of the CLI tests (the command as a user runs it, its options and its docs): no test
reaches the real data folder; `cli_database_url` runs a test on SQLite and, with the slow
suites, on a throw-away PostgreSQL cluster."""

from __future__ import annotations

from tests.support import pg
from tests.support.environment import private_environment

pg_cluster = pg.pg_cluster  # one throw-away PostgreSQL cluster per session
cli_database_url = pg.cli_database_url

__all__ = ["cli_database_url", "pg_cluster", "private_environment"]
