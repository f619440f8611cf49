"""Hostile export files given to `naitei case import` (issue 8): a clear Japanese message that
names the place, exit code 2, and the database unchanged."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from tests.integration.cli import naitei

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
    ("not an export", lambda d: [1, 2, 3], "naitei case export で書き出したファイルではありません"),
    ("deep nesting", lambda d: None, "入れ子が深すぎます"),
]


@pytest.fixture
def exported(tmp_path: Path) -> tuple[dict[str, str], dict[str, Any]]:
    env = os.environ | {"NAITEI_DATABASE_URL": f"sqlite:///{tmp_path / 'naitei.db'}"}
    added = naitei("case", "add", str(EXAMPLES / "new-grad.toml"), env=env)
    assert added.returncode == 0, added.stderr
    out = tmp_path / "export.json"
    assert naitei("case", "export", "--out", str(out), env=env).returncode == 0
    return env, json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("label", "change", "message"), CHANGES, ids=[c[0] for c in CHANGES])
def test_hostile_import_files(
    tmp_path: Path,
    exported: tuple[dict[str, str], dict[str, Any]],
    label: str,
    change: Change,
    message: str,
) -> None:
    env, data = exported
    before = naitei("case", "export", env=env).stdout
    hostile = tmp_path / "hostile.json"
    if label == "deep nesting":
        hostile.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    else:
        hostile.write_text(json.dumps(change(data)), encoding="utf-8")  # \uXXXX escapes
    result = naitei("case", "import", str(hostile), env=env)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "Input should" not in result.stderr
    after = naitei("case", "export", env=env).stdout
    assert json.loads(after)["cases"] == json.loads(before)["cases"]
