"""Provable erasure: the sensitive text never reaches PostgreSQL in the clear (not in the data
directory, not in WAL, not in a pg_dump), and once the case is deleted its key is gone, so the
ciphertext kept in a dump taken before the deletion cannot be opened any more, even with the
master key."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from sqlalchemy import text

from naitei.org.keys import KeyRing, ShreddedError, unseal
from tests.support.org import Deployment, org_client, sign_in
from tests.support.pg import Cluster
from tests.support.web import WIZARD_FORM

MARKER = "持病の通院記録ZQX7"
ASCII_MARKER = b"ZQX7"


def _files(folder: Path) -> list[Path]:
    return [Path(root) / name for root, _, names in os.walk(folder) for name in names]


def _holds(paths: list[Path], needle: bytes) -> list[Path]:
    return [p for p in paths if p.is_file() and needle in p.read_bytes()]


def test_deleted_case_cannot_be_read_from_the_data_directory_or_an_old_dump(
    org: Deployment, pg_cluster: Cluster, tmp_path: Path
) -> None:
    assert pg_cluster.data is not None
    admin = org_client(org)
    csrf = sign_in(admin, org.engine, "admin@example.ac.jp")
    admin.post(
        "/admin/invite", data={"email": "hana@example.jp", "role": "applicant", "csrf": csrf}
    )
    hana = org_client(org)
    csrf = sign_in(hana, org.engine, "hana@example.jp")
    hana.post("/consent", data={"kind": "sensitive", "version": "2026-12-v1", "csrf": csrf})
    form = WIZARD_FORM | {
        "decline.reason": "health",
        "decline.reason_detail": MARKER,
        "notes": MARKER,
        "csrf": csrf,
    }
    case_id = int(
        hana.post("/cases", data=form, follow_redirects=False).headers["location"].rsplit("/", 1)[1]
    )
    assert MARKER in hana.get(f"/cases/{case_id}").text
    with org.engine.begin() as connection:
        connection.execute(text("CHECKPOINT"))
        database = connection.execute(text("SELECT current_database()")).scalar_one()
    dump = pg_cluster.dump(database, tmp_path / "before.sql")
    for needle in (MARKER.encode(), MARKER.encode("utf-16-le"), ASCII_MARKER):
        assert _holds(_files(pg_cluster.data), needle) == []  # heap, WAL, everything
        assert _holds([dump], needle) == []
    sealed = _sealed_from_dump(dump.read_text(encoding="utf-8"), case_id)
    keys = KeyRing(org.config.key_dir)
    assert MARKER in unseal(keys.case_key(case_id, 1), case_id, 1, sealed).decode()  # control

    hana.post(f"/cases/{case_id}/delete", data={"csrf": csrf})
    with pytest.raises(ShreddedError):
        keys.case_key(case_id, 1)
    assert not list(keys.cases.glob(f"{case_id}-*"))
    assert _holds(_files(org.config.key_dir), ASCII_MARKER) == []


def _sealed_from_dump(dump: str, case_id: int) -> bytes:
    """The `sealed` column of the case in the dump's COPY block (bytea in hex)."""
    block = dump.split("COPY public.org_cases ", 1)[1].split("\n\\.\n", 1)[0]
    columns = re.match(r"\(([^)]*)\)", block)
    assert columns
    names = [c.strip() for c in columns[1].split(",")]
    for line in block.splitlines()[1:]:
        values = line.split("\t")
        row = dict(zip(names, values, strict=True))
        if row["id"] == str(case_id):
            assert row["sealed"].startswith("\\\\x")
            return bytes.fromhex(row["sealed"][3:])
    raise AssertionError(json.dumps(names))
