"""Organisation-mode fixtures: one throw-away PostgreSQL cluster per session, one database
(initialised: schema, keys, first admin) per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import pg
from tests.support.messenger import Desk, people, service_deployment
from tests.support.org import Deployment, deployment
from tests.support.pg import Cluster
from tests.support.smtpd import Server

pg_cluster = pg.pg_cluster  # one throw-away PostgreSQL cluster per session


@pytest.fixture
def org(pg_cluster: Cluster, tmp_path: Path) -> Iterator[Deployment]:
    with deployment(pg_cluster, tmp_path) as ready:
        yield ready


@pytest.fixture
def served(pg_cluster: Cluster, tmp_path: Path) -> Iterator[tuple[Deployment, Server]]:
    """A deployment with the decline service and the SMTP server it sends to."""
    with service_deployment(pg_cluster, tmp_path) as pair:
        yield pair


@pytest.fixture
def desk(served: tuple[Deployment, Server]) -> Desk:
    """The decline service's deployment with its SMTP server and its people."""
    org, smtp = served
    return Desk(org, smtp, people(org))
