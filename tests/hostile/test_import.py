"""Hostile export files given to `naitei case import` (issue 8): a clear Japanese message that
names the place, exit code 2, and the database unchanged."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.cases import EXAMPLES
from tests.support.cli import naitei

Change = Callable[[dict[str, Any]], Any]


def _set(path: str, value: Any) -> Change:
    def change(data: dict[str, Any]) -> Any:
        target: Any = data
        *parts, last = path.split(".")
        for part in parts:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value
        return data

    return change


CHANGES: list[tuple[str, Change, str]] = [
    ("path in an id", _set("cases.0.id", "../../etc/passwd"), "cases[0].id: '../../etc/passwd'"),
    (
        "unknown status",
        _set("cases.0.status", "hacked"),
        "cases[0].status: 'hacked' は次のいずれか",
    ),
    (
        "bad enum in the case",
        _set("cases.0.case.decline.channel", "fax"),
        "[decline].channel: 'fax'",
    ),
    (
        "1 MB name",
        _set("cases.0.case.applicant.name", "A" * 1_000_000),
        "[applicant].name: 長すぎます",
    ),
    (
        "line break in a name",
        _set("cases.0.case.applicant.name", "山田\r\nBcc: x"),
        "改行や制御文字",
    ),
    ("lone surrogate", _set("cases.0.case.applicant.name", "山田\ud800"), "[applicant].name"),
    ("another version", _set("version", 99), "version 99 は読めません"),
    # Every stored field is untrusted input (issue 14): dates naitei can plan with, the plan's
    # shape, one-line titles, lengths and characters — the place named, the whole file refused.
    (
        "due in the year 9999",
        _set("cases.0.next_due.at", "9999-12-31T23:00:00+00:00"),
        "cases[0].next_due.at: 2000年から2099年までの",
    ),
    ("empty plan", _set("cases.0.plan", {}), "cases[0].plan: now: 必須の項目がありません"),
    ("plan not a table", _set("cases.0.plan", [1, 2]), "cases[0].plan"),
    (
        "plan made in the year 9999",
        _set("cases.0.plan.now", "9999-01-01T00:00:00+09:00"),
        "cases[0].plan: now: 2000年から2099年までの",
    ),
    (
        "plan step without a title",
        lambda d: d["cases"][0]["plan"]["steps"][0].pop("title") and d,
        "cases[0].plan: steps[0].title: 必須の項目がありません",
    ),
    (
        "escape sequence in a plan title",
        _set("cases.0.plan.steps.0.title", "準備\x1b]0;pwned\x07"),
        "cases[0].plan: steps[0].title: 改行や制御文字",
    ),
    (
        "C1 control in a plan detail",
        _set("cases.0.plan.steps.0.detail", "準備\x9b2J"),
        "cases[0].plan: steps[0].detail: 制御文字",
    ),
    (
        "a thousand plan steps",
        lambda d: d["cases"][0]["plan"].update(steps=d["cases"][0]["plan"]["steps"] * 500) or d,
        "cases[0].plan: steps: 長すぎます",
    ),
    (
        "window in 2150",
        _set("cases.0.plan.steps.1.window.start", "2150-01-01T10:00:00+09:00"),
        "cases[0].plan: steps[1].window.start: 2000年から2099年",
    ),
    (
        "event at the first moment of the year 1",
        _set("cases.0.events.0.at", "0001-01-01T00:00:00+14:00"),
        "cases[0].events[0].at: 2000年から2099年までの",
    ),
    (
        "event at the last moment of the year 9999",
        _set("cases.0.events.0.at", "9999-12-31T23:59:59-10:00"),
        "cases[0].events[0].at: 2000年から2099年までの",
    ),
    (
        "added in 1999",
        _set("cases.0.created_at", "1999-12-31T00:00:00+09:00"),
        "cases[0].created_at",
    ),
    ("exported in 9999", _set("exported_at", "9999-12-31T23:00:00+00:00"), "exported_at: 2000年"),
    (
        "right-to-left override in the company",
        _set("cases.0.company", "株式会社\u202eみなと精機"),
        "cases[0].company: 目に見えない文字（U+202E",
    ),
    (
        "escape sequence in the due title",
        _set("cases.0.next_due.title", "電話\x1b[2J"),
        "cases[0].next_due.title: 改行や制御文字",
    ),
    ("a path as the due step", _set("cases.0.next_due.step", "../x"), "cases[0].next_due.step"),
    (
        "zero-width space in who was spoken to",
        _set("cases.0.events.0.with", "佐藤\u200b"),
        "cases[0].events[0].with: 目に見えない文字（U+200B",
    ),
    (
        "line break in who was spoken to",
        _set("cases.0.events.0.with", "佐藤\n様"),
        "cases[0].events[0].with: 改行や制御文字",
    ),
    (
        "C1 control in a note",
        _set("cases.0.events.0.note", "x\x9b"),
        "cases[0].events[0].note: 制御文字",
    ),
    (
        "ten thousand and one events",
        lambda d: d["cases"][0].update(events=d["cases"][0]["events"] * 10_001) or d,
        "cases[0].events: 長すぎます",
    ),
    ("not an export", lambda d: [1, 2, 3], "naitei case export で書き出したファイルではありません"),
    ("deep nesting", lambda d: None, "入れ子が深すぎます"),
]


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A database with one case and one event, and its export (made once for the module)."""
    folder = tmp_path_factory.mktemp("import")
    env = os.environ | {"NAITEI_DATABASE_URL": f"sqlite:///{folder / 'naitei.db'}"}
    added = naitei("case", "add", str(EXAMPLES / "new-grad.toml"), "--format", "json", env=env)
    assert added.returncode == 0, added.stderr
    case_id = json.loads(added.stdout)["id"]
    logged = naitei("case", "log", case_id, "called", "--outcome", "absent", "--with", "受付の方",
                    "--note", "メモ", env=env)  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    out = folder / "export.json"
    assert naitei("case", "export", "--out", str(out), env=env).returncode == 0
    return folder / "naitei.db", json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture
def exported(
    tmp_path: Path, original: tuple[Path, dict[str, Any]]
) -> tuple[dict[str, str], dict[str, Any]]:
    """A copy of that database for one test, and a copy of the export to make hostile."""
    database, data = original
    shutil.copy(database, tmp_path / "naitei.db")
    env = os.environ | {"NAITEI_DATABASE_URL": f"sqlite:///{tmp_path / 'naitei.db'}"}
    return env, copy.deepcopy(data)


def stored_cases(env: dict[str, str]) -> list[dict[str, Any]]:
    from naitei.calendar import JST
    from naitei.services import cases as services

    store = services.open_store(env["NAITEI_DATABASE_URL"])
    try:
        return list(services.export_all(store, dt.datetime(2026, 1, 1, tzinfo=JST))["cases"])
    finally:
        store.dispose()


@pytest.mark.parametrize(("label", "change", "message"), CHANGES, ids=[c[0] for c in CHANGES])
def test_hostile_import_files(
    tmp_path: Path,
    exported: tuple[dict[str, str], dict[str, Any]],
    label: str,
    change: Change,
    message: str,
) -> None:
    env, data = exported
    before = stored_cases(env)
    hostile = tmp_path / "hostile.json"
    if label == "deep nesting":
        hostile.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    else:
        hostile.write_text(json.dumps(change(data)), encoding="utf-8")  # \uXXXX escapes
    result = naitei("case", "import", str(hostile), env=env)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "Input should" not in result.stderr
    assert stored_cases(env) == before
