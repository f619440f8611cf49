"""`naitei service draft|screen|reply` through the real command."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.support.cli import naitei
from tests.support.messenger import FIXTURES

CASE = str(FIXTURES / "m1-three-newgrad.toml")
WORDS = "大変悩みましたが、別の会社への入社を決めました。"
BASE = ("service", "draft", CASE, "--words", WORDS, "--service-name", "辞退連絡サービス")
NOW = ("--now", "2026-12-03T10:15:00+09:00", "--school-consulted")


def test_draft_writes_every_file_and_records_the_confirmation(tmp_path: Path) -> None:
    out = tmp_path / "req"
    args = (*BASE, "--staff", "中村 花子", "--service-email", "desk@jitai.example.jp", *NOW)
    result = naitei(*args, "--authorise", "--yes", "--out", str(out), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert "authorisation.pdf" in data["files"] and "3-messenger-phone.md" in data["files"]
    record = json.loads((out / "authorisation.json").read_text("utf-8"))
    text = (out / "authorisation.txt").read_bytes()
    assert record["sha256"] == hashlib.sha256(text).hexdigest() == data["confirmation"]["sha256"]
    assert record["confirmed_at"] == "2026-12-03T10:15:00+09:00"
    assert (out / "authorisation.pdf").read_bytes().startswith(b"%PDF")


def test_an_unconfirmed_authorisation_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "req"
    args = (*BASE, "--staff", "中村 花子", *NOW, "--authorise", "--out", str(out))
    result = naitei(*args, input="n\n")
    assert result.returncode == 2
    assert "委任状" in result.stderr and "株式会社北斗ソフト" in result.stderr
    assert not out.exists()


def test_bad_input_names_the_option_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "req"
    cases = [
        (("--staff", "中村 花子", *NOW, "--service-email", "not-an-address"), "--service-email"),
        (("--staff", " ", *NOW), "--staff"),
        (("--staff", "中村 花子", "--now", "2026-12-03T10:15:00+09:00"), "--school-consulted"),
    ]
    for extra, option in cases:
        result = naitei(*BASE, *extra, "--out", str(out))
        assert result.returncode == 2 and option in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert not out.exists()
    casual = naitei(
        *BASE[:4], "なんかやめます", *BASE[5:], "--staff", "中村", *NOW, "--out", str(out)
    )
    assert casual.returncode == 2 and "--words" in casual.stderr and not out.exists()


def test_screen_exits_1_on_a_sentence_beyond_conveying(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "来年度の採用でご検討ください。\n違約金はお支払いできません。\n", encoding="utf-8"
    )
    result = naitei("service", "screen", str(draft))
    assert result.returncode == 1
    assert "条件の交渉: 1行目「来年度の採用」" in result.stdout
    assert "2行目「違約金」" in result.stdout and "弁護士" in result.stdout
    ok = naitei(
        "service", "screen", "-", input="違約金についてのお話は、ご本人にそのままお伝えいたします。"
    )
    assert ok.returncode == 0
    missing = naitei("service", "screen", str(tmp_path / "none.txt"))
    assert missing.returncode == 2 and "none.txt" in missing.stderr


def test_reply_labels_the_answer_and_routes_money_to_a_lawyer() -> None:
    result = naitei("service", "reply", "-", "--format", "json", input="研修費を請求いたします。")
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data["outcome"] == "legal" and data["needs_lawyer"]
    text = naitei("service", "reply", "-", input="承知いたしました。辞退届をご返送ください。")
    assert "返事: 辞退を受け付けた" in text.stdout and "書類の手続きの依頼" in text.stdout


def test_a_withdrawal_is_never_sent_by_the_service(tmp_path: Path) -> None:
    case = Path(__file__).resolve().parents[2] / "examples" / "new-grad.toml"
    out = tmp_path / "req"
    result = naitei(
        "service", "draft", str(case), "--words", WORDS, "--service-name", "辞退連絡サービス",
        "--staff", "中村 花子", "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 2 and "ご本人が直接お願いするもの" in result.stderr
    assert "naitei withdraw" in result.stderr and not out.exists()
