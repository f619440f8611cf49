"""The checker's part of the fourth reader's findings (C1, C9)."""

from __future__ import annotations

import pytest

from naitei.check import check_text
from naitei.check.purpose import infer_purpose
from naitei.check.render import render_text


@pytest.mark.parametrize(
    "signature",
    [
        "小野寺 美咲（おのでら みさき）",
        "園田 のぞみ(そのだ のぞみ)",
        "小野寺 美咲\nおのでら みさき",
        "小野寺 美咲（オノデラ ミサキ）",
    ],
)
def test_a_reading_of_a_name_holds_no_node(signature: str) -> None:
    """C1: おのでら read as …の＋ので: a kana reading in brackets or on a line of its own."""
    text = f"よろしくお願いいたします。\n\n{signature}\nmisaki@example.jp\n"
    found = [f.rule for f in check_text(text, "email", "withdraw").findings]
    assert "plain-node" not in found


def test_a_plain_node_is_still_found_in_a_sentence_and_in_brackets_with_kanji() -> None:
    for text in ("不安だったので、ご連絡しました。", "（不安だったので）ご連絡しました。"):
        assert "plain-node" in [f.rule for f in check_text(text, "email", "withdraw").findings]


def test_people_read_rule_titles_and_programs_read_ids() -> None:
    """C9: the text output names the rule in Japanese; the id stays in JSON."""
    text = "株式会社みなと精機\n人事部 佐藤様\n\n御社の皆様には了解しました。\n"
    report = check_text(text, "email", "withdraw")
    out = render_text(report, text, "draft.txt")
    assert "目上への「了解」" in out and "[ryokai]" not in out and "[onsha-in-writing]" not in out
    assert "ryokai" in {f.rule for f in report.findings}


@pytest.mark.parametrize(
    ("subject", "purpose"),
    [
        ("面談日時のご確認（松本 由衣）", "schedule"),
        ("ご訪問の件のご確認", "schedule"),
        ("内定辞退撤回のお詫び", "apology"),
    ],
)
def test_a_confirmation_with_a_date_is_a_schedule(subject: str, purpose: str) -> None:
    """C9: 「…のご確認」 in the subject and a date in the text is an appointment."""
    text = (
        f"件名：{subject}\n\n株式会社みなと精機\n人事部 佐藤様\n\n"
        "ご迷惑をおかけし、申し訳ございませんでした。下記のとおり伺います。\n\n"
        "日時：12月8日(火) 14:00\n"
    )
    assert infer_purpose(text) == purpose


def test_a_confirmation_without_a_date_keeps_its_other_cues() -> None:
    text = "件名：書類のご確認\n\n内定辞退の撤回をお願いしたく、ご連絡いたしました。\n"
    assert infer_purpose(text) != "schedule"
