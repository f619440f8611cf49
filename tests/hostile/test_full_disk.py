"""A full disk (issue 8): every command that writes fails with exit code 3 and a clear message,
and leaves no half-written file, no temporary file and no damaged database behind."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tests.hostile.disk import fill, limit_files, run, tiny_disk
from tests.support.cases import EXAMPLES

NOW = "2026-11-25T21:00:00+09:00"
NEW_GRAD = str(EXAMPLES / "new-grad.toml")


def assert_clean_failure(result: object, folder: Path, allowed: set[str]) -> None:
    assert result.returncode == 3, result.stderr  # type: ignore[attr-defined]
    stderr = result.stderr  # type: ignore[attr-defined]
    assert "ディスクの空き" in stderr or "ファイルの大きさの上限" in stderr, stderr
    assert "Traceback" not in result.stderr  # type: ignore[attr-defined]
    assert {p.name for p in folder.iterdir()} <= allowed


def test_the_kit_is_all_or_nothing_on_a_full_disk() -> None:
    with tiny_disk(48) as (folder, preexec):
        result = run(["withdraw", NEW_GRAD, "--out", str(folder / "kit"), "--now", NOW], preexec)
        assert_clean_failure(result, folder, set())


def test_a_calendar_is_never_half_written() -> None:
    with tiny_disk(64) as (folder, preexec):
        if preexec is None:
            fill(folder, leave_kb=1)  # a tmpfs: leave 1 KiB for a calendar of about 5 KiB
        else:
            preexec = limit_files(1024)
        result = run(["plan", NEW_GRAD, "--ics", str(folder / "plan.ics"), "--now", NOW], preexec)
        assert_clean_failure(result, folder, {"filler"})


def test_a_decline_kit_is_all_or_nothing_on_a_full_disk() -> None:
    with tiny_disk(16) as (folder, preexec):
        args = [
            "decline",
            str(EXAMPLES / "decline-three.toml"),
            "--out",
            str(folder / "out"),
            "--now",
            NOW,
        ]
        result = run(args, preexec)
        assert_clean_failure(result, folder, set())


def test_the_store_survives_a_full_disk(tmp_path: Path) -> None:
    with tiny_disk(1024) as (folder, preexec):
        database = folder / "naitei.db"
        env = os.environ | {"NAITEI_DATABASE_URL": f"sqlite:///{database}"}
        first = run(["case", "add", NEW_GRAD, "--format", "json", "--now", NOW], None, env=env)
        assert first.returncode == 0, first.stderr
        fill(folder, leave_kb=0)
        big = tmp_path / "big.toml"
        big.write_text(
            Path(NEW_GRAD)
            .read_text(encoding="utf-8")
            # a long free-form field the wording review leaves alone (the address)
            .replace('address = "', 'address = "' + "長い住所の説明" * 200, 1),
            encoding="utf-8",
        )
        failures = [
            run(["case", "add", str(big), "--now", NOW], preexec, env=env) for _ in range(5)
        ]
        assert any(r.returncode == 3 for r in failures), [r.stderr for r in failures]
        assert any("ディスクの空き" in r.stderr for r in failures) or preexec is not None
        for result in failures:
            assert result.returncode in (0, 3) and "Traceback" not in result.stderr
        (folder / "filler").unlink()
        listed = run(["case", "list", "--format", "json"], None, env=env)
        assert listed.returncode == 0, listed.stderr
        with sqlite3.connect(database) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            cases = connection.execute("SELECT count(*) FROM cases").fetchone()[0]
        added = 1 + sum(1 for r in failures if r.returncode == 0)
        assert cases == added  # nothing half-added


def test_a_backup_is_never_left_half_written(tmp_path: Path) -> None:
    database = tmp_path / "naitei.db"
    env = os.environ | {"NAITEI_DATABASE_URL": f"sqlite:///{database}"}
    for _ in range(3):
        assert run(["case", "add", NEW_GRAD, "--now", NOW], None, env=env).returncode == 0
    with tiny_disk(32) as (folder, preexec):
        result = run(["db", "backup", str(folder / "backup.db")], preexec, env=env)
        assert result.returncode == 3, result.stderr
        assert "Traceback" not in result.stderr
        assert not (folder / "backup.db").exists()
