"""Organisation-mode fixtures: one throw-away PostgreSQL cluster per session, one database
(initialised: schema, keys, first admin) per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.org import Deployment, deployment
from tests.support.pg import INSTALL_HINT, Cluster, cluster, find_bin


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    if find_bin() is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    with cluster() as running:
        yield running


@pytest.fixture
def org(pg_cluster: Cluster, tmp_path: Path) -> Iterator[Deployment]:
    with deployment(pg_cluster, tmp_path) as ready:
        yield ready
