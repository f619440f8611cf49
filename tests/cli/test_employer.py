"""Employer kinds at the command line: the detection shown, naitei init asking for the kind,
and naitei draft letter --date (issue 12)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from tests.support.answers import WITHDRAW_ANSWERS
from tests.support.cases import EXAMPLES
from tests.support.cli import naitei

NOW = "2026-11-25T21:00:00+09:00"


def shinkin_case(tmp_path: Path) -> Path:
    text = (EXAMPLES / "new-grad.toml").read_text(encoding="utf-8")
    path = tmp_path / "shinkin.toml"
    path.write_text(text.replace('name = "株式会社みなと精機"', 'name = "東西信用金庫"'), "utf-8")
    return path


def test_text_outputs_show_how_the_employer_is_addressed(tmp_path: Path) -> None:
    case = str(shinkin_case(tmp_path))
    note = "注: 宛先を信用金庫として書いています（貴庫・御庫、入庫）。"
    for args in (("assess", case), ("draft", "email", case)):
        result = naitei(*args, "--now", NOW, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert note in result.stderr and "kind を指定" in result.stderr
        assert note not in result.stdout  # the document stays clean to copy
    kit = naitei("withdraw", case, "--out", "kit", "--now", NOW, cwd=tmp_path)
    assert note in kit.stderr
    assert "貴庫" in (tmp_path / "kit" / "email.txt").read_text(encoding="utf-8")


def test_a_plain_company_needs_no_note() -> None:
    result = naitei("assess", str(EXAMPLES / "new-grad.toml"), "--now", NOW)
    assert "注:" not in result.stderr


def test_json_outputs_gain_the_employer(tmp_path: Path) -> None:
    case = str(shinkin_case(tmp_path))
    assessed = json.loads(naitei("assess", case, "--now", NOW, "--format", "json").stdout)
    assert assessed["employer"]["kind"] == "shinkin" and assessed["employer"]["join"] == "入庫"
    assert assessed["verdict"]  # nothing lost
    drafted = json.loads(naitei("draft", "phone", case, "--now", NOW, "--format", "json").stdout)
    assert drafted["employer"]["spoken"] == "御庫" and "御庫" in drafted["text"]
    written = naitei("withdraw", case, "--out", "k", "--now", NOW, "--format", "json", cwd=tmp_path)
    data = json.loads(written.stdout)
    assert data["employer"]["source"] == "name" and "files" in data


def test_the_decline_command_notes_each_employer_it_detected(tmp_path: Path) -> None:
    path = tmp_path / "decline.toml"
    path.write_text(
        "\n".join(
            [
                "version = 1",
                'purpose = "decline"',
                "[applicant]",
                'name = "内田 智子"',
                'kind = "mid_career"',
                "[decline]",
                'reason = "other_offer"',
                "[[companies]]",
                'name = "南浜市役所"',
                "accepted = false",
                "[[companies]]",
                'name = "株式会社サンプル"',
                "accepted = false",
            ]
        ),
        encoding="utf-8",
    )
    result = naitei("decline", "decline.toml", "--out", "out", "--now", NOW, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "注: 1社目（南浜市役所）: 宛先を市役所として書いています" in result.stdout
    assert "2社目" not in result.stdout.split("注:", 1)[1]
    data = json.loads(
        naitei(
            "decline",
            "decline.toml",
            "--out",
            "out",
            "--now",
            NOW,
            "--format",
            "json",
            cwd=tmp_path,
        ).stdout
    )
    assert [c["employer"]["kind"] for c in data["companies"]] == ["public_office", "company"]


def test_init_asks_for_the_kind_with_the_detected_one_as_the_default(tmp_path: Path) -> None:
    answers = WITHDRAW_ANSWERS.replace("株式会社みなと精機\n", "東西信用金庫\n\n")
    result = naitei("init", "case.toml", input=answers, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "名前から「信用金庫」と判断しました（貴庫・御庫、入庫）" in result.stdout
    data = tomllib.loads((tmp_path / "case.toml").read_text(encoding="utf-8"))
    assert data["company"]["kind"] == "shinkin"


def test_init_takes_another_kind_by_its_number(tmp_path: Path) -> None:
    answers = WITHDRAW_ANSWERS.replace("株式会社みなと精機\n", "東西研究センター\n5\n")
    result = naitei("init", "case.toml", input=answers, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = tomllib.loads((tmp_path / "case.toml").read_text(encoding="utf-8"))
    assert data["company"]["kind"] == "hospital"


def test_draft_letter_is_dated_for_posting_or_for_the_date_given(tmp_path: Path) -> None:
    case = str(EXAMPLES / "new-grad.toml")
    planned = naitei("draft", "letter", case, "--now", NOW).stdout
    assert "2026年11月27日" in planned.splitlines()[0]  # the plan posts it the next business day
    dated = naitei("draft", "letter", case, "--now", NOW, "--date", "2027-01-04").stdout
    assert "2027年1月4日" in dated.splitlines()[0] and "新春の候" in dated
    wrong = naitei("draft", "email", case, "--now", NOW, "--date", "2027-01-04")
    assert wrong.returncode == 2 and "--date" in wrong.stderr
    bad = naitei("draft", "letter", case, "--now", NOW, "--date", "1月4日")
    assert bad.returncode == 2 and "--date" in bad.stderr
