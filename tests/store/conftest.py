"""Fixtures of the store tests: every test that takes `database_url` or `store` runs twice,
on SQLite (a temporary file) and on a real PostgreSQL server (a throw-away cluster)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from naitei.services.cases import open_store
from naitei.store.engine import Store
from tests.support import pg
from tests.support.pg import Cluster

BACKENDS = ["sqlite", "postgresql"]

pg_cluster = pg.pg_cluster  # one throw-away PostgreSQL cluster per session


@pytest.fixture(autouse=True)
def private_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may reach the real data folder: the default location points into tmp_path."""
    monkeypatch.delenv("NAITEI_DATABASE_URL", raising=False)
    monkeypatch.setenv("NAITEI_DATA_DIR", str(tmp_path / "default-data"))


def _database(request: pytest.FixtureRequest, folder: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{folder / 'naitei.db'}"
        return
    pg: Cluster = request.getfixturevalue("pg_cluster")
    name = f"t{secrets.token_hex(6)}"
    url = pg.create_database(name)
    try:
        yield url
    finally:
        pg.drop_database(name)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from _database(request, tmp_path)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def cli_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """As database_url, for the command-line tests (a subprocess per command, so slower):
    on PostgreSQL they run with the slow suites."""
    yield from _database(request, tmp_path)


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
    for url in _database(request, tmp_path_factory.mktemp("shared")):
        opened = open_store(url)
        yield opened
        opened.dispose()
