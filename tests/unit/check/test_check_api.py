"""The checker's public API: shapes, offsets, sorting, contexts, threads, lazy loading."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import FrozenInstanceError, fields

import pytest

from naitei.case import DeclineCase, parse_case
from naitei.check import (
    CheckContext,
    Finding,
    Report,
    active_rules,
    check_text,
    rule_infos,
)
from naitei.check.rules import implemented_rules
from naitei.check.rules.structure import RULES as STRUCTURE_RULES
from tests.support import check_samples as samples
from tests.support.cases import make_case
from tests.support.check_samples import CONTRACT, INFO_RULES, LATER, SEVERITY

BAD = (
    "御社の佐藤部長様がおっしゃられた件、了解しました！\n資料は見れる状態です。ちょっとすみません。"
)


def test_every_contract_rule_is_implemented_with_its_severity() -> None:
    infos = rule_infos()
    assert set(infos) == set(CONTRACT) == implemented_rules()
    assert {rule: info.severity for rule, info in infos.items()} == CONTRACT


def test_a_rules_severity_is_written_once() -> None:
    """The corpus validator's table holds a rule's severity; LATER only the rules it lacks."""
    assert sorted(set(LATER) & (set(SEVERITY) | set(INFO_RULES))) == []


def test_rule_scope_follows_the_contract() -> None:
    assert "onsha-in-writing" in active_rules("email", "withdraw")
    assert "onsha-in-writing" not in active_rules("phone", "withdraw")
    assert "kisha-in-speech" in active_rules("visit", "decline")
    assert "missing-addressee" not in active_rules("phone", "withdraw")
    assert "missing-signature" not in active_rules("visit", "withdraw")
    assert "missing-self-introduction" in active_rules("phone", "decline")
    assert "missing-self-introduction" not in active_rules("visit", "withdraw")
    assert "missing-request" in active_rules("letter", "withdraw")
    assert "missing-request" not in active_rules("email", "decline")
    assert "missing-apology" in active_rules("visit", "decline")


def test_report_shape_and_json_object() -> None:
    report = check_text(BAD, "email")
    assert isinstance(report, Report)
    assert report.kind == "email" and report.purpose == "withdraw"
    assert all(isinstance(finding, Finding) for finding in report.findings)
    data = report.to_dict()
    assert set(data) == {"kind", "findings", "counts", "purpose", "purpose_inferred"}
    assert data["purpose"] == "withdraw" and data["purpose_inferred"] is False
    assert set(data["counts"]) == {"error", "warning", "info"}
    assert sum(data["counts"].values()) == len(report.findings)
    keys = {"rule", "severity", "start", "end", "line", "column", "message", "suggestion", "fix"}
    assert all(set(item) == keys for item in data["findings"])
    assert report.has_errors


def test_counts_always_hold_the_three_severities() -> None:
    report = Report(kind="email", purpose="withdraw", findings=())
    assert report.counts == {"error": 0, "warning": 0, "info": 0}
    assert not report.has_errors


def test_finding_is_frozen() -> None:
    finding = check_text(BAD, "email").findings[0]
    with pytest.raises(FrozenInstanceError):
        finding.start = 3  # type: ignore[misc]
    assert [f.name for f in fields(Finding)][:2] == ["rule", "severity"]


def test_findings_are_sorted_by_start_then_rule() -> None:
    findings = check_text(BAD, "email").findings
    keys = [(f.start, f.rule) for f in findings]
    assert keys == sorted(keys)


def test_offsets_slice_back_to_the_flagged_text() -> None:
    report = check_text(BAD, "email")
    flagged = {(f.rule, BAD[f.start : f.end]) for f in report.findings}
    assert ("onsha-in-writing", "御社") in flagged
    assert ("title-sama", "佐藤部長様") in flagged
    assert ("double-honorific", "おっしゃられた") in flagged
    assert ("ryokai", "了解しました") in flagged
    assert ("informal-symbol", "！") in flagged
    assert ("ra-omission", "見れる") in flagged
    assert ("casual-word", "ちょっと") in flagged
    assert ("sumimasen", "すみません") in flagged


def test_line_and_column_are_one_based_characters() -> None:
    text = "😀\n  御社の件"
    finding = next(f for f in check_text(text, "email").findings if f.rule == "onsha-in-writing")
    assert (finding.start, finding.end) == (4, 6)
    assert (finding.line, finding.column) == (2, 3)


def test_document_level_findings_point_at_the_start() -> None:
    report = check_text("", "email")
    missing = [f for f in report.findings if f.rule.startswith("missing-")]
    # an empty text has no signature at all, so its hint without a contact cannot fire
    assert {f.rule for f in missing} == set(STRUCTURE_RULES) - {"signature-without-contact"}
    assert all((f.start, f.end, f.line, f.column) == (0, 0, 1, 1) for f in missing)


def test_every_message_is_japanese_and_suggestions_differ_from_the_text() -> None:
    report = check_text(BAD, "email")
    for finding in report.findings:
        assert any("\u3040" <= char <= "\u30ff" for char in finding.message)
        assert "{" not in finding.message
        if finding.suggestion is not None and finding.end > finding.start:
            assert finding.suggestion != BAD[finding.start : finding.end]


def test_unknown_kind_or_purpose_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        check_text("本文", "fax")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="purpose"):
        check_text("本文", "email", "apply")  # type: ignore[arg-type]


def test_context_from_a_withdrawal_case() -> None:
    case = make_case(offer__via="agent", offer__agent_name="株式会社キャリア")
    context = CheckContext.from_case(case)
    assert context.company_name == "株式会社サンプル"
    assert context.allowed_names == ("株式会社キャリア", "東西大学")
    assert context.other_company_names == ()
    assert context.applicant_name == "山田 太郎"
    assert context.school == "東西大学"
    assert context.new_grad


def _decline_case() -> DeclineCase:
    case = parse_case(
        {
            "version": 1,
            "purpose": "decline",
            "applicant": {
                "name": "鈴木 花子",
                "kind": "mid_career",
                "current_employer": "前職株式会社",
            },
            "decline": {"reason": "other_offer"},
            "companies": [
                {"name": "株式会社アルファ", "accepted": True},
                {"name": "ベータ工業株式会社", "accepted": False},
                {"name": "有限会社ガンマ", "accepted": False},
            ],
        }
    )
    assert isinstance(case, DeclineCase)
    return case


def test_context_from_a_decline_case_picks_one_company() -> None:
    context = CheckContext.from_case(_decline_case(), company_index=1)
    assert context.company_name == "ベータ工業株式会社"
    assert context.other_company_names == ("株式会社アルファ", "有限会社ガンマ")
    assert context.allowed_names == ("前職株式会社",)
    assert not context.new_grad and context.school is None
    with pytest.raises(IndexError):
        CheckContext.from_case(_decline_case(), company_index=3)


def test_checks_from_several_threads_agree() -> None:
    drafts = [
        (samples.EMAIL_WITHDRAW, "email"),
        (samples.PHONE_WITHDRAW, "phone"),
        (BAD, "email"),
        (samples.LETTER_WITHDRAW, "letter"),
    ]
    expected = [check_text(text, kind) for text, kind in drafts]  # type: ignore[arg-type]
    results: dict[int, list[Report]] = {}

    def work(number: int) -> None:
        results[number] = [check_text(text, kind) for _ in range(5) for text, kind in drafts]  # type: ignore[arg-type]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for reports in results.values():
        assert reports == expected * 5


def test_a_text_longer_than_sudachis_input_limit_is_checked_whole() -> None:
    text = "お世話になっております。\n" * 4000 + "御社の件です。見れる。"
    report = check_text(text, "email")
    onsha = [f for f in report.findings if f.rule == "onsha-in-writing"]
    ra = [f for f in report.findings if f.rule == "ra-omission"]
    assert [text[f.start : f.end] for f in onsha] == ["御社"]
    assert [text[f.start : f.end] for f in ra] == ["見れる"]
    assert onsha[0].line == 4001


def test_a_line_longer_than_sudachis_input_limit_is_split_safely() -> None:
    text = "あ、" * 12000 + "見れる"  # one 72,000-byte line without 。
    report = check_text(text, "email")
    ra = [f for f in report.findings if f.rule == "ra-omission"]
    assert [text[f.start : f.end] for f in ra] == ["見れる"]


def test_importing_the_checker_does_not_load_sudachi() -> None:
    code = "import sys, naitei.check; print('sudachipy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
