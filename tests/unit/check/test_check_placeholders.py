"""placeholder-left: 伏せ字 left from a template are reported one by one, count as filled
slots for the structure rules, and legitimate text is not taken for one."""

from __future__ import annotations

from pathlib import Path

from naitei.check import check_text
from naitei.check.placeholders import fill, find_placeholders
from tests.support.tables import table

TABLES = Path(__file__).with_name("tables") / "placeholders.toml"


def placeholders(text: str) -> list[str]:
    return [p.text for p in find_placeholders(text)]


@table(TABLES, "found", "text", "expected")
def test_placeholders_are_found(text: str, expected: list[str]) -> None:
    assert placeholders(text) == expected


@table(TABLES, "legitimate", "text")
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
