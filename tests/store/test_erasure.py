"""Deletion really deletes, and logs carry ids only.

After `delete`, the applicant's name, the reason text and the notes appear in no byte of
the SQLite database nor its -wal and -shm files (secure_delete, then a TRUNCATE checkpoint).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from naitei.case import WithdrawalCase
from naitei.errors import ExternalError, InputError
from naitei.store import services
from naitei.store.engine import Store
from tests.conftest import NOW, make_case
from tests.integration.cli import naitei
from tests.store.conftest import cli_env

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


def test_delete_leaves_no_trace_in_the_database_files(tmp_path: Path) -> None:
    path = tmp_path / "naitei.db"
    store = services.open_store(f"sqlite:///{path}")
    try:
        fill_neighbours(store, 3)
        case_id = services.add_case(store, sensitive_case(), NOW)[0].id
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
        fill_neighbours(store, 2)
        case_id = services.add_case(store, sensitive_case(), NOW)[0].id
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
