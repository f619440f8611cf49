"""A throw-away PostgreSQL cluster for the store tests: initdb into a temporary folder,
listening on 127.0.0.1 (a free port) and a unix socket in that folder, removed at the end.

PostgreSQL refuses to run as root, so as root the binaries run as the `postgres` user.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.support.net import free_port

INSTALL_HINT = (
    "PostgreSQL binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin. "
    "Run the test command, bash scripts/test, which installs them "
    "(apt-get install -y postgresql), then run the tests again."
)


def find_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version)
    return Path(found[-1]).parent if found else None


def _version(path: str) -> int:
    part = Path(path).parts[-3]
    return int(part) if part.isdigit() else 0


@dataclass(frozen=True)
class Cluster:
    port: int
    user: str = "naitei"
    data: Path | None = None  # the cluster's data directory (the shredding test reads it)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, dbname="postgres", autocommit=True
        )

    def create_database(self, name: str) -> str:
        with self.admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def dump(self, name: str, target: Path) -> Path:
        """`pg_dump` of one database into `target` (plain SQL)."""
        bin_dir = find_bin()
        assert bin_dir is not None
        result = subprocess.run(
            [str(bin_dir / "pg_dump"), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user,
             "-f", str(target), name],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"pg_dump failed: {result.stderr}")
        return target

    def drop_database(self, name: str) -> None:
        with self.admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str]) -> None:
    result = subprocess.run(_as_postgres(command), capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stdout}\n{result.stderr}")


@contextmanager
def cluster() -> Iterator[Cluster]:
    """Start a private cluster (fsync off: it is thrown away) and remove it afterwards."""
    bin_dir = find_bin()
    if bin_dir is None:
        raise FileNotFoundError(INSTALL_HINT)
    root = Path(tempfile.mkdtemp(prefix="naitei-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", free_port()
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off"
    )
    try:
        _run([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "naitei",
              "-E", "UTF8", "--locale=C", "--no-sync"])  # fmt: skip
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-t", "60",
              "-l", str(root / "server.log"), "start"])  # fmt: skip
        try:
            yield Cluster(port, data=data)
        finally:
            _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One throw-away cluster per session for the conftest that imports this fixture."""
    if find_bin() is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    with cluster() as running:
        yield running


def database(request: pytest.FixtureRequest, folder: Path) -> Iterator[str]:
    """A fresh database for a test parametrised by backend: a SQLite file in `folder`, or a
    new database on the session's cluster (dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{folder / 'naitei.db'}"
        return
    running: Cluster = request.getfixturevalue("pg_cluster")
    name = f"t{secrets.token_hex(6)}"
    url = running.create_database(name)
    try:
        yield url
    finally:
        running.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def cli_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database for the command-line tests (a subprocess per command, so slower): on
    PostgreSQL they run with the slow suites."""
    yield from database(request, tmp_path)
