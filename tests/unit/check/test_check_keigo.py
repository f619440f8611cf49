"""Keigo and verb forms: double-honorific, humble-overlap, sasete-itadaku-overuse,
sa-insertion, ra-omission — each with the mistakes it must catch and the traps it must not."""

from __future__ import annotations

from naitei.check import Finding, check_text


def flagged(text: str, rule: str, kind: str = "email") -> list[Finding]:
    return [f for f in check_text(text, kind).findings if f.rule == rule]  # type: ignore[arg-type]


def test_sasete_itadaku_three_times_is_one_finding_over_all_of_them() -> None:
    text = "ご連絡させていただきました。説明させていただきます。確認させていただければ幸いです。"
    [finding] = flagged(text, "sasete-itadaku-overuse")
    assert finding.start == text.index("させていただき")
    assert text[finding.start : finding.end].endswith("させていただけ")
    assert "3回" in finding.message
