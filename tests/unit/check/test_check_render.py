"""Renderers: text for people, CONTRACTS §6 JSON, textlint's JSON result format."""

from __future__ import annotations

import json

from naitei.check import check_text, render_json, render_text, render_textlint
from naitei.check.render import text_width

TEXT = "株式会社サンプル\n人事部 佐藤様\n\n御社の件で、了解しました！\n"


def test_text_report_shows_line_caret_message_and_fix() -> None:
    report = check_text(TEXT, "email")
    out = render_text(report, TEXT, "draft.txt")
    assert "draft.txt:4:1: エラー: 書き言葉での「御社」（御行・御院などを含む）" in out
    assert "[onsha-in-writing]" not in out  # people read the title; programs read --format json
    assert "    4 | 御社の件で、了解しました！" in out
    assert "修正案: 貴社" in out
    assert "（文書全体）" in out  # missing-* findings
    lines = out.splitlines()
    row = lines.index("    4 | 御社の件で、了解しました！")
    assert lines[row + 1] == "      | ^^^^"  # 御社: two wide characters, four columns
    assert out.rstrip().endswith("が見つかりました。")


def test_caret_is_placed_under_wide_characters() -> None:
    report = check_text("御社の件で、了解しました。", "email")
    out = render_text(report, "御社の件で、了解しました。", "x")
    lines = out.splitlines()
    caret = next(line for line in lines[lines.index("x:1:7: エラー: 目上への「了解」") :] if "^" in line)
    gutter = "      | "
    assert caret.startswith(gutter)
    assert caret[len(gutter) :] == " " * text_width("御社の件で、") + "^" * text_width(
        "了解しました"
    )


def test_text_report_without_findings() -> None:
    text = "株式会社サンプル\n佐藤様\n"
    report = check_text(text, "phone", "decline")
    clean = type(report)(kind=report.kind, purpose=report.purpose, findings=())
    assert render_text(clean, text, "a.txt") == "a.txt: 問題は見つかりませんでした。\n"


def test_json_is_the_contract_object() -> None:
    report = check_text(TEXT, "email")
    data = json.loads(render_json(report))
    assert data == report.to_dict()
    assert "御社" in render_json(report)  # ensure_ascii=False
    assert data["kind"] == "email"


def test_textlint_result_format() -> None:
    report = check_text(TEXT, "email")
    [result] = json.loads(render_textlint(report, TEXT, "/tmp/draft.txt"))
    assert result["filePath"] == "/tmp/draft.txt"
    assert len(result["messages"]) == len(report.findings)
    for message, finding in zip(result["messages"], report.findings, strict=True):
        assert message["type"] == "lint"
        assert message["ruleId"] == finding.rule
        assert message["message"] == finding.message
        assert message["index"] == finding.start
        assert message["range"] == [finding.start, finding.end]
        assert (message["line"], message["column"]) == (finding.line, finding.column)
        assert message["loc"]["start"] == {"line": finding.line, "column": finding.column}
        assert message["severity"] == {"error": 2, "warning": 1, "info": 1}[finding.severity]
        if finding.fix is None:
            assert "fix" not in message
        else:
            assert message["fix"] == {
                "range": [finding.fix.start, finding.fix.end],
                "text": finding.fix.text,
            }
    assert any("fix" in message for message in result["messages"])
    onsha = next(m for m in result["messages"] if m["ruleId"] == "onsha-in-writing")
    assert onsha["loc"]["end"] == {"line": 4, "column": 3}


def test_textlint_counts_utf16_code_units_like_javascript() -> None:
    text = "😀御社"
    report = check_text(text, "email")
    [result] = json.loads(render_textlint(report, text, "t.txt"))
    onsha = next(m for m in result["messages"] if m["ruleId"] == "onsha-in-writing")
    assert onsha["range"] == [2, 4]  # the emoji is two UTF-16 code units
    assert onsha["column"] == 3
    assert onsha["fix"] == {"range": [2, 4], "text": "貴社"}


def test_textlint_fix_only_for_literal_replacements() -> None:
    """title-sama's suggestion (部長 佐藤様 for 佐藤部長様) is advice: no fix object."""
    text = "佐藤部長様\n御社にお伺いします。"
    [result] = json.loads(render_textlint(check_text(text, "email"), text, "t.txt"))
    by_rule = {m["ruleId"]: m for m in result["messages"]}
    assert "fix" not in by_rule["title-sama"]
    assert by_rule["onsha-in-writing"]["fix"]["text"] == "貴社"
