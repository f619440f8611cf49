"""The CLI and the user's own words: a casual answer is refused before anything is written
(exit 2, file, table and key named); a first-choice remark is warned about on stderr."""

from __future__ import annotations

from pathlib import Path

from tests.support.cases import EXAMPLES
from tests.support.cli import naitei

NOW = "2026-11-25T21:00:00+09:00"


def with_reason(tmp_path: Path, detail: str) -> Path:
    text = (EXAMPLES / "new-grad.toml").read_text(encoding="utf-8")
    start = text.index("reason_detail = ")
    end = text.index("\n", start)
    path = tmp_path / "case.toml"
    path.write_text(f'{text[:start]}reason_detail = "{detail}"{text[end:]}', encoding="utf-8")
    return path


def test_a_casual_answer_stops_the_kit_with_the_key_named(tmp_path: Path) -> None:
    case = with_reason(tmp_path, "やっぱり給料が良い会社に行きたかったから")
    out = tmp_path / "kit"
    result = naitei("withdraw", str(case), "--out", str(out), "--now", NOW)
    assert result.returncode == 2
    assert "case.toml: [decline].reason_detail: " in result.stderr
    assert "（例: " in result.stderr
    assert not out.exists()


def test_a_first_choice_remark_is_rewritten_said_and_the_kit_is_made(tmp_path: Path) -> None:
    case = with_reason(tmp_path, "第一志望の企業から内定をいただいたため")
    result = naitei("draft", "email", str(case), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert "注意: case.toml: [decline].reason_detail: 「第一志望」と書くと" in result.stderr
    assert "他社の内定をお受けすることにしたためでした。" in result.stdout  # reader 3, B10
    assert "第一志望" not in result.stdout  # a text to the employer never ranks it


def test_the_shipped_examples_raise_no_warning() -> None:
    for path in sorted(EXAMPLES.glob("*.toml")):
        result = naitei("plan", str(path), "--now", NOW)
        assert result.returncode == 0, result.stderr
        assert result.stderr == "", path.name
