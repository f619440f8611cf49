"""Fixtures of the store tests: every test that takes `database_url` or `store` runs twice,
on SQLite (a temporary file) and on a real PostgreSQL server (a throw-away cluster)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from naitei.services.cases import open_store
from naitei.store.engine import Store
from tests.support import pg
from tests.support.environment import private_environment

BACKENDS = ["sqlite", "postgresql"]

pg_cluster = pg.pg_cluster  # one throw-away PostgreSQL cluster per session
cli_database_url = pg.cli_database_url  # the command-line tests: PostgreSQL with the slow suites

__all__ = ["private_environment"]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from pg.database(request, tmp_path)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(database_url)
    yield opened
    opened.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def shared_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """One database for a whole module (tests that each add their own cases)."""
    for url in pg.database(request, tmp_path_factory.mktemp("shared")):
        opened = open_store(url)
        yield opened
        opened.dispose()
