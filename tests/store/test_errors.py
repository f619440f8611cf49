"""A database that cannot be opened, is locked or cannot be reached: exit code 3, a clear
Japanese message, no traceback, and nothing half-written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from naitei.errors import ExternalError, InputError
from naitei.services import cases as services
from tests.support.cases import EXAMPLES, NOW, make_case
from tests.support.cli import cli_env, naitei
from tests.support.net import free_port

NEW_GRAD = str(EXAMPLES / "new-grad.toml")


def failing(url: str, *args: str, code: int = 3, **env: str) -> str:
    result = naitei(*args, env=cli_env(url, **env))
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.startswith("エラー: ")
    return result.stderr


def test_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'no-such-folder' / 'naitei.db'}"
    message = failing(url, "case", "list")
    assert "データベースを開けませんでした" in message and "no-such-folder" in message
    assert not (tmp_path / "no-such-folder").exists()


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    message = failing(f"sqlite:///{path}", "case", "add", NEW_GRAD)
    assert "読めません" in message
    assert path.read_bytes() == b"these are my notes, not a database\n" * 200


def test_a_locked_database_waits_then_gives_up_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "naitei.db"
    services.open_store(f"sqlite:///{path}").dispose()
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        message = failing(
            f"sqlite:///{path}", "case", "add", NEW_GRAD, NAITEI_BUSY_TIMEOUT_MS="300"
        )
        assert "使用中" in message and "記録は変更されていません" in message
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    store = services.open_store(f"sqlite:///{path}")
    try:
        assert services.list_cases(store) == []  # nothing half-written
        services.add_case(store, make_case(), NOW)  # and the database works again
    finally:
        store.dispose()


@pytest.mark.parametrize("scheme", ["postgresql+psycopg", "postgresql"])
def test_an_unreachable_postgresql_server(scheme: str) -> None:
    url = f"{scheme}://naitei@127.0.0.1:{free_port()}/naitei"
    message = failing(url, "case", "list")
    assert "サーバーに接続できませんでした" in message and "127.0.0.1" in message


def test_a_password_never_shows_in_the_message() -> None:
    url = f"postgresql+psycopg://naitei:hunter2secret@127.0.0.1:{free_port()}/naitei"
    message = failing(url, "case", "list")
    assert "hunter2secret" not in message and "***" in message


@pytest.mark.parametrize("url", ["not a url", "nosuchdialect://x/y"])
def test_a_malformed_url_is_bad_input(url: str) -> None:
    assert "NAITEI_DATABASE_URL" in failing(url, "case", "list", code=2)


def test_in_process_the_errors_are_typed(tmp_path: Path) -> None:
    with pytest.raises(ExternalError):
        services.open_store(f"sqlite:///{tmp_path / 'missing' / 'n.db'}")
    with pytest.raises(InputError):
        services.open_store("nosuchdialect://x/y")
