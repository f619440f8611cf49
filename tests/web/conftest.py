"""Fixtures of the web tests: the app on a temporary SQLite database with a fixed clock,
driven by FastAPI's TestClient (the helpers are in tests/support/web.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.environment import private_environment
from tests.support.web import TestClient, make_client

__all__ = ["private_environment"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app and database for a module (tests add their own cases)."""
    with make_client(tmp_path_factory.mktemp("web")) as test_client:
        yield test_client


@pytest.fixture
def fresh_client(tmp_path: Path) -> Iterator[TestClient]:
    """An app with an empty database of its own."""
    with make_client(tmp_path) as test_client:
        yield test_client
