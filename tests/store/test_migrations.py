"""Alembic: from empty to HEAD and back to base, on both databases; the schema the
migrations build is the schema the models describe; the SQLite pragmas hold on every
connection; the default database is private and in the data folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, make_url, text

from naitei.store.engine import Store
from naitei.store.migrate import HEAD, _config, current_revision, downgrade, upgrade
from naitei.store.models import Base
from tests.support.cli import cli_env, naitei


def tables(store: Store) -> set[str]:
    with store.engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def test_upgrade_from_empty_then_downgrade_to_base(database_url: str) -> None:
    store = Store(make_url(database_url))
    try:
        assert current_revision(store) is None
        upgrade(store)
        assert current_revision(store) == HEAD
        assert {"cases", "events", "alembic_version"} <= tables(store)
        downgrade(store)
        assert current_revision(store) is None
        assert not {"cases", "events"} & tables(store)
        upgrade(store)
        assert current_revision(store) == HEAD
    finally:
        store.dispose()


def test_the_migrations_build_what_the_models_describe(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_head_names_the_newest_migration(store: Store) -> None:
    with store.engine.connect() as connection, _config(connection) as config:
        assert ScriptDirectory.from_config(config).get_current_head() == HEAD


def test_db_upgrade_command_reports_the_revision(database_url: str) -> None:
    first = naitei("db", "upgrade", env=cli_env(database_url))
    assert first.returncode == 0, first.stderr
    assert f"なし → {HEAD}" in first.stdout
    again = naitei("db", "upgrade", env=cli_env(database_url))
    assert again.returncode == 0 and "すでに最新" in again.stdout


def test_every_sqlite_connection_is_durable_and_safe(tmp_path: Path) -> None:
    store = Store(make_url(f"sqlite:///{tmp_path / 'n.db'}"))
    try:
        for _ in range(2):  # a fresh connection each time, not just the first one
            with store.engine.connect() as connection:
                pragma = {
                    name: connection.execute(text(f"PRAGMA {name}")).scalar()
                    for name in ("journal_mode", "synchronous", "foreign_keys", "secure_delete")
                }
                busy = connection.execute(text("PRAGMA busy_timeout")).scalar()
            store.engine.dispose()
            assert pragma == {
                "journal_mode": "wal",
                "synchronous": 2,  # FULL
                "foreign_keys": 1,
                "secure_delete": 1,
            }
            assert busy == 5000
    finally:
        store.dispose()


def test_the_default_database_is_private_in_the_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    env = {**os.environ, "NAITEI_DATA_DIR": str(folder)}
    env.pop("NAITEI_DATABASE_URL", None)
    result = naitei("case", "list", env=env)
    assert result.returncode == 0, result.stderr
    database = folder / "naitei.db"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_without_settings_the_database_follows_platformdirs(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NAITEI_", "XDG_"))}
    env["HOME"] = str(tmp_path)
    result = naitei("case", "list", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / ".local" / "share" / "naitei" / "naitei.db").is_file()


def test_0006_numbers_existing_events_in_their_former_order(database_url: str) -> None:
    """Events stored before 0006 get seq 1, 2, 3 … per case, in (at, created_at, id) order."""
    store = Store(make_url(database_url))
    try:
        upgrade(store, "0005")
        case = (
            "INSERT INTO cases (id, purpose, company, status, data, plan, created_at, updated_at)"
            " VALUES (:id, 'withdraw', 'x', 'preparing', '{}', '{}', :t, :t)"
        )
        event = (
            "INSERT INTO events (id, case_id, kind, at, created_at)"
            " VALUES (:id, :case, 'note', :at, :t)"
        )
        with store.engine.begin() as connection:
            for case_id in ("a", "b"):
                connection.execute(text(case), {"id": case_id, "t": "2026-11-26 01:00:00"})
            for event_id, case_id, at in [
                ("e3", "a", "2026-11-26 03:00:00"),
                ("e1", "a", "2026-11-26 01:00:00"),
                ("e2", "a", "2026-11-26 02:00:00"),
                ("f1", "b", "2026-11-26 01:00:00"),
            ]:
                values = {"id": event_id, "case": case_id, "at": at, "t": "2026-11-26 04:00:00"}
                connection.execute(text(event), values)
        upgrade(store)
        with store.engine.connect() as connection:
            rows = connection.execute(text("SELECT id, seq FROM events ORDER BY id")).all()
        assert [tuple(row) for row in rows] == [("e1", 1), ("e2", 2), ("e3", 3), ("f1", 1)]
    finally:
        store.dispose()
