"""placeholder-left: 伏せ字 left from a template are reported one by one, count as filled
slots for the structure rules, and legitimate text is not taken for one."""

from __future__ import annotations

import pytest

from naitei.check import check_text
from naitei.check.placeholders import fill, find_placeholders


def placeholders(text: str) -> list[str]:
    return [p.text for p in find_placeholders(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("株式会社○○ 人事部", ["○○"]),
        ("〇〇大学の〇〇です", ["〇〇", "〇〇"]),
        ("◯◯様", ["◯◯"]),
        ("●●株式会社", ["●●"]),
        ("△△商事", ["△△"]),
        ("××部長", ["××"]),
        ("XXXX大学", ["XXXX"]),
        ("ＸＸ様", ["ＸＸ"]),
        ("電話：090-XXXX-XXXX", ["XXXX", "XXXX"]),
        ("メール：xxxx@example.com", ["xxxx"]),
        ("令和〇年〇月〇日", ["〇年〇月〇日"]),
        ("〇月〇日（〇）の面接", ["〇月〇日（〇）"]),
        ("第〇回の面接", ["〇"]),
        ("【 】様", ["【 】"]),
        ("【　】御中", ["【　】"]),
        ("【氏名】と申します", ["【氏名】"]),
        ("［大学名］の学生です", ["［大学名］"]),
        ("[会社名] 御中", ["[会社名]"]),
        ("{名前}です", ["{名前}"]),
        ("{company_name} 御中", ["{company_name}"]),
        ("｛氏名｝", ["｛氏名｝"]),
        ("東西大学\n【氏名】\n", ["【氏名】"]),
    ],
)
def test_placeholders_are_found(text: str, expected: list[str]) -> None:
    assert placeholders(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "○ 履歴書を同封いたします。",  # a bullet
        "● 持ち物",
        "3×4cmの写真を貼付しました。",  # × in a sentence
        "○×で答える設問がありました。",
        "二〇二六年四月一日",  # 〇 as the kanji zero
        "平成二〇〇〇年",
        "件名：【重要】内定承諾書の送付について",  # real words in brackets
        "［ご案内］説明会について",
        "【日時】12月5日（金）14時から",  # a label and its value
        "【氏名】山田太郎",
        "●●●●●●●●●●●●",  # a separator line
        "- [ ] 書類を送る",  # a Markdown check box
        "taro.yamada@example.com",
        "サイズはXXLです。",
        "{これは括弧で囲んだ、ただの文です。}",
    ],
)
def test_legitimate_text_is_not_a_placeholder(text: str) -> None:
    assert placeholders(text) == []


def test_fill_keeps_offsets_and_reads_numbers_as_numbers() -> None:
    text = "〇〇大学の〇〇です。電話：090-XXXX-XXXX　令和〇年〇月〇日"
    filled = fill(text)
    assert len(filled) == len(text)
    assert "某某大学の某某です" in filled
    assert "090-0000-0000" in filled and "令和0年0月0日" in filled


def test_each_placeholder_is_one_warning_at_its_place() -> None:
    text = "株式会社○○\n人事部 ○○様\n\nお世話になっております。〇〇大学の〇〇です。"
    report = check_text(text, "email", "thanks")
    found = [f for f in report.findings if f.rule == "placeholder-left"]
    assert [text[f.start : f.end] for f in found] == ["○○", "○○", "〇〇", "〇〇"]
    assert {f.severity for f in found} == {"warning"}
    assert found[0].message.startswith("伏せ字（○○）が残っています")
    assert (found[1].line, found[1].column) == (2, 5)


TEMPLATE = """件名：面接のお礼（〇〇大学 〇〇）

株式会社〇〇
人事部 〇〇様

お世話になっております。
〇〇大学〇〇学部の〇〇です。

本日はお忙しい中、面接の機会をいただき、誠にありがとうございました。
貴社の〇〇事業について詳しく伺うことができ、大変勉強になりました。
今後ともよろしくお願い申し上げます。

――――――――――――――――
〇〇大学 〇〇学部 〇年
〇〇 〇〇
電話：090-XXXX-XXXX
メール：xxxx@example.com
――――――――――――――――
"""


def test_a_template_counts_its_slots_as_filled() -> None:
    report = check_text(TEMPLATE, "email", "thanks")
    rules = {f.rule for f in report.findings if f.severity != "info"}
    assert rules == {"placeholder-left"}


def test_the_other_partys_lines_of_a_script_are_not_the_writers_template() -> None:
    script = "受付：〇〇様でいらっしゃいますね。\n自分：はい、東西大学の山田太郎と申します。\n"
    report = check_text(script, "phone", "thanks")
    assert not any(f.rule == "placeholder-left" for f in report.findings)
