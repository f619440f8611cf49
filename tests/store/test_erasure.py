"""Deletion really deletes, and logs carry ids only.

After `delete`, the applicant's name, the reason text and the notes appear in no byte of
the SQLite database nor its -wal and -shm files (secure_delete, then a TRUNCATE checkpoint).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from naitei.case import WithdrawalCase
from naitei.errors import ExternalError, InputError
from naitei.services import cases as services
from naitei.store.engine import Store
from tests.support.cases import NOW, make_case
from tests.support.cli import cli_env, naitei

NAME = "秘密野 花子"
REASON = "通院中の持病の詳細 MARKER-7f3a9c"
NOTE = "家族の事情 NOTE-MARKER-51b2"
SECRETS = [NAME, REASON, NOTE, "MARKER-7f3a9c", "NOTE-MARKER-51b2"]


def sensitive_case() -> WithdrawalCase:
    return make_case(
        applicant__name=NAME,
        decline__reason="health",
        decline__reason_detail=REASON * 20,  # long enough to spill into overflow pages
        withdrawal__why_detail=REASON,
    )


def database_bytes(path: Path) -> bytes:
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    return b"".join(f.read_bytes() for f in files if f.exists())


def found(data: bytes) -> list[str]:
    return [s for s in SECRETS if s.encode("utf-8") in data]


def fill_neighbours(store: Store, count: int) -> None:
    """Other cases on the same pages, so that the deleted rows sit among kept ones."""
    for _ in range(count):
        case_id = services.add_case(store, make_case(), NOW)[0].id
        services.log_event(store, case_id, "note", note="ふつうのメモ", at=NOW, now=NOW)


def sensitive_among_neighbours(store: Store, before: int) -> str:
    """`before` ordinary cases, then the sensitive one (its id), on the same pages."""
    fill_neighbours(store, before)
    return services.add_case(store, sensitive_case(), NOW)[0].id


def test_delete_leaves_no_trace_in_the_database_files(tmp_path: Path) -> None:
    path = tmp_path / "naitei.db"
    store = services.open_store(f"sqlite:///{path}")
    try:
        case_id = sensitive_among_neighbours(store, 3)
        for _ in range(3):
            services.log_event(store, case_id, "note", note=NOTE, said=REASON, at=NOW, now=NOW)
        fill_neighbours(store, 3)
        assert found(database_bytes(path)), "the test must see the data before deleting it"
        result = services.delete_case(store, case_id)
        assert result.wal_cleared is True
        # The store is still open: the -wal and -shm files are still there to be read.
        assert found(database_bytes(path)) == []
        assert len(services.list_cases(store)) == 6
    finally:
        store.dispose()
    assert found(database_bytes(path)) == []


def test_delete_through_the_command_line_leaves_no_trace(tmp_path: Path) -> None:
    path = tmp_path / "naitei.db"
    store = services.open_store(f"sqlite:///{path}")
    try:
        case_id = sensitive_among_neighbours(store, 2)
        services.log_event(store, case_id, "called", outcome="reached", said=NOTE, at=NOW, now=NOW)
    finally:
        store.dispose()
    result = naitei("case", "delete", case_id, "--yes", env=cli_env(f"sqlite:///{path}"))
    assert result.returncode == 0, result.stderr
    assert found(database_bytes(path)) == []


def test_logs_carry_ids_never_names_or_reasons(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # everything, from every logger, SQLAlchemy's included
    case_id = services.add_case(store, sensitive_case(), NOW)[0].id
    services.log_event(store, case_id, "note", note=NOTE, with_whom=NAME, at=NOW, now=NOW)
    services.get_case(store, case_id)
    services.list_cases(store)
    data = services.export_all(store, NOW)
    with pytest.raises(InputError):
        services.log_event(store, case_id, "note", note=NOTE + "\x00", at=NOW, now=NOW)
    services.delete_case(store, case_id)
    services.import_all(store, data, "export.json", NOW)
    assert any(case_id in record.getMessage() for record in caplog.records)
    for record in caplog.records:
        text = record.getMessage() + repr(record.args) + str(record.exc_info)
        assert found(text.encode("utf-8")) == [], record.name


def test_database_errors_log_the_error_class_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    missing = tmp_path / NAME / "naitei.db"  # a name in the path must not reach the log
    with pytest.raises(ExternalError):
        services.open_store(f"sqlite:///{missing}")
    assert caplog.records
    for record in caplog.records:
        assert NAME not in record.getMessage()


# A reader elsewhere (issue 14): the deleted text stayed in naitei.db-wal, through later
# commands and page loads, until the server stopped. Erasure must be complete once the reader
# ends — retried by the process that deleted (the CLI waits, the server keeps trying), or by
# the next naitei to open the database.


@contextlib.contextmanager
def reader(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a read transaction (it sees the case)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN")
        assert connection.execute("SELECT count(*) FROM cases").fetchone()[0] > 0
        yield connection
    finally:
        connection.close()


def stored_sensitive(path: Path) -> str:
    store = services.open_store(f"sqlite:///{path}")
    try:
        fill_neighbours(store, 2)
        case_id = services.add_case(store, sensitive_case(), NOW)[0].id
        services.log_event(store, case_id, "note", note=NOTE, said=REASON, at=NOW, now=NOW)
        fill_neighbours(store, 2)
    finally:
        store.dispose()
    return case_id


def erased_soon(path: Path, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found(database_bytes(path)) == []:
            return True
        time.sleep(0.1)
    return False


def test_a_running_store_erases_the_wal_once_the_reader_ends(tmp_path: Path) -> None:
    path = tmp_path / "naitei.db"
    case_id = stored_sensitive(path)
    store = services.open_store(f"sqlite:///{path}")  # as naitei serve holds it
    try:
        with reader(path):
            result = services.delete_case(store, case_id, wait=0.3)
            assert result.wal_cleared is False
            services.list_cases(store)  # later commands and page loads while it reads
            services.add_case(store, make_case(), NOW)
            assert found(database_bytes(path)), "the reader keeps the old pages alive"
        assert erased_soon(path), found(database_bytes(path))
    finally:
        store.dispose()


def test_the_next_naitei_erases_what_a_reader_kept(tmp_path: Path) -> None:
    path = tmp_path / "naitei.db"
    case_id = stored_sensitive(path)
    store = services.open_store(f"sqlite:///{path}")
    # Another program with the database open but not reading: SQLite itself empties the WAL
    # when the last connection closes, so without it the reader's end would erase everything.
    idle = sqlite3.connect(path)
    idle.execute("SELECT count(*) FROM cases").fetchone()
    try:
        with reader(path):
            assert services.delete_case(store, case_id, wait=0.1).wal_cleared is False
            store.dispose()  # the deleting process ends before the reader does
        assert found(database_bytes(path)), "nothing erased it yet"
        listed = naitei("case", "list", env=cli_env(f"sqlite:///{path}"))
        assert listed.returncode == 0, listed.stderr
        assert found(database_bytes(path)) == []
    finally:
        idle.close()


def test_the_command_line_waits_for_the_reader_and_then_erases(tmp_path: Path) -> None:
    path = tmp_path / "naitei.db"
    case_id = stored_sensitive(path)
    with reader(path):
        deleting = subprocess.Popen(
            [sys.executable, "-m", "naitei", "case", "delete", case_id, "--yes"],
            env=cli_env(f"sqlite:///{path}"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert deleting.stderr is not None
        # The child says it waits (a slow start-up cannot outrun the reader: it holds until then).
        said = deleting.stderr.readline()
        assert "消去を待っています" in said, said
        assert deleting.poll() is None, "it waits while the reader reads"
    out, err = deleting.communicate(timeout=60)
    assert deleting.returncode == 0, err
    assert "削除しました" in out
    assert found(database_bytes(path)) == []


def test_the_web_delete_says_when_erasure_is_pending_and_then_erases(tmp_path: Path) -> None:
    from tests.support.web import make_client

    path = tmp_path / "naitei.db"
    case_id = stored_sensitive(path)
    with make_client(tmp_path) as client:
        with reader(path):
            answer = client.delete(f"/api/cases/{case_id}")
            assert answer.status_code == 200
            assert answer.json()["wal_cleared"] is False
            assert answer.json()["erasure"] == "pending"
            assert client.get("/cases").status_code == 200
        assert erased_soon(path), found(database_bytes(path))


def test_the_web_delete_page_tells_the_user_when_erasure_waits(tmp_path: Path) -> None:
    from tests.support.web import make_client

    path = tmp_path / "naitei.db"
    case_id = stored_sensitive(path)
    with make_client(tmp_path) as client, reader(path):
        answer = client.post(f"/cases/{case_id}/delete")
        assert answer.status_code == 303
        assert answer.headers["location"] == "/cases?deleted=pending"
        page = client.get(answer.headers["location"]).text
        assert "ケースを削除しました" in page and "読み込みが終わりしだい" in page
