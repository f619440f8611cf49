"""Style across sentences: style-mix, long-sentence, repeated-ending, doubled-joshi."""

from __future__ import annotations

import pytest

from naitei.check import check_text


def flagged(text: str, rule: str, kind: str = "email") -> list[tuple[str, str | None]]:
    report = check_text(text, kind)  # type: ignore[arg-type]
    return [(text[f.start : f.end], f.suggestion) for f in report.findings if f.rule == rule]


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("お世話になっております。辞退は私の判断の誤りである。", "誤りである", "誤りです"),
        ("お世話になっております。それは事実だ。", "事実だ", "事実です"),
        ("ご連絡いたしました。貴社で働きたいと思う。", "思う", None),
        ("ご連絡いたしました。その日に決めた。", "決めた", None),
        ("ご連絡いたしました。深く反省している。", "反省している", None),
        ("ご連絡いたしました。あれは言い訳であった。", "言い訳であった", "言い訳でした"),
    ],
)
def test_plain_endings_among_polite_ones(text: str, span: str, suggestion: str | None) -> None:
    assert flagged(text, "style-mix") == [(span, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "お世話になっております。よろしくお願いいたします。",
        "ご確認ください。以上です。",
        "ご連絡いたしました。\n以上",
        "判断の誤りであると反省しております。",  # である mid-sentence
        "辞退は私の判断の誤りである。それは事実だ。",  # no polite sentence: not a mix
        "ご検討いただけないでしょうか。何卒よろしくお願い申し上げます。",
        "お忙しいところ恐れ入ります。はい。ありがとうございます。",
        "佐藤様は「扉は開けておく。」とおっしゃいました。",
    ],
)
def test_consistent_or_neutral_endings_are_fine(text: str) -> None:
    assert flagged(text, "style-mix") == []


def test_the_other_party_and_stage_directions_are_not_the_writers_style() -> None:
    text = (
        "自分：お世話になっております。山田と申します。\n"
        "佐藤：ああ、山田さんか。覚えているよ。\n"
        "（不在の場合は、折り返しの時間を伺う。）\n"
        "自分：ありがとうございます。\n"
    )
    assert flagged(text, "style-mix", "phone") == []


def test_a_script_line_in_brackets_is_the_writers_own() -> None:
    text = "「お世話になっております。山田と申します。」\n「辞退は私の誤りである。」\n"
    assert flagged(text, "style-mix", "phone") == [("誤りである", "誤りです")]


def test_long_sentence_is_information() -> None:
    sentence = "このたびは" + "大変" * 40 + "申し訳ございませんでした。"
    report = check_text(sentence, "email")
    [finding] = [f for f in report.findings if f.rule == "long-sentence"]
    assert finding.severity == "info"
    assert (finding.start, finding.end) == (0, len(sentence))


def test_repeated_ending_on_the_third_sentence() -> None:
    text = "連絡いたします。確認いたします。返送いたします。"
    report = check_text(text, "email")
    [finding] = [f for f in report.findings if f.rule == "repeated-ending"]
    assert finding.severity == "info"
    assert finding.start > text.index("返送")


def test_no_repeated_ending_with_variety() -> None:
    text = "連絡いたしました。確認いたします。返送いたしました。"
    assert flagged(text, "repeated-ending") == []


def test_doubled_particle_in_one_sentence() -> None:
    text = "私は貴社は第一志望だと考えております。"
    report = check_text(text, "email")
    [finding] = [f for f in report.findings if f.rule == "doubled-joshi"]
    assert finding.severity == "info"
    assert text[finding.start : finding.end] == "は"
    assert finding.start == text.index("貴社は") + 2


@pytest.mark.parametrize(
    "text",
    [
        "私は、本日には伺えません。",
        "私は貴社を志望しております。今回は辞退します。",
        "はい、はじめまして。",
    ],
)
def test_no_doubled_particle(text: str) -> None:
    assert flagged(text, "doubled-joshi") == []


def test_repeated_ending_needs_the_same_predicate_not_just_masu() -> None:
    text = "先日はお時間をいただきました。資料を拝見しました。改めて検討いたします。"
    assert flagged(text, "repeated-ending") == []
    text = "ご期待に沿えず心苦しく思っております。深く反省しております。大学にも相談しております。"
    report = check_text(text, "email")
    [finding] = [f for f in report.findings if f.rule == "repeated-ending"]
    assert text[finding.start : finding.end] == "ております"


def test_closing_formulas_end_no_run_of_endings() -> None:
    text = "改めてメールでもお送りいたします。今後とも、よろしくお願いいたします。失礼いたします。"
    assert flagged(text, "repeated-ending") == []
