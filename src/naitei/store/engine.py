"""Where the store lives and how it is opened: the URL, the engine, the transaction.

SQLite (the default, in the user's data folder) gets WAL, ``synchronous=FULL``, foreign
keys, a busy timeout and ``secure_delete`` on every connection; a write transaction starts
with ``BEGIN IMMEDIATE`` so that it waits for the lock instead of failing half-way.
Every database failure becomes an ExternalError (exit code 3) with a Japanese message.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session

from naitei.errors import ExternalError, InputError, os_reason

log = logging.getLogger("naitei.store")
log.addHandler(logging.NullHandler())  # quiet unless the application configures logging

URL_VARIABLE = "NAITEI_DATABASE_URL"
DATA_DIR_VARIABLE = "NAITEI_DATA_DIR"
BUSY_TIMEOUT_VARIABLE = "NAITEI_BUSY_TIMEOUT_MS"
DEFAULT_BUSY_TIMEOUT_MS = 5000
FILE_NAME = "naitei.db"
_WRITE = "naitei_write"


def data_dir() -> Path:
    """The folder of the default database: NAITEI_DATA_DIR, or the platform's user data folder."""
    configured = os.environ.get(DATA_DIR_VARIABLE)
    if configured:
        return Path(configured)
    from platformdirs import user_data_dir

    return Path(user_data_dir("naitei"))


def parse_url(text: str) -> URL:
    """An SQLAlchemy URL; a bare postgresql:// means psycopg 3, the driver naitei ships with."""
    try:
        url = make_url(text)
    except ArgumentError:
        raise InputError(
            "データベースの URL の形ではありません"
            "（例: sqlite:////home/me/naitei.db, postgresql+psycopg://user@host/naitei）",
            field=URL_VARIABLE,
        ) from None
    return url.set(drivername="postgresql+psycopg") if url.drivername == "postgresql" else url


class PrivacyWarning(UserWarning):
    """Something the user should know about where their data lies (shown on stderr)."""


def private_data_dir() -> Path:
    """The data folder, made private (0700) when naitei creates it. An existing folder is never
    changed: one that others can write into is refused (they could plant or swap files there),
    one that others can read is used with a warning."""
    folder = data_dir()
    try:
        folder.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        _check_existing(folder)
    except OSError as error:
        raise ExternalError(
            f"データを置くフォルダを作れませんでした（{folder}: {os_reason(error)}）"
        ) from None
    return folder


def _check_existing(folder: Path) -> None:
    import stat
    import warnings

    mode = folder.stat().st_mode
    where = f"{DATA_DIR_VARIABLE} ({folder})" if os.environ.get(DATA_DIR_VARIABLE) else str(folder)
    if not stat.S_ISDIR(mode):
        raise InputError(f"{where}: フォルダではありません")
    shown = oct(stat.S_IMODE(mode))[2:]
    if mode & 0o022:
        raise InputError(
            f"{where}: ほかのユーザーも書き込めるフォルダ（権限 {shown}）には、ケースを置けません。"
            "naitei はこのフォルダの権限を変えません。自分だけが使えるフォルダ"
            "（例: chmod 700 で作ったもの）を指定してください"
        )
    if mode & 0o044:
        warnings.warn(
            f"注意: {where} はほかのユーザーも中を見られるフォルダです（権限 {shown}）。"
            "ケースのファイル自体は本人だけが読める設定（0600）で作りますが、"
            f"フォルダも自分だけのものにするには chmod 700 {folder} を実行してください。"
            "naitei はこのフォルダの権限を変えません。",
            PrivacyWarning,
            stacklevel=3,
        )


def database_url() -> URL:
    """NAITEI_DATABASE_URL, or SQLite in the data folder (private_data_dir; the file 0600)."""
    configured = os.environ.get(URL_VARIABLE)
    if configured:
        return parse_url(configured)
    return URL.create("sqlite", database=str(private_data_dir() / FILE_NAME))


