"""Misses of an independent HR reader (issue 13 §3/§8, /tmp/reader report A1–A9 and D): 貴法人
to a corporation, おられる and くれる to the reader, auxiliaries in kanji, spoken clause links,
plain ので, a reason with no head. Each family, with the sentences that must stay clean, is in
cases/misses13.toml; here what a case cannot say (a finding without a fix)."""

from __future__ import annotations

from naitei.check import check_text


def test_volitional_inside_a_reason_is_advice_only() -> None:
    text = "給与面を考え、他の会社にしようと考えたためでした。"
    report = check_text(text, "letter", "withdraw")
    [finding] = [f for f in report.findings if f.rule == "casual-clause"]
    assert text[finding.start : finding.end] == "しようと考え"
    assert finding.fix is None
