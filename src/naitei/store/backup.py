"""Verified SQLite backups (emptying the WAL after a deletion is Store.erase).

A backup is made with ``VACUUM INTO`` (a consistent snapshot that carries no deleted
pages) into a private temporary file beside the target, checked with
``PRAGMA integrity_check``, and only then linked into place, never over an existing file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from naitei.errors import ExternalError, InputError, os_reason
from naitei.store.engine import Store, external_error, log
from naitei.store.models import new_id


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int
    cases: int
    integrity: str


@contextlib.contextmanager
def _raw(store: Store) -> Iterator[Any]:
    """A DBAPI connection outside any transaction (checkpoints and VACUUM need that)."""
    try:
        connection = store.engine.raw_connection()
    except SQLAlchemyError as error:
        raise external_error(error, store.url) from None
    try:
        yield connection.driver_connection
    except sqlite3.Error as error:
        raise external_error(_wrap(error), store.url) from None
    finally:
        connection.close()


def _wrap(error: sqlite3.Error) -> SQLAlchemyError:
    from sqlalchemy.exc import DBAPIError

    return DBAPIError(None, None, error)


def backup(store: Store, target: Path) -> Backup:
    if not store.is_sqlite:
        raise InputError(
            "PostgreSQL のデータベースは pg_dump でバックアップしてください"
            "（例: pg_dump --format=custom --file=naitei.dump データベース名）。"
            "naitei case export で、すべてのケースを JSON に書き出すこともできます。"
        )
    if target.exists():
        raise InputError(
            f"{target}: すでにあります。上書きはしないので、別の名前を指定してください"
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{target}: 書き込み先のフォルダがありません")
    temp = folder / f".{target.name}.{new_id()}.tmp"
    try:
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        with _raw(store) as connection:
            connection.execute("VACUUM INTO ?", (str(temp),))
        result = _verify(temp, target)
        _sync(temp)
        os.link(temp, target)
        _sync(folder)
    except FileExistsError:
        raise InputError(f"{target}: すでにあります。上書きはしません") from None
    except OSError as error:
        raise ExternalError(f"{target}: 書き込めませんでした（{os_reason(error)}）") from None
    finally:
        with contextlib.suppress(OSError):  # also on a read-only file system
            temp.unlink(missing_ok=True)
    log.info("backup written (%d cases)", result.cases)
    return result


def _verify(temp: Path, target: Path) -> Backup:
    connection = sqlite3.connect(f"{temp.resolve().as_uri()}?mode=ro", uri=True)
    try:
        integrity = str(connection.execute("PRAGMA integrity_check").fetchone()[0])
        cases = int(connection.execute("SELECT count(*) FROM cases").fetchone()[0])
    except sqlite3.Error:
        integrity, cases = "error", 0
    finally:
        connection.close()
    if integrity != "ok":
        raise ExternalError(
            "バックアップの確認（整合性の検査）に失敗したため、書き出しを取りやめました。"
            "元のデータベースは変更されていません。"
        )
    return Backup(target, temp.stat().st_size, cases, integrity)


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
