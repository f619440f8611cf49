"""`naitei init`, `assess` and `plan` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.support.answers import WITHDRAW_ANSWERS
from tests.support.cases import EXAMPLES
from tests.support.cli import naitei

NOW = "2026-11-25T21:00:00+09:00"
NEW_GRAD = str(EXAMPLES / "new-grad.toml")


def test_assess_json_follows_the_contract() -> None:
    result = naitei("assess", NEW_GRAD, "--now", NOW, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["verdict"] == "hard" and data["verdict_label"] == "厳しいが可能性あり"
    assert [c["id"] for c in data["conditions"]] == [
        "baseline",
        "position_open",
        "needed",
        "unavoidable_reason",
        "decline_conduct",
    ]


def test_assess_text_puts_the_verdict_and_the_next_step_first() -> None:
    result = naitei("assess", NEW_GRAD, "--now", NOW)
    lines = result.stdout.splitlines()
    assert lines[0] == "判定: 厳しいが可能性あり"
    head = "\n".join(lines[:8])
    assert "次にすること" in head and "11月26日(木) 10:00〜11:30" in head


def test_assess_markdown() -> None:
    result = naitei("assess", NEW_GRAD, "--now", NOW, "--format", "md")
    assert result.stdout.startswith("# 内定辞退の撤回: 見通し")


def test_plan_json_and_ics(tmp_path: Path) -> None:
    ics = tmp_path / "plan.ics"
    result = naitei("plan", NEW_GRAD, "--now", NOW, "--format", "json", "--ics", str(ics))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["now"] == NOW
    call = next(step for step in data["steps"] if step["id"] == "call")
    assert call["window"]["start"] == "2026-11-26T10:00:00+09:00"
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert len(events) == sum(1 for s in data["steps"] if "window" in s or "due" in s)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["assess", "missing.toml"], "missing.toml: ファイルを読めません"),
        (["assess", NEW_GRAD, "--now", "tomorrow"], "--now: 'tomorrow' は日時の形ではありません"),
        (["assess", NEW_GRAD, "--now", "2026-01-01T00:00:00+09:00"], "--now: 辞退した日時"),
        (["assess", str(EXAMPLES / "decline-three.toml")], 'purpose = "withdraw"'),
        (["plan", NEW_GRAD, "--format", "xml"], "xml"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_no_traceback(args: list[str], message: str) -> None:
    result = naitei(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_bad_case_writes_no_calendar(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        Path(NEW_GRAD).read_text(encoding="utf-8").replace('"email"', '"fax"', 1), encoding="utf-8"
    )
    ics = tmp_path / "plan.ics"
    result = naitei("plan", str(bad), "--ics", str(ics))
    assert result.returncode == 2
    assert "bad.toml: [" in result.stderr
    assert not ics.exists()


def test_init_with_piped_answers_writes_a_valid_case(tmp_path: Path) -> None:
    result = naitei("init", "case.toml", input=WITHDRAW_ANSWERS, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assessed = naitei("assess", "case.toml", "--now", NOW, "--format", "json", cwd=tmp_path)
    assert assessed.returncode == 0, assessed.stderr
    assert json.loads(assessed.stdout)["verdict"] == "hard"


def test_init_decline_file_with_two_companies(tmp_path: Path) -> None:
    answers = (
        "\n".join(
            [
                "2",
                "小林 葵",
                "",
                "2",
                "",
                "aoi@example.com",
                "",
                "1",
                "",
                "株式会社さくら出版",
                "人事部",
                "田中",
                "",
                "",
                "",
                "はい",
                "1",
                "はい",
                "ひかり旅行株式会社",
                "",
                "",
                "",
                "",
                "",
                "いいえ",
                "1",
                "いいえ",
            ]
        )
        + "\n"
    )
    result = naitei("init", "decline.toml", input=answers, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    plan = naitei("plan", "decline.toml", "--now", NOW, "--format", "json", cwd=tmp_path)
    assert [s["id"] for s in json.loads(plan.stdout)["steps"]][:3] == [
        "prepare",
        "call-1",
        "email-1",
    ]


def test_init_stops_cleanly_when_answers_run_out(tmp_path: Path) -> None:
    result = naitei("init", "case.toml", input="1\n山田 太郎\n", cwd=tmp_path)
    assert result.returncode == 2
    assert "ファイルは作成していません" in result.stderr
    assert not (tmp_path / "case.toml").exists()
    assert not list(tmp_path.iterdir())


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "case.toml").write_text("keep", encoding="utf-8")
    result = naitei("init", "case.toml", input=WITHDRAW_ANSWERS, cwd=tmp_path)
    assert result.returncode == 2
    assert (tmp_path / "case.toml").read_text(encoding="utf-8") == "keep"


def test_init_rejects_an_abbreviated_company_name_before_writing(tmp_path: Path) -> None:
    answers = WITHDRAW_ANSWERS.replace("株式会社みなと精機", "(株)みなと精機")
    result = naitei("init", "case.toml", input=answers, cwd=tmp_path)
    assert result.returncode == 2
    assert "[company].name" in result.stderr
    assert not (tmp_path / "case.toml").exists()
