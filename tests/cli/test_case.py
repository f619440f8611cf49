"""`naitei case ...` and `naitei db ...` as a user runs them (a subprocess, a real database)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from icalendar import Calendar

from tests.support.store_cli import DECLINE, NEW_GRAD, NOW, run, run_json


def test_a_withdrawal_from_add_to_refusal(cli_database_url: str) -> None:
    case_id = run_json(cli_database_url, "case", "add", NEW_GRAD, "--now", NOW)["id"]
    listed = run_json(cli_database_url, "case", "list")
    assert [{k: c[k] for k in ("id", "company", "status", "next_due")} for c in listed] == [
        {
            "id": case_id,
            "company": "株式会社みなと精機",
            "status": "preparing",
            "next_due": "2026-11-26T10:00:00+09:00",
        }
    ]
    out = run(cli_database_url, "case", "log", case_id, "called", "--outcome", "absent",
              "--with", "受付の方", "--at", "2026-11-26T10:05:00+09:00")  # fmt: skip
    assert "状態: 連絡中" in out and "11月26日(木) 13:00" in out
    run(cli_database_url, "case", "log", case_id, "answered", "--outcome", "refused",
        "--said", "採用枠が埋まったとのこと", "--at", "2026-11-26T13:20:00+09:00")  # fmt: skip
    shown = run_json(cli_database_url, "case", "show", case_id, "--now", NOW)
    assert shown["status"] == "refused" and shown["next_due"] is None
    assert [(e["kind"], e["outcome"]) for e in shown["events"]] == [
        ("called", "absent"),
        ("answered", "refused"),
    ]
    assert shown["assessment"]["verdict"] == "hard"
    text = run(cli_database_url, "case", "show", case_id, "--now", NOW)
    for part in ("株式会社みなと精機（辞退の撤回）", "状態: 撤回不可", "見通し", "行動計画",
                 "これまでの記録", "採用枠が埋まったとのこと", "受け入れて次に進む"):  # fmt: skip
        assert part in text


def test_a_decline_file_gives_one_id_per_company(cli_database_url: str) -> None:
    added = run_json(cli_database_url, "case", "add", DECLINE, "--now", NOW)
    assert len(added["ids"]) == 3 and added["id"] == added["ids"][0]
    run(cli_database_url, "case", "log", added["ids"][0], "called", "--outcome", "reached")
    statuses = {c["id"]: c["status"] for c in run_json(cli_database_url, "case", "list")}
    assert statuses == {
        added["ids"][0]: "declined",
        added["ids"][1]: "preparing",
        added["ids"][2]: "preparing",
    }
    table = run(cli_database_url, "case", "list", "--now", NOW)
    assert "辞退済み" in table and "合同会社アオバ" in table


def test_due_lists_soonest_first_and_writes_a_calendar(
    cli_database_url: str, tmp_path: Path
) -> None:
    first = run_json(cli_database_url, "case", "add", NEW_GRAD, "--now", NOW)["id"]
    second = run_json(cli_database_url, "case", "add", NEW_GRAD, "--now", NOW)["id"]
    run(cli_database_url, "case", "log", first, "emailed", "--at", "2026-11-26T10:30:00+09:00")
    ics = tmp_path / "due.ics"
    due = run_json(cli_database_url, "case", "due", "--now", NOW, "--ics", str(ics))
    assert [c["id"] for c in due] == [second, first]
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == 2
    text = run(cli_database_url, "case", "due", "--now", "2026-11-27T09:00:00+09:00")
    assert text.index(second) < text.index(first) and "（過ぎています）" in text


def test_export_delete_import_through_the_command_line(
    cli_database_url: str, tmp_path: Path
) -> None:
    case_id = run_json(cli_database_url, "case", "add", NEW_GRAD, "--now", NOW)["id"]
    run(cli_database_url, "case", "log", case_id, "note", "--note", "メモ")
    exported = tmp_path / "cases.json"
    run(cli_database_url, "case", "export", "--out", str(exported))
    assert exported.stat().st_mode & 0o077 == 0  # personal data: private file
    assert (
        json.loads(run(cli_database_url, "case", "export"))["cases"]
        == json.loads(exported.read_text("utf-8"))["cases"]
    )
    assert "削除しました" in run(cli_database_url, "case", "delete", case_id, "--yes")
    assert run_json(cli_database_url, "case", "list") == []
    assert "ケース 1 件、記録 1 件" in run(cli_database_url, "case", "import", str(exported))
    again = run_json(cli_database_url, "case", "import", str(exported))
    assert again == {"cases_added": 0, "events_added": 0, "unchanged": 1}
    assert [c["id"] for c in run_json(cli_database_url, "case", "list")] == [case_id]


def test_delete_without_a_terminal_needs_yes(cli_database_url: str) -> None:
    case_id = run_json(cli_database_url, "case", "add", NEW_GRAD, "--now", NOW)["id"]
    message = run(cli_database_url, "case", "delete", case_id, code=2)
    assert "--yes" in message
    assert [c["id"] for c in run_json(cli_database_url, "case", "list")] == [case_id]


def test_bad_input_names_the_problem(cli_database_url: str) -> None:
    case_id = run_json(cli_database_url, "case", "add", NEW_GRAD, "--now", NOW)["id"]
    assert "reached, absent" in run(cli_database_url, "case", "log", case_id, "called", code=2)
    assert "--at" in run(
        cli_database_url, "case", "log", case_id, "note", "--at", "tomorrow", code=2
    )
    assert "見つかりません" in run(cli_database_url, "case", "show", "nosuchcase", code=2)
    assert "shouted" in run(cli_database_url, "case", "log", case_id, "shouted", code=2)


def test_backup_is_verified_and_never_overwrites(cli_database_url: str, tmp_path: Path) -> None:
    target = tmp_path / "backup.db"
    if not cli_database_url.startswith("sqlite"):
        assert "pg_dump" in run(cli_database_url, "db", "backup", str(target), code=2)
        assert not target.exists()
        return
    run(cli_database_url, "case", "add", NEW_GRAD, "--now", NOW)
    out = run(cli_database_url, "db", "backup", str(target))
    assert "ケース 1 件" in out and "整合性の検査: ok" in out
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM cases").fetchone() == (1,)
    assert target.stat().st_mode & 0o077 == 0
    before = target.read_bytes()
    assert "上書き" in run(cli_database_url, "db", "backup", str(target), code=2)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
