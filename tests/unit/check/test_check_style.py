"""Style across sentences: style-mix, long-sentence, repeated-ending, doubled-joshi."""

from __future__ import annotations

from naitei.check import check_text


def flagged(text: str, rule: str, kind: str = "email") -> list[tuple[str, str | None]]:
    report = check_text(text, kind)  # type: ignore[arg-type]
    return [(text[f.start : f.end], f.suggestion) for f in report.findings if f.rule == rule]


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


def test_doubled_particle_in_one_sentence() -> None:
    text = "私は貴社は第一志望だと考えております。"
    report = check_text(text, "email")
    [finding] = [f for f in report.findings if f.rule == "doubled-joshi"]
    assert finding.severity == "info"
    assert text[finding.start : finding.end] == "は"
    assert finding.start == text.index("貴社は") + 2


def test_repeated_ending_needs_the_same_predicate_not_just_masu() -> None:
    text = "先日はお時間をいただきました。資料を拝見しました。改めて検討いたします。"
    assert flagged(text, "repeated-ending") == []
    text = "ご期待に沿えず心苦しく思っております。深く反省しております。大学にも相談しております。"
    report = check_text(text, "email")
    [finding] = [f for f in report.findings if f.rule == "repeated-ending"]
    assert text[finding.start : finding.end] == "ております"