def where(url: URL) -> str:
    """The database as shown to the user: the file, or the URL without its password."""
    if is_sqlite(url):
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def busy_timeout_ms() -> int:
    text = os.environ.get(BUSY_TIMEOUT_VARIABLE, "")
    return int(text) if text.isdigit() else DEFAULT_BUSY_TIMEOUT_MS


def make_engine(url: URL) -> Engine:
    """An engine that never writes statement parameters into logs or error messages."""
    if is_sqlite(url):
        _create_private_file(url)
    try:
        engine = create_engine(url, hide_parameters=True, pool_pre_ping=not is_sqlite(url))
    except (ArgumentError, NoSuchModuleError, ImportError):
        raise InputError(
            "使えないデータベースの種類です（sqlite か postgresql+psycopg）", field=URL_VARIABLE
        ) from None
    if is_sqlite(url):
        _configure_sqlite(engine, busy_timeout_ms())
    return engine


def _create_private_file(url: URL) -> None:
    """Create a new SQLite file as 0600 (SQLite would follow the umask; -wal/-shm follow the file)."""
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.parent.is_dir() and not path.exists():
        with contextlib.suppress(OSError):  # opening reports the problem in Japanese
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _configure_sqlite(engine: Engine, timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # naitei issues BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA secure_delete = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


ERASE_SUFFIX = "-erase"  # beside naitei.db: a deletion whose WAL is not yet emptied
_RETRY_SECONDS = 0.25


class Store:
    """One database: the engine and the transactions of the use cases.

    Erasure (SQLite): after a deletion the WAL must be emptied (a TRUNCATE checkpoint), and a
    reader elsewhere can keep it from being emptied. `erase` then leaves a marker file beside
    the database; every later session of any naitei tries again (without waiting), and this
    store keeps trying in the background until it succeeds — so the deleted text is gone as
    soon as the reader ends, or at the next naitei command if this process has ended."""

    def __init__(self, url: URL) -> None:
        self.url = url
        self.engine = make_engine(url)
        # SQLite has one writer at a time. Writers of this process queue on a lock instead of
        # polling SQLite's busy handler, whose growing sleeps made the slowest of many
        # concurrent writes (naitei serve under load) wait for seconds; the busy timeout still
        # covers writers in other processes (the CLI while the server runs).
        self._writer = threading.RLock() if is_sqlite(url) else None
        self._closed = threading.Event()
        self._eraser: threading.Thread | None = None
        self._erasing = threading.Lock()

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def where(self) -> str:
        return where(self.url)

    @contextlib.contextmanager
    def session(self, *, write: bool) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error."""
        bind = self.engine.execution_options(**{_WRITE: write})
        queue = self._writer if write and self._writer else contextlib.nullcontext()
        with (
            queue,
            self.errors(),
            Session(bind, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session
        self._settle()

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as error:
            raise external_error(error, self.url) from None

    def dispose(self) -> None:
        self._closed.set()
        if self._eraser is not None:
            self._eraser.join(timeout=5)
        self.engine.dispose()

    @property
    def erase_marker(self) -> Path | None:
        """The marker of a pending erasure (SQLite files only)."""
        database = self.url.database if self.is_sqlite else None
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        return Path(database + ERASE_SUFFIX)

    def erase(self, wait: float, waiting: Callable[[], None] | None = None) -> bool:
        """Empty the WAL (after a deletion), trying for up to `wait` seconds; `waiting` is
        called once if a reader makes it wait. False: the marker is left and the erasure
        happens when the reader ends (this store retries in the background; any naitei that
        opens the database later does too)."""
        deadline = time.monotonic() + wait
        told = False
        while not self._try_truncate():
            if time.monotonic() >= deadline:
                self._mark()
                self._retry_in_background()
                return False
            if waiting is not None and not told:
                waiting()
                told = True
            time.sleep(min(_RETRY_SECONDS, max(0.0, deadline - time.monotonic())))
        self._unmark()
        return True

    def _truncate_wal(self) -> bool:
        """One TRUNCATE checkpoint that does not wait for readers: True when the WAL is empty."""
        with self._erasing, self.errors():
            connection = self.engine.raw_connection()
            try:
                raw = connection.driver_connection
                assert raw is not None
                raw.execute("PRAGMA busy_timeout = 0")
                try:
                    busy, _, _ = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                finally:
                    raw.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
            except sqlite3.Error as error:  # locked by a writer elsewhere: try again later
                log.info("wal checkpoint failed: %s", type(error).__name__)
                busy = 1
            finally:
                connection.close()
        if busy:
            log.info("wal checkpoint waits for a reader")
        return not busy

    def _try_truncate(self) -> bool:
        """`_truncate_wal`, with a database that cannot be used counted as not yet done (the
        deletion itself is committed; the marker makes a later naitei finish it)."""
        try:
            return self._truncate_wal()
        except ExternalError:
            return False

    def _settle(self) -> None:
        """After every session: finish an erasure left pending (by this or another naitei)."""
        marker = self.erase_marker
        if marker is not None and marker.exists() and self._try_truncate():
            self._unmark()

    def _mark(self) -> None:
        marker = self.erase_marker
        if marker is not None:
            with contextlib.suppress(OSError):
                os.close(os.open(marker, os.O_CREAT | os.O_WRONLY, 0o600))

    def _unmark(self) -> None:
        marker = self.erase_marker
        if marker is not None:
            with contextlib.suppress(OSError):
                marker.unlink(missing_ok=True)

    def _retry_in_background(self) -> None:
        """Keep trying while this store is open (naitei serve): done as soon as readers end."""
        if self._eraser is not None and self._eraser.is_alive():
            return

        def retry() -> None:
            while not self._closed.wait(_RETRY_SECONDS):
                marker = self.erase_marker
                if marker is None or not marker.exists():
                    return
                self._settle()

        self._eraser = threading.Thread(target=retry, name="naitei-erase", daemon=True)
        self._eraser.start()


def external_error(error: SQLAlchemyError, url: URL) -> ExternalError:
    """A Japanese message for a database failure; the log gets the error class only."""
    original = error.orig if isinstance(error, DBAPIError) else error
    log.warning("database error: %s", type(original).__name__)
    text = str(original).lower()
    place = where(url)
    unchanged = "記録は変更されていません。"
    if "locked" in text or "busy" in text:
        return ExternalError(
            f"データベースがほかの処理で使用中のため、完了できませんでした（{place}）。"
            f"少し待ってから、もう一度お試しください。{unchanged}"
        )
    if "disk is full" in text or _disk_full(url):
        return ExternalError(
            f"ディスクの空きがないため、データベースに書き込めませんでした（{place}）。"
            f"空きを作ってから、もう一度お試しください。{unchanged}"
        )
    if "not a database" in text or "malformed" in text:
        return ExternalError(
            f"{place} は naitei のデータベースとして読めません（別の種類のファイルか、"
            f"壊れています）。{URL_VARIABLE} の指定を確かめてください。"
        )
    if is_sqlite(url):
        return ExternalError(
            f"データベースを開けませんでした（{place}）。フォルダがあるか、読み書きの権限が"
            f"あるかを確かめてください。{unchanged}"
        )
    if (isinstance(error, DBAPIError) and error.connection_invalidated) or _is_connect(text):
        return ExternalError(
            f"データベースのサーバーに接続できませんでした（{place}）。サーバーが動いているか、"
            f"{URL_VARIABLE} の指定を確かめてください。{unchanged}"
        )
    return ExternalError(f"データベースの操作に失敗しました（{place}）。{unchanged}")


def _disk_full(url: URL) -> bool:
    """A full disk also shows as "unable to open" when SQLite cannot create its -wal file."""
    if not is_sqlite(url) or not url.database:
        return False
    try:
        return shutil.disk_usage(Path(url.database).parent).free < 64 * 1024
    except OSError:
        return False


def _is_connect(text: str) -> bool:
    return any(
        part in text
        for part in ("connect", "connection", "could not translate host", "authentication")
    )
